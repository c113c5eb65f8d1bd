package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.GeneratedColumn.int64;
import static io.segmentsascode.duckdb.GeneratedColumn.numeric;
import static io.segmentsascode.duckdb.GeneratedColumn.string;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.List;

/**
 * A/B results per experiment, segment label and variant. The true uplift of B over A is fixed per
 * experiment and label, so whatever the seed, B clearly wins for some audiences (e.g. premium
 * upsell for champions) and makes no real difference for others; the seed only varies volumes.
 */
final class ExperimentResults {

    static final List<GeneratedColumn> COLUMNS = List.of(
            string("experiment_id"),
            string("segment_label"),
            string("variant"),
            int64("impressions"),
            int64("clicks"),
            int64("conversions"),
            numeric("revenue"));

    static final List<String> LABELS =
            List.of("champions", "loyal", "at_risk", "new_high_potential", "premium_email_loyal");

    private record Experiment(String id, double[] upliftByLabel) {}

    /** Relative conversion-rate uplift of B over A, in the order of {@link #LABELS}. */
    private static final List<Experiment> EXPERIMENTS = List.of(
            new Experiment("exp_premium_upsell", new double[] {0.35, 0.03, -0.03, 0.28, 0.45}),
            new Experiment("exp_winback_offer", new double[] {0.00, 0.02, 0.40, -0.04, 0.01}),
            new Experiment("exp_free_shipping", new double[] {0.04, 0.22, 0.10, 0.30, -0.02}));

    private static final double[] AVERAGE_ORDER_BY_LABEL = {140, 95, 70, 160, 210};

    private ExperimentResults() {}

    static void write(TableWriter experiments, RandomDraws draws) throws SQLException {
        for (Experiment experiment : EXPERIMENTS) {
            for (int label = 0; label < LABELS.size(); label++) {
                double clickRate = 0.015 + 0.025 * draws.uniform();
                double conversionRateA = 0.03 + 0.05 * draws.uniform();
                double uplift = experiment.upliftByLabel()[label];
                writeVariant(
                        experiments,
                        experiment.id(),
                        LABELS.get(label),
                        "A",
                        clickRate,
                        conversionRateA,
                        AVERAGE_ORDER_BY_LABEL[label],
                        draws);
                writeVariant(
                        experiments,
                        experiment.id(),
                        LABELS.get(label),
                        "B",
                        clickRate,
                        conversionRateA * (1 + uplift),
                        AVERAGE_ORDER_BY_LABEL[label],
                        draws);
            }
        }
    }

    private static void writeVariant(
            TableWriter experiments,
            String experiment,
            String label,
            String variant,
            double clickRate,
            double conversionRate,
            double averageOrder,
            RandomDraws draws)
            throws SQLException {
        long impressions = draws.between(60_000, 140_000);
        long clicks = Math.round(impressions * clickRate);
        long conversions = Math.round(clicks * conversionRate);
        long revenueCents = Math.round(conversions * averageOrder * (0.95 + 0.1 * draws.uniform()) * 100);
        experiments.append(
                experiment, label, variant, impressions, clicks, conversions, BigDecimal.valueOf(revenueCents, 2));
    }
}

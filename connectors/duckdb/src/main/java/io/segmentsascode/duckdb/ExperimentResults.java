package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.GeneratedColumn.int64;
import static io.segmentsascode.duckdb.GeneratedColumn.numeric;
import static io.segmentsascode.duckdb.GeneratedColumn.string;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.List;

/**
 * A/B results per experiment, segment label and variant. Each variant's users are drawn one by
 * one (converts or not, then a right-skewed order value), so {@code users}, {@code conversions}
 * (converting users), {@code revenue} and {@code revenue_sq_sum} (Σ of each user's revenue
 * squared) are the sums a real per-user log would give. The true effects are fixed, so whatever
 * the seed: {@code exp_premium_upsell} is a clear winner, {@code exp_winback_offer} a clear loser
 * and {@code exp_loyalty_perks} makes no difference; {@code exp_free_shipping} is mixed by label.
 */
final class ExperimentResults {

    static final List<GeneratedColumn> COLUMNS = List.of(
            string("experiment_id"),
            string("segment_label"),
            string("variant"),
            int64("impressions"),
            int64("clicks"),
            int64("conversions"),
            numeric("revenue"),
            int64("users"),
            numeric("revenue_sq_sum"));

    static final List<String> LABELS =
            List.of("champions", "loyal", "at_risk", "new_high_potential", "premium_email_loyal");

    /** True relative uplift of B over A in conversion and in order value, per label in the order of {@link #LABELS}. */
    private record Experiment(String id, double[] conversionUplift, double orderValueUplift) {}

    private static final List<Experiment> EXPERIMENTS = List.of(
            new Experiment("exp_premium_upsell", new double[] {0.35, 0.20, 0.15, 0.28, 0.45}, 0.10),
            new Experiment("exp_winback_offer", new double[] {-0.30, -0.25, -0.20, -0.30, -0.25}, -0.05),
            new Experiment("exp_loyalty_perks", new double[] {0, 0, 0, 0, 0}, 0),
            new Experiment("exp_free_shipping", new double[] {0.04, 0.22, 0.10, 0.30, -0.02}, 0));

    private static final double[] AVERAGE_ORDER_BY_LABEL = {140, 95, 70, 160, 210};
    /** Spread of one user's revenue around the label's average order (log scale). */
    private static final double ORDER_VALUE_SIGMA = 0.6;

    private ExperimentResults() {}

    static void write(TableWriter experiments, RandomDraws draws) throws SQLException {
        for (Experiment experiment : EXPERIMENTS) {
            for (int label = 0; label < LABELS.size(); label++) {
                double clickRate = 0.015 + 0.025 * draws.uniform();
                double conversionRateA = 0.04 + 0.04 * draws.uniform();
                double averageOrder = AVERAGE_ORDER_BY_LABEL[label];
                String labelName = LABELS.get(label);
                Arm control = new Arm(clickRate, conversionRateA, averageOrder);
                Arm treatment = new Arm(
                        clickRate,
                        conversionRateA * (1 + experiment.conversionUplift()[label]),
                        averageOrder * (1 + experiment.orderValueUplift()));
                control.write(experiments, experiment.id(), labelName, "A", draws);
                treatment.write(experiments, experiment.id(), labelName, "B", draws);
            }
        }
    }

    private record Arm(double clickRate, double conversionRate, double averageOrder) {

        void write(TableWriter experiments, String experiment, String label, String variant, RandomDraws draws)
                throws SQLException {
            int users = draws.between(6_000, 12_000);
            long impressions = Math.round(users * (4 + 4 * draws.uniform()));
            long clicks = Math.round(impressions * clickRate);
            long converted = 0;
            BigDecimal revenue = BigDecimal.ZERO;
            BigDecimal squares = BigDecimal.ZERO;
            // a lognormal with this median has the label's average order as its mean
            double median = averageOrder * Math.exp(-ORDER_VALUE_SIGMA * ORDER_VALUE_SIGMA / 2);
            for (int user = 0; user < users; user++) {
                if (draws.chance(conversionRate)) {
                    converted++;
                    BigDecimal spent = BigDecimal.valueOf(draws.logNormal(median, ORDER_VALUE_SIGMA))
                            .setScale(2, RoundingMode.HALF_UP);
                    revenue = revenue.add(spent);
                    squares = squares.add(spent.multiply(spent));
                }
            }
            experiments.append(
                    experiment, label, variant, impressions, clicks, converted, revenue, (long) users, squares);
        }
    }
}

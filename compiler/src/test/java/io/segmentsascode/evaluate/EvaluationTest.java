package io.segmentsascode.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ExperimentMetric;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Evaluation of variant sums: defined behaviour for every shape the table may have. */
class EvaluationTest {

    private static final ExperimentMetric REVENUE = ExperimentMetric.REVENUE_PER_USER;
    private static final ExperimentMetric CONVERSION = ExperimentMetric.CONVERSION_RATE;

    private static ExperimentQuery.VariantTotals row(
            String experiment, String label, String variant, long users, long converted, double revenue) {
        // every converting user spent the same: Σx² = converted · (revenue / converted)²
        double squares = converted == 0 ? 0 : revenue * revenue / converted;
        return new ExperimentQuery.VariantTotals(
                experiment, label, variant, new Arm(users, converted, revenue, squares));
    }

    @Test
    void sortedByRevenuePerUserUpliftWithIncomputableRowsLast() {
        Evaluation evaluation = Evaluation.of(
                List.of(
                        row("exp_a", "small", "A", 10_000, 300, 30_000),
                        row("exp_a", "small", "B", 10_000, 320, 33_000),
                        row("exp_a", "big", "A", 10_000, 300, 30_000),
                        row("exp_a", "big", "B", 10_000, 400, 45_000),
                        row("exp_a", "lonely", "A", 10_000, 300, 30_000)),
                0.95,
                "test");

        assertEquals(
                List.of("big", "small", "lonely"),
                evaluation.byLabel().stream().map(Comparison::label).toList());
        Comparison big = evaluation.byLabel().get(0);
        assertEquals(1.5, big.absoluteUplift(REVENUE), 1e-12);
        assertEquals(0.5, big.relativeUplift(REVENUE), 1e-12);
        assertEquals(0.01, big.absoluteUplift(CONVERSION), 1e-12);
        assertTrue(big.bBeatsA(CONVERSION, 0.95));
    }

    @Test
    void aMissingVariantIsNamedAndNothingIsFlagged() {
        Comparison lonely = Evaluation.of(List.of(row("exp_a", "x", "A", 100, 5, 500)), 0.95, "test")
                .byLabel()
                .get(0);

        assertEquals(List.of("variant B has no rows: nothing to compare"), lonely.notes());
        assertFalse(lonely.bBeatsA(REVENUE, 0.95) || lonely.bBeatsA(CONVERSION, 0.95));
        assertTrue(Double.isNaN(lonely.absoluteUplift(REVENUE)));
    }

    @Test
    void variantsBeyondAAndBAreIgnoredAndSaidSo() {
        Comparison three = Evaluation.of(
                        List.of(
                                row("exp_a", "x", "A", 1_000, 50, 5_000),
                                row("exp_a", "x", "B", 1_000, 60, 6_000),
                                row("exp_a", "x", "C", 1_000, 500, 90_000)),
                        0.95,
                        "test")
                .byLabel()
                .get(0);

        assertEquals(List.of("C"), three.otherVariants());
        assertEquals(List.of("variants C ignored: only A (control) and B (treatment) are compared"), three.notes());
        assertEquals(0.01, three.absoluteUplift(CONVERSION), 1e-12);
    }

    @Test
    void aVariantWithoutUsersHasNoRatesAndNoTest() {
        Comparison empty = Evaluation.of(
                        List.of(row("exp_a", "x", "A", 0, 0, 0), row("exp_a", "x", "B", 1_000, 60, 6_000)),
                        0.95,
                        "test")
                .byLabel()
                .get(0);

        assertTrue(Double.isNaN(empty.value(CONVERSION, empty.a())));
        assertEquals(
                List.of("conversion: a variant has no users", "revenue per user: a variant has fewer than 2 users"),
                empty.notes());
        assertTrue(EvaluationReport.markdown(Evaluation.of(
                        List.of(row("exp_a", "x", "A", 0, 0, 0), row("exp_a", "x", "B", 1_000, 60, 6_000)),
                        0.95,
                        "test"))
                .contains("| n/a |"));
    }

    @Test
    void gatesReadTheExperimentOverAllLabelsAndNeedTheMinimumUplift() {
        Evaluation evaluation = Evaluation.of(
                List.of(
                        row("exp_a", "x", "A", 20_000, 600, 60_000),
                        row("exp_a", "x", "B", 20_000, 720, 75_000),
                        row("exp_a", "y", "A", 20_000, 600, 60_000),
                        row("exp_a", "y", "B", 20_000, 700, 70_000)),
                0.95,
                "test");
        Comparison all = evaluation.experiment("exp_a").orElseThrow();
        assertEquals(Comparison.ALL_LABELS, all.label());
        assertEquals(40_000, all.a().orElseThrow().users());

        PromotionGate passes = PromotionGate.judge(
                new Campaign.Promotion("exp_a", CONVERSION, 0.10, 0.95), Optional.of(evaluation), "");
        PromotionGate tooSmall = PromotionGate.judge(
                new Campaign.Promotion("exp_a", CONVERSION, 0.25, 0.95), Optional.of(evaluation), "");
        PromotionGate unknown = PromotionGate.judge(
                new Campaign.Promotion("exp_b", CONVERSION, 0.10, 0.95), Optional.of(evaluation), "");

        assertTrue(passes.passes(), passes.evidence());
        assertFalse(tooSmall.passes());
        assertTrue(tooSmall.evidence().contains("does not pass: uplift below the minimum"), tooSmall.evidence());
        assertEquals("no rows of exp_b in the experiments table", unknown.evidence());
    }

    @Test
    void theQueryIsOneAggregateSpelledForEachDialect() {
        Warehouse warehouse = new Stages()
                .check(Path.of("..", "segments"), Path.of("..", "campaigns"))
                .warehouse();
        String bigQuery = ExperimentQuery.render(new BigQueryDialect(), warehouse);
        assertTrue(bigQuery.startsWith("SELECT experiment_id, segment_label, variant, SUM(users) AS users,"));
        assertTrue(bigQuery.contains("FROM `" + warehouse.qualifiedName("experiments") + "`"), bigQuery);
        assertTrue(ExperimentQuery.render(new DuckDbDialect(), warehouse).contains("GROUP BY experiment_id"));
        assertEquals(List.of(), ExperimentQuery.missingColumns(warehouse));
    }
}

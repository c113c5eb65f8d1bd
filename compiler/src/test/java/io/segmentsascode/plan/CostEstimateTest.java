package io.segmentsascode.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.model.Budget;
import io.segmentsascode.plan.impact.Finding;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Attribution of a cadence's feature build to its segments, and the budget's cost limit. */
class CostEstimateTest {

    private static final RefreshScan DAILY = new RefreshScan(
            "daily",
            10,
            List.of(
                    new RefreshScan.SegmentScan("seg_c", 5, true),
                    new RefreshScan.SegmentScan("seg_a", 7, true),
                    new RefreshScan.SegmentScan("seg_sql", 1L << 40, false),
                    new RefreshScan.SegmentScan("seg_b", 0, true)),
            List.of("test"));

    @Test
    void theFeatureBuildIsSharedEquallyAmongItsReadersTheRemainderToTheFirstIds() {
        CostEstimate.RefreshCost daily = CostEstimate.of(List.of(DAILY), new BigDecimal("6.25"))
                .refreshes()
                .get(0);

        assertEquals(
                List.of("seg_a 7+4", "seg_b 0+3", "seg_c 5+3", "seg_sql " + (1L << 40) + "+0"),
                daily.segments().stream()
                        .map(s -> s.segmentId() + " " + s.ownBytes() + "+" + s.featureShareBytes())
                        .toList());
        assertEquals((1L << 40) + 22, daily.bytesPerRefresh());
        assertEquals(
                daily.bytesPerRefresh(),
                daily.segments().stream()
                        .mapToLong(CostEstimate.SegmentCost::bytesPerRefresh)
                        .sum());
        assertEquals(new BigDecimal("6.250000"), daily.costPerRefresh());
        assertEquals(new BigDecimal("190.250000"), daily.costPerMonth(), "30.44 runs of 6.25");
    }

    @Test
    void aCostLimitBelowTheMonthIsAnErrorAtTheBudgetAndTheLocalTargetIsNeverOverBudget() {
        Budget budget = new Budget(
                Optional.empty(),
                Optional.of(new BigDecimal("190")),
                Path.of("/p/segments/warehouse.yaml"),
                new Location("segments/warehouse.yaml", 120, 1));

        List<Finding> over =
                BudgetCheck.check(Optional.of(budget), CostEstimate.of(List.of(DAILY), new BigDecimal("6.25")));

        assertEquals(1, over.size());
        assertEquals("segments/warehouse.yaml:120:1", over.get(0).location());
        assertTrue(
                over.get(0).message().contains("190.250000 USD per month"),
                over.get(0).message());
        assertTrue(
                over.get(0).message().contains("the costliest segments: seg_sql 30.44 TiB/month"),
                over.get(0).message());
        assertEquals(List.of(), BudgetCheck.check(Optional.of(budget), CostEstimate.notApplicable("local")));
        assertEquals(
                List.of(),
                BudgetCheck.check(Optional.of(budget), CostEstimate.of(List.of(DAILY), new BigDecimal("6"))));
    }
}

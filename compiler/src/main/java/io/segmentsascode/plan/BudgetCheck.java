package io.segmentsascode.plan;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.Budget;
import io.segmentsascode.plan.impact.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * warehouse.yaml's budget against the plan's cost estimate. Scheduled queries cannot carry
 * {@code maximumBytesBilled}, so this check is what stops a change from scheduling more scanning
 * than the budget allows: exceeding it is an error at the budget's line, naming the segments that
 * cost the most, so the author knows where to cut.
 */
public final class BudgetCheck {

    static final String CODE = "over-budget";
    /** How many of the costliest segments an over-budget finding names. */
    static final int NAMED = 5;

    private BudgetCheck() {}

    public static List<Finding> check(Optional<Budget> declared, CostEstimate cost) {
        if (declared.isEmpty() || !cost.applicable()) {
            return List.of();
        }
        Budget budget = declared.get();
        List<String> over = new ArrayList<>();
        budget.maxBytesPerMonth()
                .filter(max -> cost.bytesPerMonth() > max)
                .ifPresent(max -> over.add(ByteSize.format(cost.bytesPerMonth()) + " (" + cost.bytesPerMonth()
                        + " bytes) per month, more than max_bytes_per_month " + ByteSize.format(max) + " (" + max
                        + " bytes)"));
        budget.maxCostPerMonth()
                .filter(max -> cost.costPerMonth().compareTo(max) > 0)
                .ifPresent(max -> over.add(cost.costPerMonth().toPlainString() + " " + cost.currency()
                        + " per month at " + cost.pricePerTib().toPlainString() + " per TiB, more than"
                        + " max_cost_per_month " + max.toPlainString()));
        if (over.isEmpty()) {
            return List.of();
        }
        String costliest = cost.costliest(NAMED).stream()
                .map(s -> s.segmentId() + " " + ByteSize.format(s.bytesPerMonth()) + "/month (" + s.cadence() + ", "
                        + ByteSize.format(s.bytesPerRefresh()) + " per refresh)")
                .collect(Collectors.joining(", "));
        return List.of(new Finding(
                Severity.ERROR,
                CODE,
                "budget",
                "the scheduled refreshes would process " + String.join(" and ", over)
                        + "; the costliest segments: " + costliest
                        + ". Narrow or retire some of them, move them to a weekly refresh, or raise the budget",
                Finding.locationOf(budget.file(), budget.declaredAt())));
    }
}

package io.segmentsascode.evaluate;

import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ExperimentMetric;
import java.util.Locale;
import java.util.Optional;

/**
 * A mapping's {@code promote_when} judged on the experiment's comparison over all its segment
 * labels: it passes when B beats A on the metric at the gate's confidence and B's relative
 * uplift reaches the gate's minimum. {@code evidence} says what was found, in words for the plan.
 */
public record PromotionGate(Campaign.Promotion gate, boolean passes, String evidence) {

    /**
     * @param evaluation empty when the experiments cannot be read ({@code unavailable} says why)
     */
    public static PromotionGate judge(Campaign.Promotion gate, Optional<Evaluation> evaluation, String unavailable) {
        if (evaluation.isEmpty()) {
            return new PromotionGate(gate, false, unavailable);
        }
        Optional<Comparison> found = evaluation.get().experiment(gate.experiment());
        if (found.isEmpty()) {
            return new PromotionGate(gate, false, "no rows of " + gate.experiment() + " in the experiments table");
        }
        Comparison comparison = found.get();
        ExperimentMetric metric = gate.metric();
        Significance.Outcome test = comparison.test(metric);
        String requirement = String.format(
                Locale.ROOT,
                "needs B ≥ %s over A at %s confidence",
                Figures.percent(gate.minUplift()),
                Figures.percent(gate.confidence()));
        if (!test.defined()) {
            return new PromotionGate(
                    gate, false, "no result: " + test.undefined().orElseThrow() + "; " + requirement);
        }
        double uplift = comparison.relativeUplift(metric);
        boolean significant = test.bBeatsA(gate.confidence());
        boolean largeEnough = uplift >= gate.minUplift();
        String verdict = significant && largeEnough
                ? "passes"
                : "does not pass: "
                        + (significant ? "uplift below the minimum" : "B does not beat A at this confidence");
        String observed = String.format(
                Locale.ROOT,
                "%s %s B %s vs A %s (%s, %s, %,d vs %,d users)",
                gate.experiment(),
                metric.label(),
                Figures.value(metric, comparison.value(metric, comparison.b())),
                Figures.value(metric, comparison.value(metric, comparison.a())),
                Figures.signedPercent(uplift),
                Figures.pClause(test.pValue()),
                comparison.b().orElseThrow().users(),
                comparison.a().orElseThrow().users());
        return new PromotionGate(
                gate, significant && largeEnough, observed + ": " + verdict + " (" + requirement + ")");
    }
}

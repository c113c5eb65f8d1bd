package io.segmentsascode.evaluate;

import io.segmentsascode.model.ExperimentMetric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every experiment's A/B comparison per segment label, sorted by the uplift in revenue per user
 * (largest first, incomputable last), and per experiment over all labels (what promotion gates
 * read). {@code confidence} decides the flags.
 */
public record Evaluation(
        double confidence,
        String dataLabel,
        List<Comparison> byLabel,
        List<Comparison> byExperiment,
        List<Comparison> holdouts) {

    public Evaluation {
        byLabel = List.copyOf(byLabel);
        byExperiment = List.copyOf(byExperiment);
        holdouts = List.copyOf(holdouts);
    }

    /** The same evaluation with mappings' control groups compared with their treated members. */
    public Evaluation withHoldouts(List<Comparison> comparisons) {
        return new Evaluation(confidence, dataLabel, byLabel, byExperiment, comparisons);
    }

    public static Evaluation of(List<ExperimentQuery.VariantTotals> rows, double confidence, String dataLabel) {
        Map<String, Map<String, Map<String, Arm>>> byExperimentAndLabel = new TreeMap<>();
        Map<String, Map<String, Arm>> pooled = new TreeMap<>();
        for (ExperimentQuery.VariantTotals row : rows) {
            byExperimentAndLabel
                    .computeIfAbsent(row.experiment(), e -> new TreeMap<>())
                    .computeIfAbsent(row.label(), l -> new LinkedHashMap<>())
                    .merge(row.variant(), row.arm(), Arm::plus);
            pooled.computeIfAbsent(row.experiment(), e -> new LinkedHashMap<>())
                    .merge(row.variant(), row.arm(), Arm::plus);
        }
        List<Comparison> byLabel = new ArrayList<>();
        byExperimentAndLabel.forEach((experiment, labels) ->
                labels.forEach((label, variants) -> byLabel.add(Comparison.of(experiment, label, variants))));
        byLabel.sort(BY_REVENUE_UPLIFT);
        List<Comparison> byExperiment = new ArrayList<>();
        pooled.forEach(
                (experiment, variants) -> byExperiment.add(Comparison.of(experiment, Comparison.ALL_LABELS, variants)));
        return new Evaluation(confidence, dataLabel, byLabel, byExperiment, List.of());
    }

    private static final Comparator<Comparison> BY_REVENUE_UPLIFT = Comparator.comparing(
                    (Comparison c) -> Double.isNaN(c.absoluteUplift(ExperimentMetric.REVENUE_PER_USER)))
            .thenComparing(c -> -c.absoluteUplift(ExperimentMetric.REVENUE_PER_USER))
            .thenComparing(Comparison::experiment)
            .thenComparing(Comparison::label);

    public Optional<Comparison> experiment(String id) {
        return byExperiment.stream().filter(c -> c.experiment().equals(id)).findFirst();
    }
}

package io.segmentsascode.evaluate;

import io.segmentsascode.model.ExperimentMetric;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A (control) against B (treatment) for one experiment and segment label. A missing variant, a
 * variant without users and variants other than A and B are not errors: the comparison says so
 * in {@link #notes()} and its tests are undefined where they cannot be computed.
 */
public record Comparison(
        String experiment,
        String label,
        Optional<Arm> a,
        Optional<Arm> b,
        List<String> otherVariants,
        Significance.Outcome conversion,
        Significance.Outcome revenue) {

    public static final String CONTROL = "A";
    public static final String TREATMENT = "B";
    /** The label of an experiment's comparison over all its segment labels. */
    public static final String ALL_LABELS = "(all labels)";

    public Comparison {
        otherVariants = List.copyOf(otherVariants);
    }

    static Comparison of(String experiment, String label, Map<String, Arm> byVariant) {
        Optional<Arm> a = Optional.ofNullable(byVariant.get(CONTROL));
        Optional<Arm> b = Optional.ofNullable(byVariant.get(TREATMENT));
        List<String> others = new ArrayList<>(new TreeMap<>(byVariant).keySet());
        others.removeAll(List.of(CONTROL, TREATMENT));
        if (a.isEmpty() || b.isEmpty()) {
            Significance.Outcome missing = Significance.Outcome.undefined(
                    "variant " + (a.isEmpty() ? CONTROL : TREATMENT) + " has no rows: nothing to compare");
            return new Comparison(experiment, label, a, b, others, missing, missing);
        }
        return new Comparison(
                experiment,
                label,
                a,
                b,
                others,
                Significance.twoProportionZ(
                        a.get().converted(),
                        a.get().users(),
                        b.get().converted(),
                        b.get().users()),
                Significance.welchT(a.get().revenueSample(), b.get().revenueSample()));
    }

    public Significance.Outcome test(ExperimentMetric metric) {
        return metric == ExperimentMetric.CONVERSION_RATE ? conversion : revenue;
    }

    /** The metric's value for a variant; NaN where the variant is missing or has no users. */
    public double value(ExperimentMetric metric, Optional<Arm> arm) {
        return arm.map(v -> metric == ExperimentMetric.CONVERSION_RATE ? v.conversionRate() : v.revenuePerUser())
                .orElse(Double.NaN);
    }

    /** B − A. */
    public double absoluteUplift(ExperimentMetric metric) {
        return value(metric, b) - value(metric, a);
    }

    /** B / A − 1; NaN where A is zero. */
    public double relativeUplift(ExperimentMetric metric) {
        double control = value(metric, a);
        return control == 0 ? Double.NaN : value(metric, b) / control - 1;
    }

    public boolean bBeatsA(ExperimentMetric metric, double confidence) {
        return test(metric).bBeatsA(confidence);
    }

    /** Why part of this comparison has no figure, in words for the reports; empty when all is computed. */
    public List<String> notes() {
        List<String> notes = new ArrayList<>();
        if (!otherVariants.isEmpty()) {
            notes.add("variants " + String.join(", ", otherVariants)
                    + " ignored: only A (control) and B (treatment) are" + " compared");
        }
        if (conversion.undefined().isPresent() && conversion.undefined().equals(revenue.undefined())) {
            notes.add(conversion.undefined().get());
        } else {
            conversion.undefined().ifPresent(why -> notes.add("conversion: " + why));
            revenue.undefined().ifPresent(why -> notes.add("revenue per user: " + why));
        }
        return notes;
    }
}

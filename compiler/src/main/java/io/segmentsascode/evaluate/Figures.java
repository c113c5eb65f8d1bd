package io.segmentsascode.evaluate;

import io.segmentsascode.model.ExperimentMetric;
import java.util.Locale;

/** How evaluate's numbers read in every report: the same rounding in console, Markdown and HTML. */
public final class Figures {

    private Figures() {}

    public static String percent(double share) {
        return trimmed(String.format(Locale.ROOT, "%.1f", share * 100)) + " %";
    }

    /** An uplift with its sign; "n/a" where it cannot be computed. */
    public static String signedPercent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%+.1f %%", share * 100);
    }

    /** A conversion rate as a percentage with two decimals, revenue per user with two decimals. */
    public static String value(ExperimentMetric metric, double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return metric == ExperimentMetric.CONVERSION_RATE
                ? String.format(Locale.ROOT, "%.2f %%", value * 100)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    /** The difference B − A in the metric's unit. */
    public static String difference(ExperimentMetric metric, double difference) {
        if (Double.isNaN(difference)) {
            return "n/a";
        }
        return metric == ExperimentMetric.CONVERSION_RATE
                ? String.format(Locale.ROOT, "%+.2f pp", difference * 100)
                : String.format(Locale.ROOT, "%+.2f", difference);
    }

    /** Three significant digits, and "< 0.0001" below that, so a tiny p never reads as 0. */
    public static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    /** "p = 0.0123" or "p < 0.0001", for prose. */
    public static String pClause(double p) {
        String value = pValue(p);
        return value.startsWith("<") ? "p " + value : "p = " + value;
    }

    private static String trimmed(String number) {
        return number.endsWith(".0") ? number.substring(0, number.length() - 2) : number;
    }
}

package io.segmentsascode.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a promotion gate measures on the {@code experiments} table, and the columns it needs
 * there: a gate the table cannot support is refused when the mapping is resolved.
 */
public enum ExperimentMetric {
    /** Converting users over users, per variant. */
    CONVERSION_RATE("conversion_rate", List.of("users", "conversions")),
    /** Revenue over users; its variance needs the per-user sum of squares. */
    REVENUE_PER_USER("revenue_per_user", List.of("users", "revenue", "revenue_sq_sum"));

    /** The table experiments are logged in, and the columns every comparison groups by. */
    public static final String TABLE = "experiments";

    public static final List<String> KEY_COLUMNS = List.of("experiment_id", "segment_label", "variant");

    private final String label;
    private final List<String> columns;

    ExperimentMetric(String label, List<String> columns) {
        this.label = label;
        this.columns = columns;
    }

    public String label() {
        return label;
    }

    /** Columns of {@link #TABLE} this metric is computed from, besides {@link #KEY_COLUMNS}. */
    public List<String> columns() {
        return columns;
    }

    public static Optional<ExperimentMetric> parse(String label) {
        return Arrays.stream(values()).filter(m -> m.label.equals(label)).findFirst();
    }
}

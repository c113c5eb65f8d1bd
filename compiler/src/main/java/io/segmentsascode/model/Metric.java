package io.segmentsascode.model;

import java.util.Optional;

/** A named per-user number: one aggregate, or the ratio of two (NULL when the denominator is 0). */
public record Metric(String name, String description, Aggregate aggregate, Optional<Aggregate> denominator) {

    public boolean isRatio() {
        return denominator.isPresent();
    }

    public ColumnType type() {
        return isRatio() ? ColumnType.FLOAT64 : aggregate.resultType();
    }
}

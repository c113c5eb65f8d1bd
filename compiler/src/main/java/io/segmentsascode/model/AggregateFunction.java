package io.segmentsascode.model;

public enum AggregateFunction {
    COUNT,
    SUM,
    MIN,
    MAX,
    COUNT_DISTINCT;

    /** Counts and sums of users without rows are 0, not NULL. */
    public boolean zeroWhenNoRows() {
        return this == COUNT || this == COUNT_DISTINCT || this == SUM;
    }
}

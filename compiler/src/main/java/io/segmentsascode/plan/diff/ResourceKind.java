package io.segmentsascode.plan.diff;

/**
 * What a target manages: a materialised segment table, the scheduled query that refreshes a
 * warehouse's tables of one cadence (BigQuery), or a Customer Match audience. The order is the
 * order of creation: tables, then what fills them, then the audiences read from them.
 */
public enum ResourceKind {
    SEGMENT_TABLE("segment table"),
    SCHEDULED_QUERY("scheduled query"),
    AUDIENCE("audience");

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

package io.segmentsascode.plan.diff;

/** What a target manages: a materialised segment table, or a Customer Match audience. */
public enum ResourceKind {
    SEGMENT_TABLE("segment table"),
    AUDIENCE("audience");

    private final String label;

    ResourceKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

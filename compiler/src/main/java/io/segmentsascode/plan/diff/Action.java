package io.segmentsascode.plan.diff;

/** What applying a plan does to one resource; symbols as in Terraform's plan output. */
public enum Action {
    CREATE("+", "create"),
    UPDATE("~", "update"),
    REPAIR("!", "repair drift"),
    DELETE("-", "delete"),
    KEEP("-", "would delete (needs -Dsegments.prune=true)"),
    UNCHANGED(" ", "unchanged"),
    UNMANAGED("?", "not managed by segments (never touched)");

    private final String symbol;
    private final String label;

    Action(String symbol, String label) {
        this.symbol = symbol;
        this.label = label;
    }

    public String symbol() {
        return symbol;
    }

    public String label() {
        return label;
    }

    /** Whether applying the plan changes the target for this resource. */
    public boolean changesTarget() {
        return this == CREATE || this == UPDATE || this == REPAIR || this == DELETE;
    }
}

package io.segmentsascode.expr;

/** What a name in a condition holds; comparisons need both sides of one family. */
public enum ValueType {
    NUMBER, STRING, BOOLEAN, TIMESTAMP, DATE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

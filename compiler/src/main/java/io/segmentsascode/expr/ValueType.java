package io.segmentsascode.expr;

import java.util.Locale;

/** What a name in a condition holds; comparisons need both sides of one family. */
public enum ValueType {
    NUMBER,
    STRING,
    BOOLEAN,
    TIMESTAMP,
    DATE,
    /** An ARRAY or STRUCT column: conditions never compare it (SQL segments read it with UNNEST or field access). */
    NESTED;

    public String label() {
        return this == NESTED ? "array or struct" : name().toLowerCase(Locale.ROOT);
    }
}

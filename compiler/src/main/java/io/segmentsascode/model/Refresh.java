package io.segmentsascode.model;

import java.util.Locale;

public enum Refresh {
    DAILY,
    WEEKLY;

    public static Refresh parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.segmentsascode.model;

import java.util.Locale;

/** Lifecycle of a segment or mapping: experimental mappings hold a small test budget. */
public enum Stage {
    EXPERIMENTAL,
    PRODUCTION,
    RETIRED;

    public static Stage parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Location;

/** A scalar with the type YAML 1.2's core schema resolves it to (so {@code yes} stays a string). */
public record YScalar(Location location, String text, ScalarType type, Style style) implements YNode {

    public enum ScalarType {
        STRING,
        INTEGER,
        FLOAT,
        BOOLEAN,
        NULL
    }

    /** How the text was written, so a position inside the text can be mapped back to the file. */
    public enum Style {
        PLAIN,
        QUOTED,
        BLOCK
    }

    /**
     * File position of the character at {@code offset} in {@link #text()}. Exact for plain and
     * quoted scalars on one line; block scalars point at the scalar itself.
     */
    public Location locationOf(int offset) {
        if (style == Style.BLOCK || text.indexOf('\n') >= 0) {
            return location;
        }
        int shift = style == Style.QUOTED ? 1 : 0;
        return new Location(location.file(), location.line(), location.column() + shift + offset);
    }

    @Override
    public String describe() {
        return type == ScalarType.STRING ? "'" + text + "'" : text;
    }
}

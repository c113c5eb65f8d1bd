package io.segmentsascode.model;

/** A column type that does not parse; {@code offset} points into the type's text. */
public final class DataTypeSyntaxException extends Exception {

    private final int offset;
    private final String hint;

    public DataTypeSyntaxException(String message, int offset, String hint) {
        super(message);
        this.offset = offset;
        this.hint = hint;
    }

    public int offset() {
        return offset;
    }

    public String hint() {
        return hint;
    }
}

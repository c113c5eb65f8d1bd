package io.segmentsascode.diagnostics;

/**
 * Text in one of the project's small languages (a condition, a column type) that does not parse;
 * {@code offset} points into that text, so the caller can locate it in the file it came from.
 */
public final class TextSyntaxException extends Exception {

    private final int offset;
    private final String hint;

    public TextSyntaxException(String message, int offset, String hint) {
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

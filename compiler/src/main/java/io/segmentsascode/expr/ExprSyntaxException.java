package io.segmentsascode.expr;

/** A condition that does not parse; {@code offset} points into the condition's text. */
public final class ExprSyntaxException extends Exception {

    private final int offset;
    private final String hint;

    public ExprSyntaxException(String message, int offset, String hint) {
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

package io.segmentsascode.render;

/**
 * A construct of a query that the preview engine cannot run with BigQuery's meaning. Carries the
 * position in the query text (1-based) so the message can point at it; previews say so instead
 * of showing wrong numbers.
 */
public final class UnpreviewableSqlException extends RuntimeException {

    private final int line;
    private final int column;

    public UnpreviewableSqlException(String message, int line, int column) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}

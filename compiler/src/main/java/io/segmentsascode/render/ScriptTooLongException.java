package io.segmentsascode.render;

/** A statement, or the swap of a cadence, longer than the engine accepts in one query text even after splitting. */
public final class ScriptTooLongException extends RuntimeException {

    public ScriptTooLongException(String message) {
        super(message);
    }
}

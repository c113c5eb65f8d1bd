package io.segmentsascode.intent;

/** The model could not be reached or kept failing (after the client's retries); not a user mistake. */
public final class IntentModelException extends RuntimeException {

    public IntentModelException(String message, Throwable cause) {
        super(message, cause);
    }

    public IntentModelException(String message) {
        super(message);
    }
}

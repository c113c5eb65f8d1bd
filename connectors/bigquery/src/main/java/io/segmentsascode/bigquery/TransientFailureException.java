package io.segmentsascode.bigquery;

/**
 * Google kept answering "try again later" beyond the retry budget. Nothing is lost: every
 * applied step is marked on the target, so the next apply re-plans from there.
 */
public final class TransientFailureException extends RuntimeException {

    public TransientFailureException(String what, int attempts, String lastError, Throwable cause) {
        super(
                what + " failed " + attempts + " times in a row (last: " + lastError
                        + "); Google is rate-limiting or unavailable. What was applied so far is marked on the"
                        + " target: run apply again later and it resumes from there",
                cause);
    }
}

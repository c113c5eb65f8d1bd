package io.segmentsascode.fakes;

/** An error the BigQuery fake answers in BigQuery's JSON error shape (also usable by custom {@link QueryEngine}s). */
public class BigQueryError extends RuntimeException {
    private final int httpStatus;
    private final String reason;

    public BigQueryError(int httpStatus, String reason, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.reason = reason;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String reason() {
        return reason;
    }

    public static BigQueryError notFound(String what) {
        return new BigQueryError(404, "notFound", "Not found: " + what);
    }

    public static BigQueryError duplicate(String what) {
        return new BigQueryError(409, "duplicate", "Already Exists: " + what);
    }

    public static BigQueryError invalidQuery(String message) {
        return new BigQueryError(400, "invalidQuery", message);
    }

    public static BigQueryError invalid(String message) {
        return new BigQueryError(400, "invalid", message);
    }
}

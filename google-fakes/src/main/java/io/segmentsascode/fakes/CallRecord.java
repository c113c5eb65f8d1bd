package io.segmentsascode.fakes;

/**
 * One call a fake received, in arrival order.
 *
 * @param seq      position in the fake's log (0-based)
 * @param api      {@code "bigquery"} or {@code "datatransfer"}
 * @param method   e.g. {@code "tables.patch"}, {@code "jobs.query"}, {@code "UpdateTransferConfig"}
 * @param target   resource path (HTTP) or resource name (gRPC) the call addressed
 * @param request  the request body as JSON (BigQuery: gunzipped body; DTS: the proto printed by JsonFormat)
 * @param mutating whether the call changes state when it succeeds (for query jobs: whether the engine saw DDL/DML)
 * @param outcome  {@code "OK"}, or the error answered: {@code "UNAVAILABLE"}, {@code "429 rateLimitExceeded"} ...
 * @param applied  whether the fake carried the call out: true for OK, and for a fault scripted with
 *                 {@link Faults#failNextAfterApplying} (the client saw an error although the change happened)
 */
public record CallRecord(
        int seq,
        String api,
        String method,
        String target,
        String request,
        boolean mutating,
        String outcome,
        boolean applied) {
    public boolean ok() {
        return "OK".equals(outcome);
    }
}

package io.segmentsascode.fakes;

import io.grpc.Status;

/**
 * One injected failure. The same fault can be thrown by either fake: FakeBigQuery answers with {@link #httpStatus}
 * and {@link #reason} in BigQuery's JSON error shape, FakeDataTransfer with {@link #grpcCode}.
 */
public record Fault(int httpStatus, String reason, Status.Code grpcCode, String message) {

    public static Fault grpc(Status.Code code) {
        return new Fault(httpFor(code), reasonFor(code), code, "injected " + code);
    }

    public static Fault grpc(Status.Code code, String message) {
        return new Fault(httpFor(code), reasonFor(code), code, message);
    }

    /** BigQuery-style: 429 rateLimitExceeded, 500 backendError, 503 backendError, 403 quotaExceeded ... */
    public static Fault http(int status, String reason) {
        return new Fault(status, reason, grpcFor(status), "injected " + status + " " + reason);
    }

    public static Fault http(int status, String reason, String message) {
        return new Fault(status, reason, grpcFor(status), message);
    }

    public static Fault rateLimitExceeded() {
        return http(
                429,
                "rateLimitExceeded",
                "Exceeded rate limits: too many api requests per user per method for this user_method.");
    }

    public static Fault backendError() {
        return http(500, "backendError", "An internal error occurred and the request could not be completed.");
    }

    public static Fault unavailable() {
        return new Fault(503, "backendError", Status.Code.UNAVAILABLE, "The service is currently unavailable.");
    }

    /** What a call gets once the fake has "crashed" (see {@link Faults#crashAfterMutations(int)}). */
    static Fault crashed() {
        return new Fault(503, "backendError", Status.Code.UNAVAILABLE, "fake crashed (crashAfterMutations)");
    }

    static String statusText(int http) {
        return switch (http) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 501 -> "NOT_IMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> http >= 500 ? "INTERNAL" : "UNKNOWN";
        };
    }

    private static int httpFor(Status.Code c) {
        return switch (c) {
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            case UNIMPLEMENTED -> 501;
            default -> 500;
        };
    }

    private static String reasonFor(Status.Code c) {
        return switch (c) {
            case RESOURCE_EXHAUSTED -> "rateLimitExceeded";
            case NOT_FOUND -> "notFound";
            case ALREADY_EXISTS -> "duplicate";
            case INVALID_ARGUMENT -> "invalid";
            case PERMISSION_DENIED -> "accessDenied";
            default -> "backendError";
        };
    }

    private static Status.Code grpcFor(int http) {
        return switch (http) {
            case 400 -> Status.Code.INVALID_ARGUMENT;
            case 401 -> Status.Code.UNAUTHENTICATED;
            case 403 -> Status.Code.PERMISSION_DENIED;
            case 404 -> Status.Code.NOT_FOUND;
            case 409 -> Status.Code.ALREADY_EXISTS;
            case 429 -> Status.Code.RESOURCE_EXHAUSTED;
            case 503 -> Status.Code.UNAVAILABLE;
            case 504 -> Status.Code.DEADLINE_EXCEEDED;
            default -> Status.Code.INTERNAL;
        };
    }
}

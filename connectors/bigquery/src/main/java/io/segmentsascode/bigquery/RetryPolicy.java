package io.segmentsascode.bigquery;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import io.segmentsascode.spi.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one retry policy of the BigQuery target, for both APIs: the connectors' {@link Backoff}
 * (bounded attempts, exponential backoff with full jitter) on the failures that say "try again later" (429, 5xx, UNAVAILABLE,
 * DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, and BigQuery's 403 rateLimitExceeded, which no client
 * retries). The clients' own retries are switched off ({@link GoogleClients}), because they differ
 * per method (Data Transfer's create, update and start retry nothing; BigQuery's table inserts
 * neither) and stacking two policies multiplies the attempts.
 *
 * <p>A retry must not repeat an effect: callers make each attempt idempotent (list before
 * creating a scheduled query, treat "already exists" as done, conditional DML for the lease).
 */
public final class RetryPolicy {

    private static final Set<Integer> RETRYABLE_HTTP = Set.of(429, 500, 502, 503, 504);
    private static final Set<StatusCode.Code> RETRYABLE_GRPC = Set.of(
            StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.DEADLINE_EXCEEDED,
            StatusCode.Code.RESOURCE_EXHAUSTED,
            StatusCode.Code.INTERNAL);
    private static final Set<String> RETRYABLE_REASONS = Set.of("rateLimitExceeded", "backendError", "internalError");

    private final Backoff backoff;

    /** @param sleeper waits between attempts; tests pass one that does not sleep */
    public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Backoff.Sleeper sleeper) {
        this.backoff =
                new Backoff(maxAttempts, initialDelay, maxDelay, Duration.ZERO, Duration.ZERO, sleeper, new Random());
    }

    /** 6 attempts, 1 s doubling up to 32 s: at most about a minute of waiting, like the clients' defaults. */
    public static RetryPolicy standard() {
        return new RetryPolicy(
                6, Duration.ofSeconds(1), Duration.ofSeconds(32), duration -> Thread.sleep(duration.toMillis()));
    }

    public int maxAttempts() {
        return backoff.attempts();
    }

    /**
     * Runs {@code call}, again after a transient failure, at most {@link #maxAttempts} times.
     * {@code what}: the operation as an error should name it.
     *
     * @throws TransientFailureException when every attempt failed transiently
     */
    public <T> T call(String what, Supplier<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (attempt == backoff.attempts()) {
                    throw new TransientFailureException(what, attempt, describe(e), e);
                }
                pause(backoff.beforeRetry(attempt));
            }
        }
    }

    public void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** Waits, e.g. between polls of a running transfer; an interrupt stops the apply. */
    void pause(Duration duration) {
        if (!backoff.pause(duration)) {
            throw new IllegalStateException("interrupted while waiting to retry");
        }
    }

    static boolean isTransient(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BigQueryException bq) {
                BigQueryError error = bq.getError();
                String reason = error == null ? "" : error.getReason();
                if (RETRYABLE_HTTP.contains(bq.getCode())
                        || (bq.getCode() == 403 && "rateLimitExceeded".equals(reason))
                        || RETRYABLE_REASONS.contains(reason)) {
                    return true;
                }
                // the client reports I/O failures (connection refused or reset) as code 0
                return bq.getCode() == 0 && bq.getCause() instanceof IOException;
            }
            if (cause instanceof ApiException api) {
                return RETRYABLE_GRPC.contains(api.getStatusCode().getCode());
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BigQueryException bq) {
                BigQueryError error = bq.getError();
                return "HTTP " + bq.getCode() + (error == null ? "" : " " + error.getReason()) + ": " + bq.getMessage();
            }
            if (cause instanceof ApiException api) {
                return api.getStatusCode().getCode() + ": " + api.getMessage();
            }
        }
        return e.toString();
    }
}

package io.segmentsascode.bigquery;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The one retry policy of the BigQuery target, for both APIs: bounded attempts, exponential
 * backoff with full jitter, on the failures that say "try again later" (429, 5xx, UNAVAILABLE,
 * DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, and BigQuery's 403 rateLimitExceeded, which no client
 * retries). The clients' own retries are switched off ({@link GoogleClients}), because they differ
 * per method (Data Transfer's create, update and start retry nothing; BigQuery's table inserts
 * neither) and stacking two policies multiplies the attempts.
 *
 * <p>A retry must not repeat an effect: callers make each attempt idempotent (list before
 * creating a scheduled query, treat "already exists" as done, conditional DML for the lease).
 */
public final class RetryPolicy {

    /** Waits between attempts; tests pass one that does not sleep. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Set<Integer> RETRYABLE_HTTP = Set.of(429, 500, 502, 503, 504);
    private static final Set<StatusCode.Code> RETRYABLE_GRPC = Set.of(
            StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.DEADLINE_EXCEEDED,
            StatusCode.Code.RESOURCE_EXHAUSTED,
            StatusCode.Code.INTERNAL);
    private static final Set<String> RETRYABLE_REASONS = Set.of("rateLimitExceeded", "backendError", "internalError");

    private final int maxAttempts;
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Sleeper sleeper;

    public RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Sleeper sleeper) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
        this.maxAttempts = maxAttempts;
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.sleeper = sleeper;
    }

    /** 6 attempts, 1 s doubling up to 32 s: at most about a minute of waiting, like the clients' defaults. */
    public static RetryPolicy standard() {
        return new RetryPolicy(
                6, Duration.ofSeconds(1), Duration.ofSeconds(32), duration -> Thread.sleep(duration.toMillis()));
    }

    public int maxAttempts() {
        return maxAttempts;
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
                if (attempt == maxAttempts) {
                    throw new TransientFailureException(what, attempt, describe(e), e);
                }
                pause(backoff(attempt));
            }
        }
    }

    public void run(String what, Runnable call) {
        call(what, () -> {
            call.run();
            return null;
        });
    }

    /** Full jitter: a random wait up to the exponential bound, so that many clients do not retry in step. */
    Duration backoff(int attempt) {
        long bound = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(attempt - 1, 30));
        return Duration.ofMillis(bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1));
    }

    /** Waits, e.g. between polls of a running transfer; an interrupt stops the apply. */
    void pause(Duration duration) {
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
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

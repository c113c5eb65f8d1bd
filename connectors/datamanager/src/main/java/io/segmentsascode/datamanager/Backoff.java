package io.segmentsascode.datamanager;

import java.time.Duration;
import java.util.Random;

/**
 * Exponential backoff with full jitter, and the pause between requests that keeps a sync within the project's quota
 * (300 requests per minute: one request every 200 ms). Tests use {@link #none()}.
 *
 * @param attempts how often a call is tried before its error is final
 * @param first    the cap of the first wait; each retry doubles it up to {@code longest}
 * @param pace     the least time between two requests
 */
public record Backoff(int attempts, Duration first, Duration longest, Duration pace, Sleeper sleeper, Random jitter) {

    /** How waiting is done: {@link Thread#sleep} in production, recorded in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public static Backoff production() {
        return new Backoff(
                8,
                Duration.ofSeconds(1),
                Duration.ofSeconds(32),
                Duration.ofMillis(200),
                d -> Thread.sleep(d.toMillis()),
                new Random());
    }

    /** Same attempts as production, without waiting. */
    public static Backoff none() {
        return new Backoff(8, Duration.ZERO, Duration.ZERO, Duration.ZERO, d -> {}, new Random(0));
    }

    /** The wait before retry number {@code retry} (1-based): uniform in [0, min(longest, first * 2^(retry-1))]. */
    public Duration beforeRetry(int retry) {
        long cap = Math.min(longest.toMillis(), first.toMillis() << Math.min(retry - 1, 20));
        return Duration.ofMillis(cap <= 0 ? 0 : (long) (jitter.nextDouble() * cap));
    }

    void sleep(Duration duration) {
        if (duration.isZero()) {
            return;
        }
        try {
            sleeper.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataManagerException("interrupted while waiting to retry", e);
        }
    }
}

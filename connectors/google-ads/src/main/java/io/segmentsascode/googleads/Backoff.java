package io.segmentsascode.googleads;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * Exponential backoff with full jitter within a bounded budget: at most {@code attempts} tries and at most
 * {@code budget} of waiting in all, so a storm of RESOURCE_EXHAUSTED answers ends in a clear error instead of an
 * apply that never returns. Tests use {@link #none()}.
 *
 * @param first   the cap of the first wait; each retry doubles it up to {@code longest}
 * @param sleeper how waiting is done: {@link Thread#sleep} in production, nothing in tests
 */
public record Backoff(int attempts, Duration first, Duration longest, Duration budget, Sleeper sleeper, Random jitter) {

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** For calls: 6 tries, waits from up to 1 s doubling to 32 s, 2 minutes of waiting at most. */
    public static Backoff calls() {
        return new Backoff(
                6, Duration.ofSeconds(1), Duration.ofSeconds(32), Duration.ofMinutes(2), Backoff::pause, new Random());
    }

    /**
     * For awaiting an offline user data job: Google processes a job in minutes to hours, so polling stops after about
     * 15 minutes and reports the job as still running (Google finishes it without us).
     */
    public static Backoff jobs() {
        return new Backoff(
                40,
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofMinutes(15),
                Backoff::pause,
                new Random());
    }

    /** The production attempts, without waiting. */
    public static Backoff none() {
        return new Backoff(6, Duration.ZERO, Duration.ZERO, Duration.ZERO, d -> {}, new Random(0));
    }

    /** The wait before retry number {@code retry} (1-based): uniform in [0, min(longest, first * 2^(retry-1))]. */
    Duration beforeRetry(int retry) {
        long cap = Math.min(longest.toMillis(), first.toMillis() << Math.min(retry - 1, 20));
        return Duration.ofMillis(cap <= 0 ? 0 : (long) (jitter.nextDouble() * cap));
    }

    /**
     * Waits before retry {@code retry} unless the attempts or the budget ({@code waited} so far) are spent.
     *
     * @return how long it waited; empty when the caller must give up
     */
    Optional<Duration> waitBefore(int retry, Duration waited) {
        if (retry >= attempts) {
            return Optional.empty();
        }
        Duration wait = beforeRetry(retry);
        if (!budget.isZero() && waited.plus(wait).compareTo(budget) > 0) {
            return Optional.empty();
        }
        if (!wait.isZero()) {
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.of(wait);
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}

package io.segmentsascode.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.Random;

/**
 * How a connector waits before trying again a call Google refused for now (429, 5xx, UNAVAILABLE),
 * the same for every connector; each decides which failures are worth another try. At most
 * {@code attempts} tries; before retry {@code n} a wait drawn uniformly from zero to
 * {@code min(longest, first × 2^(n-1))} ("full jitter", so that many clients do not retry in
 * step); at most {@code budget} of waiting in all ({@link Duration#ZERO}: no budget), so a storm
 * ends in a clear error instead of an apply that never returns; and at least {@code pace} between
 * two requests ({@link Duration#ZERO}: none), which keeps a sync within a per-minute quota.
 *
 * @param sleeper how waiting is done: {@link Thread#sleep} in production, recorded in tests
 */
public record Backoff(
        int attempts,
        Duration first,
        Duration longest,
        Duration budget,
        Duration pace,
        Sleeper sleeper,
        Random jitter) {

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public Backoff {
        if (attempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** {@code attempts} tries waiting from up to {@code first}, doubling to {@code longest}; no budget, no pace. */
    public static Backoff of(int attempts, Duration first, Duration longest) {
        return new Backoff(
                attempts, first, longest, Duration.ZERO, Duration.ZERO, d -> Thread.sleep(d.toMillis()), new Random());
    }

    public Backoff withBudget(Duration budget) {
        return new Backoff(attempts, first, longest, budget, pace, sleeper, jitter);
    }

    public Backoff withPace(Duration pace) {
        return new Backoff(attempts, first, longest, budget, pace, sleeper, jitter);
    }

    /** The same attempts without any waiting, for tests. */
    public Backoff withoutWaiting() {
        return new Backoff(
                attempts, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO, d -> {}, new Random(0));
    }

    /** The wait before retry number {@code retry} (1-based). */
    public Duration beforeRetry(int retry) {
        long cap = Math.min(longest.toMillis(), first.toMillis() << Math.min(retry - 1, 20));
        return Duration.ofMillis(cap <= 0 ? 0 : (long) (jitter.nextDouble() * cap));
    }

    /**
     * Waits before retry {@code retry} unless the attempts or the budget ({@code waited} so far) are spent.
     *
     * @return how long it waited; empty when the caller must give up (or was interrupted)
     */
    public Optional<Duration> waitBefore(int retry, Duration waited) {
        if (retry >= attempts) {
            return Optional.empty();
        }
        Duration wait = beforeRetry(retry);
        if (!budget.isZero() && waited.plus(wait).compareTo(budget) > 0) {
            return Optional.empty();
        }
        return pause(wait) ? Optional.of(wait) : Optional.empty();
    }

    /** Waits {@code duration}; false when interrupted (the thread's flag is set again). */
    public boolean pause(Duration duration) {
        if (duration.isZero() || duration.isNegative()) {
            return true;
        }
        try {
            sleeper.sleep(duration);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

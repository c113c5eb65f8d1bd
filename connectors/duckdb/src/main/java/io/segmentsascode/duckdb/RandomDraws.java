package io.segmentsascode.duckdb;

import java.util.SplittableRandom;

/**
 * The generator's only source of randomness: a seeded {@link SplittableRandom}, never DuckDB's
 * random() or the wall clock, so a spec always produces the same data. The Gaussian draw is our
 * own Box-Muller rather than the JDK's, whose algorithm may change between Java versions.
 */
final class RandomDraws {

    private final SplittableRandom random;

    RandomDraws(long seed) {
        this(new SplittableRandom(seed));
    }

    private RandomDraws(SplittableRandom random) {
        this.random = random;
    }

    /** An independent stream, e.g. one per user, so one user's draws never shift another's. */
    RandomDraws split() {
        return new RandomDraws(random.split());
    }

    /** Uniform in [min, max], both inclusive. */
    int between(int min, int max) {
        return random.nextInt(min, max + 1);
    }

    /** Uniform in [min, max), as epoch seconds and the like. */
    long between(long min, long max) {
        return min >= max ? min : random.nextLong(min, max);
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    double uniform() {
        return random.nextDouble();
    }

    /** Right-skewed positive values (order values, time on site): most near the median, a long tail. */
    double logNormal(double median, double sigma) {
        return median * Math.exp(sigma * gaussian());
    }

    /** Number of failures before the first success: 0 most often, occasionally many. */
    int geometric(double success) {
        int failures = 0;
        while (random.nextDouble() >= success && failures < 50) {
            failures++;
        }
        return failures;
    }

    private double gaussian() {
        double u1 = 1.0 - random.nextDouble(); // (0, 1]: log(0) must not happen
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }
}

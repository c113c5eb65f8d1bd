package io.segmentsascode.evaluate;

import java.util.Optional;

/**
 * The two tests of an A/B comparison. Both are two-sided: {@code pValue} is the probability of a
 * difference at least this large in either direction if A and B did not differ. A test that has
 * no meaning on its input (no users, no variation) carries the reason instead of a number.
 */
public final class Significance {

    private Significance() {}

    /**
     * A test's outcome: the statistic (z or t), its degrees of freedom (infinite for z), the
     * two-sided p-value, or why the test is undefined (then the numbers are NaN).
     */
    public record Outcome(double statistic, double degreesOfFreedom, double pValue, Optional<String> undefined) {

        static Outcome undefined(String why) {
            return new Outcome(Double.NaN, Double.NaN, Double.NaN, Optional.of(why));
        }

        public boolean defined() {
            return undefined.isEmpty();
        }

        /** B beats A at {@code confidence}: defined, B ahead, and p below 1 − confidence. */
        public boolean bBeatsA(double confidence) {
            return defined() && statistic > 0 && pValue < 1 - confidence;
        }
    }

    /**
     * Two-proportion z-test of B's conversion rate against A's, with the pooled proportion under
     * the null hypothesis: each user is one independent trial that converts or not.
     */
    public static Outcome twoProportionZ(long convertedA, long usersA, long convertedB, long usersB) {
        if (usersA <= 0 || usersB <= 0) {
            return Outcome.undefined("a variant has no users");
        }
        if (convertedA < 0 || convertedB < 0 || convertedA > usersA || convertedB > usersB) {
            return Outcome.undefined("conversions must count converting users, from 0 to the variant's users");
        }
        double pooled = (double) (convertedA + convertedB) / (usersA + usersB);
        double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / usersA + 1.0 / usersB));
        if (standardError == 0) {
            return Outcome.undefined("no variation: every user converted, or none did");
        }
        double z = ((double) convertedB / usersB - (double) convertedA / usersA) / standardError;
        return new Outcome(z, Double.POSITIVE_INFINITY, 2 * Distributions.normalCdf(-Math.abs(z)), Optional.empty());
    }

    /** Mean, sample variance and size of one variant's per-user values. */
    public record Sample(double mean, double variance, long size) {

        /**
         * From a variant's sums: {@code total} = Σx and {@code squares} = Σx² over {@code size}
         * users (the sample variance divides by size − 1).
         */
        public static Sample ofSums(double total, double squares, long size) {
            if (size <= 0) {
                return new Sample(Double.NaN, Double.NaN, Math.max(size, 0));
            }
            double mean = total / size;
            double variance = size < 2 ? Double.NaN : Math.max(0, (squares - size * mean * mean) / (size - 1));
            return new Sample(mean, variance, size);
        }
    }

    /**
     * Welch's t-test of B's mean against A's: unequal variances, degrees of freedom by the
     * Welch–Satterthwaite equation; the t distribution applies to the mean of many users even
     * when per-user revenue is skewed (central limit theorem).
     */
    public static Outcome welchT(Sample a, Sample b) {
        if (a.size() < 2 || b.size() < 2) {
            return Outcome.undefined("a variant has fewer than 2 users");
        }
        double varianceOfMeanA = a.variance() / a.size();
        double varianceOfMeanB = b.variance() / b.size();
        double varianceOfDifference = varianceOfMeanA + varianceOfMeanB;
        if (!(varianceOfDifference > 0)) {
            return Outcome.undefined("no variation: every user has the same value");
        }
        double t = (b.mean() - a.mean()) / Math.sqrt(varianceOfDifference);
        double degreesOfFreedom = varianceOfDifference
                * varianceOfDifference
                / (varianceOfMeanA * varianceOfMeanA / (a.size() - 1)
                        + varianceOfMeanB * varianceOfMeanB / (b.size() - 1));
        double p = 2 * Distributions.studentTCdf(-Math.abs(t), degreesOfFreedom);
        return new Outcome(t, degreesOfFreedom, p, Optional.empty());
    }
}

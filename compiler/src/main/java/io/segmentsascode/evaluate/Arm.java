package io.segmentsascode.evaluate;

/**
 * One variant's sums over its users: {@code converted} users, {@code revenue} = Σ revenue and
 * {@code revenueSquares} = Σ revenue² per user.
 */
public record Arm(long users, long converted, double revenue, double revenueSquares) {

    /** Converting users per user; NaN without users. */
    public double conversionRate() {
        return users > 0 ? (double) converted / users : Double.NaN;
    }

    /** Revenue per user; NaN without users. */
    public double revenuePerUser() {
        return users > 0 ? revenue / users : Double.NaN;
    }

    Significance.Sample revenueSample() {
        return Significance.Sample.ofSums(revenue, revenueSquares, users);
    }

    /** Both arms as one: an experiment's variant over all its segment labels. */
    Arm plus(Arm other) {
        return new Arm(
                users + other.users,
                converted + other.converted,
                revenue + other.revenue,
                revenueSquares + other.revenueSquares);
    }
}

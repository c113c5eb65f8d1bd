package io.segmentsascode.evaluate;

/**
 * The two distribution functions the experiment tests need, written out so that no statistics
 * library joins the plugin's class path. Both go through regularized incomplete functions
 * evaluated by series and continued fractions (Numerical Recipes, 3rd ed., §6.2 and §6.4), which
 * keep full double precision far into the tails, where a p-value of 1e-12 must not read as 0.
 */
public final class Distributions {

    private static final double EPSILON = 1e-16;
    private static final double TINY = 1e-300;
    private static final int MAX_ITERATIONS = 10_000;

    /** Lanczos coefficients (g = 7, n = 9): logGamma to ~15 significant digits for x > 0. */
    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    private Distributions() {}

    /** Φ(x), the standard normal distribution function, as ½·erfc(−x/√2). */
    public static double normalCdf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        double half = 0.5 * complementaryError(Math.abs(x) / Math.sqrt(2));
        return x >= 0 ? 1 - half : half;
    }

    /** P(T ≤ t) for Student's t with {@code degreesOfFreedom} > 0 (not necessarily whole). */
    public static double studentTCdf(double t, double degreesOfFreedom) {
        if (Double.isNaN(t) || !(degreesOfFreedom > 0)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        // P(|T| > |t|) = I_x(ν/2, 1/2) with x = ν / (ν + t²)
        double x = degreesOfFreedom / (degreesOfFreedom + t * t);
        double bothTails = regularizedIncompleteBeta(x, degreesOfFreedom / 2, 0.5);
        return t >= 0 ? 1 - bothTails / 2 : bothTails / 2;
    }

    /** erfc(x) for x ≥ 0, as the regularized upper incomplete gamma Q(½, x²). */
    static double complementaryError(double x) {
        return x == 0 ? 1 : regularizedUpperGamma(0.5, x * x);
    }

    /** Q(a, x) = Γ(a, x) / Γ(a): a series below x = a + 1, a continued fraction above. */
    static double regularizedUpperGamma(double a, double x) {
        if (x < a + 1) {
            return 1 - lowerGammaSeries(a, x);
        }
        return upperGammaFraction(a, x);
    }

    private static double lowerGammaSeries(double a, double x) {
        double term = 1 / a;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    /** Lentz's method for the continued fraction of Γ(a, x). */
    private static double upperGammaFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** I_x(a, b), using the symmetry I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges faster. */
    static double regularizedIncompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaFraction(x, a, b) / a;
        }
        return 1 - front * betaFraction(1 - x, b, a) / b;
    }

    /** Lentz's method for the continued fraction of the incomplete beta function. */
    private static double betaFraction(double x, double a, double b) {
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < TINY ? TINY : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + even / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            h *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d;
            d = Math.abs(d) < TINY ? TINY : d;
            c = 1 + odd / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return h;
    }

    /** ln Γ(x) for x > 0 (Lanczos approximation). */
    static double logGamma(double x) {
        if (x < 0.5) {
            // reflection keeps the approximation in its accurate range
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        double z = x - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (z + i);
        }
        double t = z + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}

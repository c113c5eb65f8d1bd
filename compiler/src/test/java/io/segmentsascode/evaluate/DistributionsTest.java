package io.segmentsascode.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The distribution functions against values computed elsewhere: SciPy 1.17
 * ({@code scipy.stats.norm.cdf}, {@code scipy.stats.t.cdf}), closed forms of Student's t for one
 * and two degrees of freedom, and Simpson's rule over the densities, computed here.
 */
class DistributionsTest {

    @ParameterizedTest
    @CsvSource({
        "-8, 6.22096057427174e-16",
        "-1, 0.15865525393145707",
        "0, 0.5",
        "1.96, 0.9750021048517795",
        "3, 0.9986501019683699"
    })
    void normalCdfMatchesScipy(double x, double expected) {
        assertEquals(expected, Distributions.normalCdf(x), Math.abs(expected) * 1e-12);
    }

    @ParameterizedTest
    @CsvSource({
        "2.228138851986274, 10, 0.975", // the 97.5 % point of t(10) in every textbook table
        "1.5, 3.7, 0.8932009153989933",
        "-0.8, 25.5, 0.21555043573704147",
        "4.0, 1, 0.9220208696226306",
        "0.3, 2, 0.6037571695799112",
        "2.0, 1000, 0.9771148267533741"
    })
    void studentTCdfMatchesScipy(double t, double degreesOfFreedom, double expected) {
        assertEquals(expected, Distributions.studentTCdf(t, degreesOfFreedom), 1e-12);
    }

    @Test
    void studentTWithOneOrTwoDegreesOfFreedomHasClosedForms() {
        for (double t = -30; t <= 30; t += 0.7) {
            double cauchy = 0.5 + Math.atan(t) / Math.PI;
            double two = 0.5 + t / (2 * Math.sqrt(2 + t * t));
            assertEquals(cauchy, Distributions.studentTCdf(t, 1), 1e-13, "t=" + t);
            assertEquals(two, Distributions.studentTCdf(t, 2), 1e-13, "t=" + t);
        }
    }

    @Test
    void normalCdfEqualsTheIntegralOfTheDensity() {
        DoubleUnaryOperator density = u -> Math.exp(-u * u / 2) / Math.sqrt(2 * Math.PI);
        for (double x = -4; x <= 4; x += 0.25) {
            assertEquals(0.5 + simpson(density, 0, x), Distributions.normalCdf(x), 1e-12, "x=" + x);
        }
    }

    @Test
    void studentTCdfEqualsTheIntegralOfTheDensity() {
        // ν = 7: Γ(4) / (√(7π) Γ(3.5)), with Γ(3.5) = 15√π / 8
        double nu = 7;
        double norm = 6 / (Math.sqrt(nu * Math.PI) * 15 * Math.sqrt(Math.PI) / 8);
        DoubleUnaryOperator density = u -> norm * Math.pow(1 + u * u / nu, -(nu + 1) / 2);
        for (double t = -5; t <= 5; t += 0.5) {
            assertEquals(0.5 + simpson(density, 0, t), Distributions.studentTCdf(t, nu), 1e-11, "t=" + t);
        }
    }

    @Test
    void logGammaOfWholeAndHalfNumbers() {
        assertEquals(Math.log(120), Distributions.logGamma(6), 1e-13);
        assertEquals(Math.log(Math.sqrt(Math.PI)), Distributions.logGamma(0.5), 1e-13);
        assertEquals(Math.log(15 * Math.sqrt(Math.PI) / 8), Distributions.logGamma(3.5), 1e-13);
    }

    /** Composite Simpson's rule with 20,000 intervals (signed: from may exceed to). */
    private static double simpson(DoubleUnaryOperator f, double from, double to) {
        int intervals = 20_000;
        double h = (to - from) / intervals;
        double sum = f.applyAsDouble(from) + f.applyAsDouble(to);
        for (int i = 1; i < intervals; i++) {
            sum += f.applyAsDouble(from + i * h) * (i % 2 == 0 ? 2 : 4);
        }
        return sum * h / 3;
    }
}

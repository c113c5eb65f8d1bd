package io.segmentsascode.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The tests of an A/B comparison against worked examples and a second method computed here. */
class SignificanceTest {

    /**
     * Worked example (homeworksource.com/p/1008622): 140 of 200 against 255 of 340, pooled
     * p = 0.7314815, standard error 0.03949401, z = −1.266015 for first minus second. Ours is B
     * minus A, so A is the second sample. Two-sided p 0.20550777427449318 from SciPy's norm.sf.
     */
    @Test
    void twoProportionZOfAWorkedExample() {
        Significance.Outcome outcome = Significance.twoProportionZ(255, 340, 140, 200);
        assertEquals(-1.266015, outcome.statistic(), 1e-6);
        assertEquals(0.20550777427449318, outcome.pValue(), 1e-12);
        assertFalse(outcome.bBeatsA(0.95));
    }

    /** z² equals Pearson's χ² of the 2×2 table without continuity correction, computed cell by cell. */
    @Test
    void zSquaredIsPearsonsChiSquare() {
        long[][] cases = {{140, 200, 255, 340}, {300, 10_000, 360, 10_000}, {5, 40, 19, 41}, {1, 2, 1, 1_000}};
        for (long[] c : cases) {
            double z = Significance.twoProportionZ(c[0], c[1], c[2], c[3]).statistic();
            assertEquals(pearsonChiSquare(c[0], c[1], c[2], c[3]), z * z, 1e-9 * z * z + 1e-12);
        }
    }

    @Test
    void aClearWinnerIsFlaggedAtNinetyFivePercentButNotBeyondItsEvidence() {
        // 3.0 % against 3.6 % of 10,000 users each: z ≈ 2.38, p ≈ 0.017
        Significance.Outcome outcome = Significance.twoProportionZ(300, 10_000, 360, 10_000);
        assertEquals(2 * (1 - Distributions.normalCdf(outcome.statistic())), outcome.pValue(), 1e-12);
        assertTrue(outcome.bBeatsA(0.95));
        assertFalse(outcome.bBeatsA(0.99));
        // the same difference the other way round is a loser, never flagged
        assertFalse(Significance.twoProportionZ(360, 10_000, 300, 10_000).bBeatsA(0.95));
    }

    /**
     * Wikipedia, "Welch's t-test", example 1: t = 2.46, ν ≈ 25.0, p = 0.021 (rounded there);
     * SciPy's ttest_ind(equal_var=False) gives t = 2.455356398286006, ν = 24.988529290231416,
     * p = 0.021378001462866992. Fed as sums, the way the experiments table holds them.
     */
    @Test
    void welchOfTheTextbookExampleFromSums() {
        List<Double> a =
                List.of(27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4);
        List<Double> b =
                List.of(27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4);
        Significance.Outcome outcome = Significance.welchT(sums(a), sums(b));
        assertEquals(2.455356398286006, outcome.statistic(), 1e-9);
        assertEquals(24.988529290231416, outcome.degreesOfFreedom(), 1e-7);
        assertEquals(0.021378001462866992, outcome.pValue(), 1e-9);
        assertTrue(outcome.bBeatsA(0.95));
        assertFalse(outcome.bBeatsA(0.99));
    }

    @Test
    void edgeCasesAreUndefinedWithAReason() {
        assertEquals(
                "a variant has no users",
                Significance.twoProportionZ(0, 0, 5, 100).undefined().orElseThrow());
        assertEquals(
                "no variation: every user converted, or none did",
                Significance.twoProportionZ(0, 100, 0, 100).undefined().orElseThrow());
        assertTrue(Significance.twoProportionZ(50, 40, 5, 100)
                .undefined()
                .orElseThrow()
                .contains("converting users"));
        assertEquals(
                "a variant has fewer than 2 users",
                Significance.welchT(Significance.Sample.ofSums(10, 100, 1), Significance.Sample.ofSums(10, 50, 5))
                        .undefined()
                        .orElseThrow());
        assertEquals(
                "no variation: every user has the same value",
                Significance.welchT(Significance.Sample.ofSums(20, 40, 10), Significance.Sample.ofSums(20, 40, 10))
                        .undefined()
                        .orElseThrow());
        assertFalse(Significance.twoProportionZ(0, 0, 5, 100).bBeatsA(0.5));
    }

    private static Significance.Sample sums(List<Double> values) {
        double total = values.stream().mapToDouble(Double::doubleValue).sum();
        double squares = values.stream().mapToDouble(v -> v * v).sum();
        return Significance.Sample.ofSums(total, squares, values.size());
    }

    private static double pearsonChiSquare(long convertedA, long usersA, long convertedB, long usersB) {
        double[][] observed = {{convertedA, usersA - convertedA}, {convertedB, usersB - convertedB}};
        double total = usersA + usersB;
        double converted = convertedA + convertedB;
        double[] columnTotals = {converted, total - converted};
        double[] rowTotals = {usersA, usersB};
        double chiSquare = 0;
        for (int row = 0; row < 2; row++) {
            for (int column = 0; column < 2; column++) {
                double expected = rowTotals[row] * columnTotals[column] / total;
                chiSquare += Math.pow(observed[row][column] - expected, 2) / expected;
            }
        }
        return chiSquare;
    }
}

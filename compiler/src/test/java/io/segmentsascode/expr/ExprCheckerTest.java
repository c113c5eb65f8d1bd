package io.segmentsascode.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.expr.ExprChecker.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExprCheckerTest {

    static final Map<String, ValueType> SCOPE = scope();

    private static Map<String, ValueType> scope() {
        Map<String, ValueType> scope = new LinkedHashMap<>();
        scope.put("revenue", ValueType.NUMBER);
        scope.put("source", ValueType.STRING);
        scope.put("opted_out", ValueType.BOOLEAN);
        scope.put("signup_date", ValueType.DATE);
        scope.put("event_time", ValueType.TIMESTAMP);
        return scope;
    }

    static List<Problem> check(String text) {
        return check(text, SCOPE);
    }

    static List<Problem> check(String text, Map<String, ValueType> scope) {
        return ExprChecker.check(ExprParserTest.parse(text), scope, "columns of events");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "revenue > 0",
                "revenue > 0 and source = 'email'",
                "source in ('email', 'organic') or revenue >= 10.5",
                "opted_out",
                "not opted_out",
                "opted_out = false",
                "source is null",
                "not revenue is not null",
                "signup_date >= '2026-01-01'",
                "'2026-01-01' < event_time",
                "event_time < '2026-10-31T00:00:00Z'",
                "revenue <> revenue",
            })
    void wellTypedConditionsHaveNoProblems(String text) {
        assertEquals(List.of(), check(text));
    }

    @Test
    void unknownNameSuggestsTheClosestKnownName() {
        assertEquals(List.of(new Problem(0, "unknown name 'revenu'", "did you mean 'revenue'?")), check("revenu > 0"));
        assertEquals(
                List.of(new Problem(16, "unknown name 'sorce'", "did you mean 'source'?")),
                check("revenue > 0 and sorce = 'email'"));
    }

    @Test
    void unknownNameWithoutCloseMatchListsTheScopeSorted() {
        assertEquals(
                List.of(new Problem(
                        0,
                        "unknown name 'campaign_cost'",
                        "declared columns of events: event_time, opted_out, revenue, signup_date, source")),
                check("campaign_cost > 0"));
        assertEquals(
                List.of(new Problem(0, "unknown name 'x'", "no columns of events is declared")),
                check("x > 0", Map.of()));
    }

    @Test
    void everyUnknownNameIsReportedAndNoneCascadesIntoATypeError() {
        assertEquals(
                List.of(
                        new Problem(0, "unknown name 'revenu'", "did you mean 'revenue'?"),
                        new Problem(18, "unknown name 'sourc'", "did you mean 'source'?")),
                check("revenu = 'x' and (sourc = 1 or opted_out)"));
    }

    @Test
    void comparingStringWithNumberSaysToQuoteTheValue() {
        assertEquals(
                List.of(new Problem(9, "cannot compare source (string) with 5 (number)", "quote the value: '5'")),
                check("source = 5"));
    }

    @Test
    void comparingNumberWithStringSaysWhatToCompareWith() {
        assertEquals(
                List.of(new Problem(
                        10, "cannot compare revenue (number) with 'high' (string)", "compare with a number")),
                check("revenue > 'high'"));
        assertEquals(
                List.of(new Problem(
                        12, "cannot compare opted_out (boolean) with 1 (number)", "compare with a boolean")),
                check("opted_out = 1"));
        assertEquals(
                List.of(new Problem(
                        14, "cannot compare signup_date (date) with 20260101 (number)", "compare with a date")),
                check("signup_date > 20260101"));
        // BigQuery does not compare TIMESTAMP with DATE without a cast
        assertEquals(
                List.of(new Problem(
                        13,
                        "cannot compare event_time (timestamp) with signup_date (date)",
                        "compare with a timestamp")),
                check("event_time > signup_date"));
    }

    @Test
    void inListValuesMustMatchTheTestedValue() {
        assertEquals(
                List.of(new Problem(20, "1 is a number but source is a string", "list values of the same type")),
                check("source in ('email', 1)"));
        assertEquals(
                List.of(
                        new Problem(12, "'a' is a string but revenue is a number", "list values of the same type"),
                        new Problem(17, "'b' is a string but revenue is a number", "list values of the same type")),
                check("revenue in ('a', 'b', 3)"));
    }

    @Test
    void conditionMustBeTrueOrFalse() {
        assertEquals(
                List.of(new Problem(0, "condition is a number, not true/false", "compare it, e.g. 'revenue > 0'")),
                check("revenue"));
        assertEquals(
                List.of(new Problem(0, "condition is a string, not true/false", "compare it, e.g. 'source = 'text''")),
                check("source"));
        assertEquals(
                List.of(new Problem(
                        0, "condition is a date, not true/false", "compare it, e.g. 'signup_date >= '2026-01-01''")),
                check("signup_date"));
    }

    @Test
    void logicalOperatorsNeedTrueOrFalseOperands() {
        assertEquals(
                List.of(new Problem(
                        0,
                        "'and' needs a true/false condition but revenue is a number",
                        "compare it, e.g. 'revenue > 0'")),
                check("revenue and opted_out"));
        assertEquals(
                List.of(new Problem(
                        13,
                        "'or' needs a true/false condition but source is a string",
                        "compare it, e.g. 'source = 'text''")),
                check("opted_out or source"));
        assertEquals(
                List.of(new Problem(
                        4,
                        "'not' needs a true/false condition but revenue is a number",
                        "compare it, e.g. 'revenue > 0'")),
                check("not revenue"));
    }

    @Test
    void comparingTwoConstantsIsReported() {
        assertEquals(
                List.of(new Problem(
                        2,
                        "comparison of two constants is always the same",
                        "compare a name with a value, e.g. 'f >= 4'")),
                check("1 = 1"));
        assertEquals(
                List.of(
                        new Problem(6, "cannot compare 'a' (string) with 1 (number)", "quote the value: '1'"),
                        new Problem(
                                4,
                                "comparison of two constants is always the same",
                                "compare a name with a value, e.g. 'f >= 4'")),
                check("'a' = 1"));
    }

    @Test
    void allProblemsOfOneConditionAreReportedTogether() {
        List<Problem> problems = check("revenu > 0 and source = 5 and not revenue");
        assertEquals(List.of(0, 24, 34), problems.stream().map(Problem::offset).toList());
    }

    static final String INT64_RANGE = "(INT64, -9223372036854775808 to 9223372036854775807)";
    static final String INT64_HINT = "use a smaller number, or add '.0' to compare it as a FLOAT64";

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "revenue < 9223372036854775807",
                "revenue > -9223372036854775808",
                "revenue in (0, -9223372036854775808)",
                "revenue > 12345678901234567890123456789012345678901.0",
                "revenue > 0.0",
            })
    void numbersTheirBigQueryTypeHoldsPass(String text) {
        assertEquals(List.of(), check(text));
    }

    @Test
    void wholeNumbersOutsideInt64AreReportedAtTheNumber() {
        assertEquals(
                List.of(new Problem(
                        10, "9223372036854775808 is out of range for a whole number " + INT64_RANGE, INT64_HINT)),
                check("revenue > 9223372036854775808"));
        assertEquals(
                List.of(new Problem(
                        15, "-9223372036854775809 is out of range for a whole number " + INT64_RANGE, INT64_HINT)),
                check("revenue in (1, -9223372036854775809)"));
        assertEquals(
                List.of(new Problem(
                        10, "the 41-digit number is out of range for a whole number " + INT64_RANGE, INT64_HINT)),
                check("revenue > 12345678901234567890123456789012345678901"));
    }

    @Test
    void numbersWithAFractionMustBeFiniteAndNonZeroAsFloat64() {
        // the largest FLOAT64 is about 1.797 × 10^308
        assertEquals(List.of(), check("revenue > 17" + "0".repeat(307) + ".5"));
        assertEquals(
                List.of(new Problem(
                        10,
                        "the 310-digit number is out of range for a number with a fraction "
                                + "(FLOAT64, up to about 1.8 × 10^308)",
                        "use a smaller number")),
                check("revenue > 18" + "0".repeat(307) + ".5"));
        assertEquals(
                List.of(new Problem(
                        10,
                        "the 402-digit number is too close to 0 for a number with a fraction "
                                + "(FLOAT64, from about 4.9 × 10^-324): BigQuery would read it as 0",
                        "write 0, or a larger number")),
                check("revenue > 0." + "0".repeat(400) + "1"));
    }

    @Test
    void inSegmentIsAllowedOnlyWhereSegmentsCanBeNamed() {
        assertEquals(
                List.of(new Problem(
                        0,
                        "in_segment() is not allowed here",
                        "refer to other segments in a segment's include:, exclude: or where: condition")),
                check("in_segment('seg_rfm_champions')"));
        assertEquals(
                List.of(),
                ExprChecker.check(
                        ExprParserTest.parse("revenue > 0 and not in_segment('seg_rfm_champions')"),
                        SCOPE,
                        "columns",
                        Optional.of(Set.of("seg_rfm_champions"))));
    }
}

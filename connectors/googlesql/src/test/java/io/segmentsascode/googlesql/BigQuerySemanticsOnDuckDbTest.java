package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.render.UnpreviewableSqlException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each translated function run on DuckDB at the edge where DuckDB's own function of that name
 * differs from BigQuery's; the expected value is BigQuery's, from the documented rule quoted
 * (cloud.google.com/bigquery/docs/reference/standard-sql/...).
 */
class BigQuerySemanticsOnDuckDbTest {

    private static DuckDbPreview db;

    @BeforeAll
    static void open() throws SQLException {
        db = new DuckDbPreview("2024-03-01 12:00:00");
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    private static String value(String expression) throws SQLException {
        return db.value("SELECT " + expression + " AS v");
    }

    private static void failsOnDuckDb(String expression) {
        String sql = DuckDbPreview.translate("SELECT " + expression + " AS v");
        assertThrows(SQLException.class, () -> db.rows(sql), sql);
    }

    private static void notPreviewable(String expression, String construct) {
        UnpreviewableSqlException e = assertThrows(
                UnpreviewableSqlException.class, () -> DuckDbPreview.translate("SELECT " + expression + " AS v"));
        assertTrue(e.getMessage().contains(construct), e.getMessage());
    }

    // ---- dates and times (date_functions, timestamp_functions) ---------------------------------

    @Test
    void weeksStartOnSunday() throws SQLException {
        // DATE_TRUNC: "WEEK: Truncates date to the preceding Sunday" (a Sunday stays)
        assertEquals("2024-01-07", value("DATE_TRUNC(DATE '2024-01-10', WEEK)"));
        assertEquals("2024-01-07", value("DATE_TRUNC(DATE '2024-01-07', WEEK)"));
        // "WEEK(<WEEKDAY>)": weeks begin on that weekday
        assertEquals("2024-01-08", value("DATE_TRUNC(DATE '2024-01-10', WEEK(MONDAY))"));
        assertEquals("2024-01-07 00:00:00.0", value("TIMESTAMP_TRUNC(TIMESTAMP '2024-01-10 15:00:00+00', WEEK)"));
        assertEquals("2024-02-01", value("DATE_TRUNC(DATE '2024-02-29', MONTH)"));
    }

    @Test
    void dateOfATimestampInATimeZone() throws SQLException {
        // DATE(timestamp_expression, time_zone): the date in that zone; 03:00 UTC is the evening before in New York
        assertEquals("2023-12-31", value("DATE(TIMESTAMP '2024-01-01 03:00:00+00', 'America/New_York')"));
        assertEquals("2024-01-01", value("DATE(TIMESTAMP '2024-01-01 03:00:00+00')"));
        // EXTRACT(DATE FROM timestamp): in UTC unless AT TIME ZONE
        assertEquals("2024-01-01", value("EXTRACT(DATE FROM TIMESTAMP '2024-01-01 23:30:00+00')"));
    }

    @Test
    void addingMonthsClampsToTheLastDayOfTheMonth() throws SQLException {
        // DATE_ADD/DATE_SUB: "If the date is at (or near) the last day of the month ... the last day of the new month"
        assertEquals("2024-02-29", value("DATE_ADD(DATE '2024-01-31', INTERVAL 1 MONTH)"));
        assertEquals("2024-02-29", value("DATE_SUB(DATE '2024-03-31', INTERVAL 1 MONTH)"));
        assertEquals("2024-02-23", value("DATE_SUB(DATE '2024-03-01', INTERVAL 1 WEEK)"));
        // TIMESTAMP_SUB: a DAY is 24 hours in UTC; the leap day counts
        assertEquals(
                "2024-02-29 00:00:00.0", value("TIMESTAMP_SUB(TIMESTAMP '2024-03-01 00:00:00+00', INTERVAL 1 DAY)"));
        assertEquals("2024-03-01 13:30:00.0", value("TIMESTAMP_ADD(@run_time, INTERVAL 90 MINUTE)"));
    }

    @Test
    void dateDiffCountsFromTheSecondArgumentToTheFirst() throws SQLException {
        // DATE_DIFF(end_date, start_date, part): negative when end is before start
        assertEquals("9", value("DATE_DIFF(DATE '2024-01-10', DATE '2024-01-01', DAY)"));
        assertEquals("-9", value("DATE_DIFF(DATE '2024-01-01', DATE '2024-01-10', DAY)"));
        // doc example: DATE_DIFF('2017-10-15', '2017-10-14', WEEK) = 1 (a Sunday boundary is crossed)
        assertEquals("1", value("DATE_DIFF(DATE '2017-10-15', DATE '2017-10-14', WEEK)"));
        assertEquals("0", value("DATE_DIFF(DATE '2017-10-14', DATE '2017-10-08', WEEK)"));
        // doc example: DATE_DIFF('2017-12-30', '2014-12-30', YEAR) = 3; part boundaries, not elapsed years
        assertEquals("3", value("DATE_DIFF(DATE '2017-12-30', DATE '2014-12-30', YEAR)"));
        assertEquals("1", value("DATE_DIFF(DATE '2024-02-01', DATE '2024-01-31', MONTH)"));
    }

    @Test
    void timestampDiffCountsWholeUnitsTruncatedTowardZero() throws SQLException {
        // TIMESTAMP_DIFF: whole intervals; doc example ("2010-07-07 10:20:00+00", "2008-12-25 15:30:00+00", HOUR) =
        // 13410
        assertEquals(
                "13410",
                value("TIMESTAMP_DIFF(TIMESTAMP '2010-07-07 10:20:00+00', TIMESTAMP '2008-12-25 15:30:00+00', HOUR)"));
        // two minutes across midnight are no whole day (DuckDB's date_diff would say 1)
        assertEquals(
                "0",
                value("TIMESTAMP_DIFF(TIMESTAMP '2024-01-02 00:01:00+00', TIMESTAMP '2024-01-01 23:59:00+00', DAY)"));
        assertEquals(
                "-1",
                value("TIMESTAMP_DIFF(TIMESTAMP '2024-01-01 00:00:00+00', TIMESTAMP '2024-01-01 01:30:00+00', HOUR)"));
    }

    @Test
    void extractFollowsBigQuerysNumbering() throws SQLException {
        // EXTRACT: "DAYOFWEEK: values in the range [1,7] with Sunday as the first day of the week"
        assertEquals("1", value("EXTRACT(DAYOFWEEK FROM DATE '2024-01-07')"));
        assertEquals("7", value("EXTRACT(DAYOFWEEK FROM DATE '2024-01-06')"));
        // "WEEK: ... weeks begin with Sunday, and dates prior to the first Sunday of the year are in week 0"
        assertEquals("0", value("EXTRACT(WEEK FROM DATE '2024-01-06')"));
        assertEquals("1", value("EXTRACT(WEEK FROM DATE '2024-01-07')"));
        assertEquals("2024", value("EXTRACT(YEAR FROM @run_time)"));
    }

    @Test
    void formatDatePrintsTheSameElements() throws SQLException {
        assertEquals("2024-03", value("FORMAT_DATE('%Y-%m', DATE '2024-03-05')"));
        assertEquals("Tuesday 05 March", value("FORMAT_DATE('%A %d %B', DATE '2024-03-05')"));
        notPreviewable("FORMAT_DATE('%Q', DATE '2024-03-05')", "FORMAT_DATE");
    }

    // ---- arithmetic (operators, mathematical_functions) ---------------------------------------

    @Test
    void divisionIsFloat64AndIntegerDivisionTruncates() throws SQLException {
        // "/": "FLOAT64 ... if both inputs are INT64"
        assertEquals("2.5", value("5 / 2"));
        // DIV(X, Y): integer division rounding toward zero; doc example DIV(12, -7) = -1
        assertEquals("-1", value("DIV(12, -7)"));
        // MOD keeps the dividend's sign: MOD(-25, 12) = -1
        assertEquals("-1", value("MOD(-25, 12)"));
        // "Division by zero returns an error" for / and DIV
        failsOnDuckDb("1 / 0");
        failsOnDuckDb("1.5 / 0.0");
        failsOnDuckDb("DIV(1, 0)");
    }

    @Test
    void safeDivideIsNullForAZeroDivisor() throws SQLException {
        // SAFE_DIVIDE: "Equivalent to the division operator (X / Y), but returns NULL if an error occurs, such as
        // division by zero"
        assertEquals("null", value("SAFE_DIVIDE(1, 0)"));
        assertEquals("0.25", value("SAFE_DIVIDE(1, 4)"));
        // NUMERIC division is exact, rounded to scale 9 half away from zero
        assertEquals("0.666666667", value("SAFE_DIVIDE(NUMERIC '2', 3)"));
        assertEquals("-0.333333333", value("NUMERIC '-1' / 3"));
        assertEquals("2.500000000", value("NUMERIC '10' / 4"));
    }

    @Test
    void safeFunctionsReturnNullInsteadOfAnError() throws SQLException {
        // LN: "Generates an error if X is less than or equal to zero"; DuckDB would give NaN / -inf
        failsOnDuckDb("LN(0)");
        failsOnDuckDb("SQRT(-1)");
        // SAFE. prefix: "returns NULL instead of an error"
        assertEquals("null", value("SAFE.LN(0)"));
        assertEquals("null", value("SAFE.SQRT(-4)"));
        assertEquals("2.0", value("SAFE.SQRT(4)"));
    }

    @Test
    void castsRoundHalfAwayFromZeroAndUseBigQueryTypeNames() throws SQLException {
        // CAST FLOAT64 → INT64: "Returns the closest integer value. Halfway cases such as 1.5 or -0.5 round away from
        // zero"
        assertEquals("3", value("CAST(2.5 AS INT64)"));
        assertEquals("-3", value("CAST(-2.5 AS INT64)"));
        assertEquals("1.5", value("CAST('1.5' AS FLOAT64)"));
        assertEquals("null", value("SAFE_CAST('x' AS INT64)"));
        // STRING → INT64 reads integer text only (DuckDB's cast reads '1.5' as 2); hexadecimal is allowed
        assertEquals("null", db.value("SELECT SAFE_CAST(x AS INT64) FROM UNNEST(['1.5']) AS x"));
        assertEquals("31", db.value("SELECT CAST(x AS INT64) FROM UNNEST(['0x1F']) AS x"));
        assertEquals("-12", db.value("SELECT CAST(x AS INT64) FROM UNNEST(['-12']) AS x"));
        String badText = DuckDbPreview.translate("SELECT CAST(x AS INT64) AS v FROM UNNEST(['12.0']) AS x");
        assertThrows(SQLException.class, () -> db.rows(badText));
        assertEquals("null", db.value("SELECT SAFE_CAST(x AS FLOAT64) FROM UNNEST(['1,5']) AS x"));
        assertEquals("Infinity", db.value("SELECT CAST(x AS FLOAT64) FROM UNNEST(['inf']) AS x"));
        assertEquals("12", value("CAST(12 AS STRING)"));
        // FLOAT64 → STRING prints differently in the two engines; a literal's cast GoogleSQL folds itself
        notPreviewable("(SELECT CAST(x AS STRING) FROM UNNEST([1.5]) AS x)", "CAST of FLOAT64 to STRING");
        // NUMERIC prints without trailing zeros in BigQuery ('1.5'), with nine decimals in DuckDB
        notPreviewable("(SELECT CAST(x AS STRING) FROM UNNEST([NUMERIC '1.5']) AS x)", "CAST of NUMERIC to STRING");
    }

    @Test
    void nullsAreNotSkippedByGreatestOrConcat() throws SQLException {
        // GREATEST/LEAST: "Returns NULL if any of the inputs is NULL"; CONCAT: "returns NULL if any input argument is
        // NULL"
        assertEquals("null", value("GREATEST(1, NULL)"));
        assertEquals("null", value("CONCAT('a', NULL)"));
        assertEquals("ab", value("CONCAT('a', 'b')"));
        assertEquals("2", value("IFNULL(NULL, 2)"));
        assertEquals("3", value("COALESCE(NULL, NULL, 3)"));
        // IF: "If expr evaluates to NULL, ... else_result is returned"
        assertEquals("no", value("IF(NULL, 'yes', 'no')"));
        assertEquals("two", value("CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END"));
    }

    // ---- strings ------------------------------------------------------------------------------

    @Test
    void regexpExtractIsNullWithoutAMatch() throws SQLException {
        // REGEXP_EXTRACT: "If there is no match, the function returns NULL"; DuckDB returns ''
        assertEquals("null", value("REGEXP_EXTRACT('abc', 'x')"));
        // "If the regular expression contains a capturing group, the function returns the substring matched by that
        // group"
        assertEquals("42", value("REGEXP_EXTRACT('user_42', r'_(\\d+)')"));
        assertEquals("foo", value("REGEXP_EXTRACT('foo@bar.com', r'^[a-z]+')"));
        assertEquals("true", value("REGEXP_CONTAINS('foo@bar.com', r'@bar\\.')"));
        // REGEXP_REPLACE replaces every match
        assertEquals("a-b-c", value("REGEXP_REPLACE('a b c', ' ', '-')"));
        // LIKE: a backslash escapes % and _
        assertEquals("false", value("'100x' LIKE '100\\\\%'"));
        assertEquals("true", value("'100%' LIKE '100\\\\%'"));
    }

    @Test
    void substrCountsFromOneAndFromTheEnd() throws SQLException {
        // SUBSTR: "If position is 0, it is treated as 1"; negative counts from the end; doc examples
        assertEquals("pple", value("SUBSTR('apple', 2)"));
        assertEquals("pp", value("SUBSTR('apple', 2, 2)"));
        assertEquals("le", value("SUBSTR('apple', -2)"));
        assertEquals("ap", value("SUBSTR('apple', 0, 2)"));
        assertEquals("apple", value("SUBSTR('apple', -10)"));
        assertEquals("", value("SUBSTR('apple', 10)"));
        failsOnDuckDb("SUBSTR('apple', 1, -1)");
        assertEquals("ap|le", value("CONCAT(LEFT('apple', 2), '|', RIGHT('apple', 2))"));
    }

    @Test
    void inUnnestIsNullWhenNotFoundAmongNulls() throws SQLException {
        // IN UNNEST: NULL search value → NULL; not found in an array holding NULL → NULL, else FALSE
        assertEquals("true", value("2 IN UNNEST([1, 2])"));
        assertEquals("false", value("3 IN UNNEST([1, 2])"));
        assertEquals("null", value("3 IN UNNEST([1, NULL])"));
        assertEquals("null", value("CAST(NULL AS INT64) IN UNNEST([1, 2])"));
        assertEquals("false", value("3 IN UNNEST(CAST([] AS ARRAY<INT64>))"));
    }

    @Test
    void epochConversionsAndGeneratedArrays() throws SQLException {
        assertEquals("19723", value("UNIX_DATE(DATE '2024-01-01')"));
        assertEquals("2024-01-01", value("DATE_FROM_UNIX_DATE(19723)"));
        // UNIX_SECONDS rounds down to the second, also before 1970
        assertEquals("-1", value("UNIX_SECONDS(TIMESTAMP '1969-12-31 23:59:59.5+00')"));
        assertEquals("2024-01-01 00:00:00.0", value("TIMESTAMP_SECONDS(1704067200)"));
        // GENERATE_ARRAY includes the end value
        assertEquals("[1, 3, 5]", value("GENERATE_ARRAY(1, 5, 2)"));
        assertEquals("[]", value("GENERATE_ARRAY(5, 1)"));
    }

    // ---- arrays and structs (array_functions, operators) --------------------------------------

    @Test
    void arraySubscriptsCountAsBigQueryDoes() throws SQLException {
        assertEquals("20", value("[10, 20, 30][OFFSET(1)]"));
        assertEquals("10", value("[10, 20, 30][ORDINAL(1)]"));
        // SAFE_OFFSET: NULL outside the array (DuckDB counts a negative index from the end)
        assertEquals("null", value("[10, 20, 30][SAFE_OFFSET(5)]"));
        assertEquals("null", value("[10, 20, 30][SAFE_OFFSET(-1)]"));
        // OFFSET out of range: "an error"
        failsOnDuckDb("[10, 20, 30][OFFSET(3)]");
        assertEquals("3", value("ARRAY_LENGTH([1, 2, 3])"));
    }

    @Test
    void structFieldsAndUnnestWithOffset() throws SQLException {
        assertEquals("x", db.value("SELECT s.b FROM (SELECT STRUCT(1 AS a, 'x' AS b) AS s)"));
        // UNNEST ... WITH OFFSET: 0-based offsets in array order
        assertEquals(
                "a:0,b:1,c:2",
                db.value(
                        "SELECT STRING_AGG(CONCAT(x, ':', CAST(o AS STRING)), ',' ORDER BY o) FROM UNNEST(['a', 'b', 'c']) AS x WITH OFFSET AS o"));
        // an empty array gives no row; LEFT JOIN UNNEST keeps the row
        assertEquals(List.of(), db.run("SELECT x FROM UNNEST(CAST([] AS ARRAY<INT64>)) AS x"));
        assertEquals(
                List.of("1 | null"),
                db.run("SELECT t.id, x FROM (SELECT 1 AS id, CAST([] AS ARRAY<INT64>) AS xs) AS t"
                        + " LEFT JOIN UNNEST(t.xs) AS x"));
    }

    @Test
    void arrayAggFailsOnNullElementsUnlessIgnored() throws SQLException {
        // ARRAY_AGG: "An error is raised if an array in the final query result has a NULL element"
        assertEquals("[1, 3]", db.value("SELECT ARRAY_AGG(x IGNORE NULLS ORDER BY x) FROM UNNEST([3, NULL, 1]) AS x"));
        String sql = DuckDbPreview.translate("SELECT ARRAY_AGG(x) FROM UNNEST([3, NULL, 1]) AS x");
        assertThrows(SQLException.class, () -> db.rows(sql));
        assertEquals("[3, 2]", db.value("SELECT ARRAY_AGG(x ORDER BY x DESC LIMIT 2) FROM UNNEST([1, 3, 2]) AS x"));
    }

    // ---- ordering -----------------------------------------------------------------------------

    @Test
    void nullsSortFirstAscendingAndLastDescending() throws SQLException {
        // ORDER BY: "NULLS FIRST is the default for ASC; NULLS LAST for DESC"
        assertEquals(List.of("null", "1", "2"), db.run("SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x"));
        assertEquals(List.of("2", "1", "null"), db.run("SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x DESC"));
        assertEquals(
                List.of("null | 1", "1 | 2", "2 | 3"),
                db.run("SELECT x, ROW_NUMBER() OVER (ORDER BY x) AS r FROM UNNEST([2, NULL, 1]) AS x ORDER BY r"));
        assertEquals(List.of("2"), db.run("SELECT x FROM UNNEST([2, NULL, 1]) AS x ORDER BY x DESC LIMIT 1"));
    }

    // ---- aggregates and windows (aggregate_functions, navigation/numbering functions) ----------

    @Test
    void aggregatesOfBigQuery() throws SQLException {
        // COUNTIF: counts TRUE; NULL and FALSE are not counted
        assertEquals(
                "2 | true | false | 3",
                db.value("SELECT COUNTIF(x > 1), LOGICAL_OR(x > 2), LOGICAL_AND(x > 1), "
                        + "APPROX_COUNT_DISTINCT(x) FROM UNNEST([1, 2, 3, NULL]) AS x"));
        // SUM of INT64 is INT64
        assertEquals("6", db.value("SELECT SUM(x) FROM UNNEST([1, 2, 3]) AS x"));
        assertEquals("2.0", db.value("SELECT AVG(x) FROM UNNEST([1, 2, 3]) AS x"));
        // AVG(NUMERIC) is NUMERIC: the exact mean, rounded to 9 decimal places
        assertEquals(
                "0.666666667", db.value("SELECT AVG(x) FROM UNNEST([NUMERIC '1', NUMERIC '1', NUMERIC '0']) AS x"));
        assertEquals("null", db.value("SELECT AVG(x) FROM UNNEST(CAST([] AS ARRAY<NUMERIC>)) AS x"));
        assertEquals("a,b", db.value("SELECT STRING_AGG(x, ',' ORDER BY x) FROM UNNEST(['b', 'a']) AS x"));
    }

    @Test
    void approximateAggregatesPreviewExactly() throws SQLException {
        // APPROX_QUANTILES(x, n): n + 1 values, minimum first and maximum last; previewed with exact quantiles
        assertEquals("[1, 3, 5]", db.value("SELECT APPROX_QUANTILES(x, 2) FROM UNNEST([5, 1, 4, 2, 3]) AS x"));
        assertTrue(DuckDbPreview.translate("SELECT APPROX_QUANTILES(x, 4) FROM UNNEST([1]) AS x")
                .contains("BigQuery approximates"));
        assertEquals("3", db.value("SELECT APPROX_QUANTILES(x, 4)[OFFSET(2)] FROM UNNEST([5, 1, 4, 2, 3]) AS x"));
    }

    @Test
    void percentilesOverAWindow() throws SQLException {
        // PERCENTILE_CONT: linear interpolation; PERCENTILE_DISC: the first value whose cumulative distribution reaches
        // p
        assertEquals(
                "2.5 | 2",
                db.value("SELECT DISTINCT PERCENTILE_CONT(x, 0.5) OVER (), PERCENTILE_DISC(x, 0.5) OVER ()"
                        + " FROM UNNEST([1, 2, 3, 4]) AS x"));
        // NULLs are ignored
        assertEquals("2.0", db.value("SELECT DISTINCT PERCENTILE_CONT(x, 0.5) OVER () FROM UNNEST([1, NULL, 3]) AS x"));
    }

    @Test
    void numberingAndNavigationFunctions() throws SQLException {
        assertEquals(
                List.of("1 | 1 | 1 | 0 | 1", "2 | 1 | 2 | 1 | 3", "3 | 2 | 2 | 2 | 5", "4 | 2 | 4 | 3 | 7"),
                db.run("SELECT x, NTILE(2) OVER (ORDER BY x) AS n, RANK() OVER (ORDER BY d) AS r,"
                        + " LAG(x, 1, 0) OVER (ORDER BY x) AS prev,"
                        + " SUM(x) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS moving"
                        + " FROM UNNEST([STRUCT(1 AS x, 1 AS d), (2, 2), (3, 2), (4, 4)]) ORDER BY x"));
    }

    @Test
    void qualifyFiltersOnAWindowFunction() throws SQLException {
        assertEquals(
                List.of("b | 2"),
                db.run("SELECT g, x FROM UNNEST([STRUCT('a' AS g, 1 AS x), ('b', 2), ('b', 1)])"
                        + " WHERE TRUE QUALIFY ROW_NUMBER() OVER (ORDER BY x DESC) = 1"));
    }

    @Test
    void runTimeIsTheExpressionTheDialectPasses() {
        assertTrue(DuckDbPreview.translate("SELECT @run_time AS t").contains(DuckDbPreview.RUN_TIME_EXPRESSION));
    }
}

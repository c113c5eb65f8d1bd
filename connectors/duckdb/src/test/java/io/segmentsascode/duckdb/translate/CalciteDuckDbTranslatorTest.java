package io.segmentsascode.duckdb.translate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.render.UnpreviewableSqlException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Output shape, the @run_time scanner, scalar semantics (run on DuckDB) and refusals with positions. */
class CalciteDuckDbTranslatorTest {

    private static final CalciteDuckDbTranslator TRANSLATOR = new CalciteDuckDbTranslator();
    private static PreviewDatabase db;

    @BeforeAll
    static void open() throws SQLException {
        db = PreviewDatabase.logicalTables();
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    private static String translate(String googleSql) {
        return TRANSLATOR.translate(googleSql, PreviewDatabase.RUN_TIME_EXPRESSION);
    }

    private static List<String> run(String googleSql) throws SQLException {
        return db.query(translate(googleSql)).rows();
    }

    private static UnpreviewableSqlException refused(String googleSql) {
        return assertThrows(UnpreviewableSqlException.class, () -> translate(googleSql));
    }

    // ------------------------------------------------------------------ output shape

    @Test
    void printsOneDuckDbQueryOverTheLogicalNames() {
        String sql = translate("""
                SELECT e.user_id, COUNTIF(e.event_name = 'purchase') AS purchases
                FROM `events` AS e JOIN `users` u USING (user_id)
                WHERE e.event_time >= TIMESTAMP_SUB(@run_time, INTERVAL 30 DAY)
                GROUP BY e.user_id;
                """);
        assertEquals("""
                SELECT e.user_id, COUNT(*) FILTER (WHERE e.event_name = 'purchase') AS purchases
                FROM events AS e
                  INNER JOIN users AS u USING (user_id)
                WHERE e.event_time >= getvariable('run_time') - INTERVAL 30 DAY
                GROUP BY e.user_id""", sql);
    }

    @Test
    void quotesOnlyWhatDuckDbNeedsAndKeepsCase() throws SQLException {
        String sql = translate("SELECT 1 AS `order`, 2 AS UserId, 3 AS `my col`, 4 AS `timestamp`, 5 AS `users` FROM `users` LIMIT 1");
        assertEquals("""
                SELECT 1 AS "order", 2 AS UserId, 3 AS "my col", 4 AS "timestamp", 5 AS users
                FROM users
                LIMIT 1""", sql);
        assertEquals(List.of("order", "UserId", "my col", "timestamp", "users"),
                List.copyOf(db.query(sql).columns().keySet()));
    }

    @Test
    void acceptsNamesCalciteReservesButGoogleSqlDoesNot() throws SQLException {
        String googleSql = """
                SELECT x.date, variant, user, x.timestamp AS time, COUNT(*) AS n
                FROM (SELECT DATE(session_start) AS date, source AS variant, user_id AS user, session_start AS timestamp
                      FROM sessions WHERE CAST(session_start AS DATE) = DATE '2026-01-30') AS x
                WHERE date > DATE '2026-01-01'
                GROUP BY date, variant, user, time
                """;
        PreviewDatabase.Result result = db.query(translate(googleSql));
        assertEquals(List.of("date", "variant", "user", "time", "n"), List.copyOf(result.columns().keySet()));
        assertEquals(List.of("2026-01-30|email|u06|2026-01-30T22:00|1", "2026-01-30|paid_search|u07|2026-01-30T17:30|1"),
                result.sortedRows());
        // positions after backticked names still point into the caller's text
        UnpreviewableSqlException e = refused("SELECT date, variant, STRUCT(1 AS a) FROM t");
        assertEquals(List.of(1, 23), List.of(e.line(), e.column()));
        UnpreviewableSqlException f = refused("SELECT date, variant, FORMAT_DATE('%Y', date) FROM t");
        assertEquals(List.of(1, 23), List.of(f.line(), f.column()));
    }

    @Test
    void namesAnonymousColumnsLikeBigQuery() throws SQLException {
        PreviewDatabase.Result result = db.query(translate("SELECT user_id, COUNT(*), MAX(signup_date) FROM users GROUP BY user_id"));
        assertEquals(List.of("user_id", "f0_", "f1_"), List.copyOf(result.columns().keySet()));
    }

    @Test
    void spellsOutBigQueryNullOrdering() {
        assertEquals("""
                SELECT user_id, ROW_NUMBER() OVER (PARTITION BY country ORDER BY signup_date NULLS FIRST, user_id DESC NULLS LAST) AS r
                FROM users
                ORDER BY country NULLS FIRST, r DESC NULLS LAST, user_id NULLS LAST""",
                translate("SELECT user_id, ROW_NUMBER() OVER (PARTITION BY country ORDER BY signup_date, user_id DESC) AS r "
                        + "FROM users ORDER BY country ASC, r DESC, user_id NULLS LAST"));
    }

    @Test
    void keepsQualifyAndRewritesExceptToExclude() throws SQLException {
        String sql = translate("SELECT * EXCEPT (country, device_type) FROM users WHERE TRUE "
                + "QUALIFY ROW_NUMBER() OVER (ORDER BY signup_date DESC) = 1");
        assertTrue(sql.contains("* EXCLUDE (country, device_type)"), sql);
        assertTrue(sql.contains("QUALIFY"), sql);
        assertEquals(List.of("u06|2026-01-30"), db.query(sql).rows());
    }

    // ------------------------------------------------------------------ @run_time

    @Test
    void replacesOnlyRealRunTimeTokens() throws SQLException {
        String sql = translate("""
                SELECT '@run_time' AS s, "say @run_time" AS d, @run_time AS t, 1 AS `@run_time` -- @run_time
                FROM users /* @run_time */ # @run_time
                WHERE user_id = 'u01' AND signup_date < DATE(@RUN_TIME)
                """);
        assertFalse(sql.contains("--") || sql.contains("/*") || sql.contains("#"), sql);
        assertEquals(List.of("@run_time|say @run_time|2026-01-31T00:00|1"), db.query(sql).rows());
        assertEquals(List.of("s", "d", "t", "@run_time"), List.copyOf(db.query(sql).columns().keySet()));
    }

    @Test
    void wrapsRunTimeExpressionsThatAreNotPrimaries() {
        String sql = TRANSLATOR.translate("SELECT TIMESTAMP_SUB(@run_time, INTERVAL 1 DAY) AS t",
                "TIMESTAMP '2026-01-31' + INTERVAL 1 HOUR");
        assertEquals("SELECT (TIMESTAMP '2026-01-31' + INTERVAL 1 HOUR) - INTERVAL 1 DAY AS t", sql);
    }

    @Test
    void refusesOtherParameters() {
        UnpreviewableSqlException named = refused("SELECT user_id\nFROM users WHERE country = @country");
        assertEquals(List.of(2, 28), List.of(named.line(), named.column()));
        assertTrue(named.getMessage().contains("@country"), named.getMessage());
        UnpreviewableSqlException positional = refused("SELECT user_id FROM users WHERE country = ?");
        assertEquals(List.of(1, 43), List.of(positional.line(), positional.column()));
        UnpreviewableSqlException system = refused("SELECT @@project_id");
        assertEquals(List.of(1, 8), List.of(system.line(), system.column()));
    }

    // ------------------------------------------------------------------ semantics, run on DuckDB

    @Test
    void timestampDiffCountsWholePeriodsTruncatedTowardZero() throws SQLException {
        assertEquals(List.of("0|1|-1|0|86399|-86399|1439|23"), run("""
                SELECT TIMESTAMP_DIFF(TIMESTAMP '2026-01-31 00:00:00', TIMESTAMP '2026-01-30 00:00:00.000001', DAY) AS a,
                       TIMESTAMP_DIFF(TIMESTAMP '2026-01-31 00:00:00', TIMESTAMP '2026-01-29 23:59:59.999999', DAY) AS b,
                       TIMESTAMP_DIFF(TIMESTAMP '2026-01-29 23:59:59.999999', TIMESTAMP '2026-01-31 00:00:00', DAY) AS c,
                       TIMESTAMP_DIFF(TIMESTAMP '2026-01-30 00:00:00.000001', TIMESTAMP '2026-01-31 00:00:00', DAY) AS d,
                       TIMESTAMP_DIFF(TIMESTAMP '2026-01-31 00:00:00', TIMESTAMP '2026-01-30 00:00:00.5', SECOND) AS e,
                       TIMESTAMP_DIFF(TIMESTAMP '2026-01-30 00:00:00.5', TIMESTAMP '2026-01-31 00:00:00', SECOND) AS f,
                       TIMESTAMP_DIFF(@run_time, TIMESTAMP '2026-01-30 00:00:30', MINUTE) AS g,
                       TIMESTAMP_DIFF(@run_time, TIMESTAMP '2026-01-30 00:30:00', HOUR) AS h
                """));
    }

    @Test
    void dateDiffSwapsArgumentsForDuckDb() throws SQLException {
        String sql = translate("SELECT DATE_DIFF(DATE '2026-01-31', DATE '2026-01-01', DAY) AS d");
        assertEquals("SELECT DATE_DIFF('day', DATE '2026-01-01', DATE '2026-01-31') AS d", sql);
        assertEquals(List.of("30|-30|1|1|0"), run("""
                SELECT DATE_DIFF(DATE '2026-01-31', DATE '2026-01-01', DAY) AS forward,
                       DATE_DIFF(DATE '2026-01-01', DATE '2026-01-31', DAY) AS backward,
                       DATE_DIFF(DATE '2026-02-01', DATE '2026-01-31', MONTH) AS month_boundary,
                       DATE_DIFF(DATE '2026-01-01', DATE '2025-12-31', YEAR) AS year_boundary,
                       DATE_DIFF(DATE '2026-01-31', DATE '2026-01-01', QUARTER) AS same_quarter
                """));
    }

    @Test
    void dateArithmeticStaysDateAndClampsMonthEnds() throws SQLException {
        PreviewDatabase.Result result = db.query(translate("""
                SELECT DATE_ADD(DATE '2024-01-31', INTERVAL 1 MONTH) AS a,
                       DATE_SUB(DATE '2024-03-31', INTERVAL 1 MONTH) AS b,
                       DATE_ADD(DATE '2026-01-31', INTERVAL 2 WEEK) AS c,
                       DATE_SUB(DATE '2026-01-31', INTERVAL 1 QUARTER) AS d,
                       TIMESTAMP_ADD(@run_time, INTERVAL -90 MINUTE) AS e,
                       TIMESTAMP_SUB(@run_time, INTERVAL (2 * 3) HOUR) AS f
                """));
        assertEquals(List.of("2024-02-29|2024-02-29|2026-02-14|2025-10-31|2026-01-30T22:30|2026-01-30T18:00"), result.rows());
        assertEquals("DATE", result.columns().get("a"));
        assertEquals("TIMESTAMP", result.columns().get("e"));
    }

    @Test
    void castsMapBigQueryTypes() throws SQLException {
        PreviewDatabase.Result result = db.query(translate("""
                SELECT CAST('1.25' AS FLOAT64) AS f, CAST('12' AS INT64) AS i, CAST(12 AS STRING) AS s,
                       CAST('0.1234567891' AS NUMERIC) AS n, CAST('true' AS BOOL) AS b, SAFE_CAST('x' AS INT64) AS sc,
                       CAST(2.5 AS INT64) AS half_up, CAST(-2.5 AS INT64) AS half_down, CAST(7 / 2 AS INT64) AS ratio,
                       CAST(TRUE AS INT64) AS flag, CAST(2 AS INTEGER) AS int_alias
                """));
        assertEquals(List.of("1.25|12|12|0.123456789|true|null|3|-3|4|1|2"), result.rows());
        assertEquals(List.of("DOUBLE", "BIGINT", "VARCHAR", "DECIMAL(38,9)", "BOOLEAN", "BIGINT", "BIGINT", "BIGINT",
                "BIGINT", "BIGINT", "BIGINT"), List.copyOf(result.columns().values()));
    }

    @Test
    void safeDivideCountifAndFriends() throws SQLException {
        PreviewDatabase.Result result = db.query(translate("""
                SELECT SAFE_DIVIDE(1, 0) AS z, SAFE_DIVIDE(7, 2) AS h, SAFE_DIVIDE(1, NULL) AS n,
                       COUNTIF(country = 'FR') AS fr, COUNTIF(country IS NULL) AS unknown,
                       IFNULL(MAX(country), 'none') AS mx, LOGICAL_OR(country = 'US') AS any_us,
                       DIV(-7, 2) AS d, MOD(-7, 2) AS m, LOG(100, 10) AS lg, GREATEST(1, 2, NULL) AS g
                FROM users
                """));
        assertEquals(List.of("null|3.5|null|3|1|US|true|-3|-1|2.0|null"), result.rows());
        assertEquals("BIGINT", result.columns().get("fr"));
    }

    @Test
    void timestampLiteralsApplyTheirTimeZone() throws SQLException {
        assertEquals(List.of("2026-01-31T01:00|2026-01-30T17:00|2025-12-31T23:00|2026-01-01T00:00"), run("""
                SELECT TIMESTAMP '2026-01-30 23:00:00-02:00' AS offset_zone,
                       TIMESTAMP '2026-01-30 12:00:00 America/New_York' AS named_zone,
                       CAST('2026-01-01 00:00:00+01' AS TIMESTAMP) AS cast_literal,
                       TIMESTAMP '2026-01-01 00:00:00 UTC' AS utc
                """));
    }

    @Test
    void decodesBigQueryStringEscapes() throws SQLException {
        assertEquals(List.of("a\nb|back\\slash|Aé|\\d+|dq'|'|tab\t"), run("""
                SELECT 'a\\nb' AS nl, 'back\\\\slash' AS bs, '\\x41\\u00e9' AS hex, r'\\d+' AS raw, "dq'" AS dq,
                       '\\'' AS q, "tab\\t" AS t
                """));
        assertEquals(List.of("true|false"), run("SELECT REGEXP_CONTAINS('a12', r'\\d+') AS m, REGEXP_CONTAINS('abc', r'^b') AS n"));
    }

    @Test
    void likeTreatsBackslashAsEscapeLikeBigQuery() throws SQLException {
        // GoogleSQL text: 'a\\_b' is the pattern a\_b, an escaped underscore
        assertEquals(List.of("true|false|true|true"), run("""
                SELECT 'a_b' LIKE 'a\\\\_b' AS escaped, 'axb' LIKE 'a\\\\_b' AS not_wildcard, 'axb' LIKE 'a_b' AS wildcard,
                       '50%' LIKE CONCAT('50', '\\\\%') AS computed_pattern
                """));
    }

    @Test
    void trimRemovesUnicodeWhitespaceLikeBigQuery() throws SQLException {
        assertEquals(List.of("[x]|[x \n]|[\t x]"), run("""
                SELECT CONCAT('[', TRIM('\\t x \\n'), ']') AS t, CONCAT('[', LTRIM('\\t x \\n'), ']') AS l,
                       CONCAT('[', RTRIM('\\t x \\n'), ']') AS r
                """));
    }

    @Test
    void extractAndTruncate() throws SQLException {
        PreviewDatabase.Result result = db.query(translate("""
                SELECT EXTRACT(DAYOFWEEK FROM DATE '2026-01-31') AS saturday, EXTRACT(DAYOFWEEK FROM DATE '2026-02-01') AS sunday,
                       EXTRACT(YEAR FROM @run_time) AS y, EXTRACT(HOUR FROM TIMESTAMP '2026-01-30 17:45:00') AS h,
                       EXTRACT(ISOWEEK FROM DATE '2026-01-01') AS iso_week,
                       TIMESTAMP_TRUNC(TIMESTAMP '2026-01-30 17:45:10', HOUR) AS th, DATE_TRUNC(DATE '2026-02-14', MONTH) AS dm,
                       DATE(TIMESTAMP '2026-01-30 23:59:59') AS d
                """));
        assertEquals(List.of("7|1|2026|17|1|2026-01-30T17:00|2026-02-01|2026-01-30"), result.rows());
        assertEquals("DATE", result.columns().get("dm"));
    }

    @Test
    void arrayAggIgnoreNullsBecomesAFilter() throws SQLException {
        String sql = translate("SELECT ARRAY_AGG(country IGNORE NULLS ORDER BY country) AS countries FROM users");
        assertEquals("SELECT ARRAY_AGG(country ORDER BY country NULLS FIRST) FILTER (WHERE country IS NOT NULL) AS countries\n"
                + "FROM users", sql);
        assertEquals(List.of("[DE, DE, FR, FR, FR, US, US]"), db.query(sql).rows());
    }

    // ------------------------------------------------------------------ refusals with positions

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT STRUCT(1 AS a, 'x' AS b) AS s                        | 1 | 8  | STRUCT(...) cannot be previewed on DuckDB
            SELECT STRUCT(user_id, country) FROM users                  | 1 | 8  | STRUCT(...) cannot be previewed on DuckDB
            SELECT FORMAT_TIMESTAMP('%Y-%m', @run_time) AS m            | 1 | 8  | FORMAT_TIMESTAMP(...) cannot be previewed on DuckDB
            SELECT user_id FROM users WHERE signup_date < CURRENT_DATE() | 1 | 47 | CURRENT_DATE cannot be previewed on DuckDB
            SELECT CURRENT_TIMESTAMP AS now                             | 1 | 8  | CURRENT_TIMESTAMP cannot be previewed on DuckDB
            SELECT TIMESTAMP_TRUNC(@run_time, WEEK(MONDAY))             | 1 | 8  | TIMESTAMP_TRUNC(..., WEEK_MONDAY) cannot be previewed
            SELECT DATE_TRUNC(signup_date, WEEK) FROM users             | 1 | 8  | DATE_TRUNC(..., WEEK) cannot be previewed
            SELECT DATE_DIFF(DATE '2026-01-31', signup_date, WEEK) FROM users | 1 | 8 | DATE_DIFF(..., WEEK) cannot be previewed
            SELECT EXTRACT(WEEK FROM signup_date) FROM users            | 1 | 8  | EXTRACT(WEEK FROM ...) cannot be previewed
            SELECT user_id FROM `acme-marketing.analytics.events`       | 1 | 21 | qualified table name acme-marketing.analytics.events
            SELECT user_id FROM users, UNNEST([1, 2]) AS n              | 1 | 35 | array literals and subscripts [...] cannot be previewed
            SELECT FARM_FINGERPRINT(user_id) FROM users                 | 1 | 8  | FARM_FINGERPRINT(...) cannot be previewed on DuckDB
            SELECT MD5(user_id) FROM users                              | 1 | 8  | MD5(...) cannot be previewed on DuckDB
            SELECT SUBSTR(user_id, 0, 2) FROM users                     | 1 | 8  | SUBSTR(...) cannot be previewed on DuckDB unless
            SELECT COUNTIF(DISTINCT country = 'FR') FROM users          | 1 | 8  | COUNTIF(DISTINCT ...) cannot be previewed
            SELECT CAST(user_id AS BYTES) FROM users                    | 1 | 24 | CAST to BYTES cannot be previewed
            SELECT TIMESTAMP_SUB(@run_time, INTERVAL 1 MONTH)           | 1 | 8  | TIMESTAMP_SUB(..., INTERVAL ... MONTH) cannot be previewed
            SELECT '''triple''' AS s                                    | 1 | 8  | triple-quoted string literals cannot be previewed
            SELECT b'bytes' AS s                                        | 1 | 8  | bytes literal b'...' cannot be previewed
            SELECT user_id FROM events WHERE event_time > '2026-01-01 00:00:00+05' | 1 | 47 | carries a time zone
            SELECT SAFE.LOG(-1) AS l                                    | 1 | 8  | SAFE.LOG(...) cannot be previewed on DuckDB
            SELECT 0x1F AS h                                            | 1 | 8  | hexadecimal literal 0x1F cannot be previewed
            SELECT user_id FROM users WHERE user_id IN UNNEST(['u01'])  | 1 | 44 | UNNEST(...) cannot be previewed on DuckDB
            DELETE FROM users WHERE TRUE                                | 1 | 1  | DELETE cannot be previewed on DuckDB
            SELECT 1 AS a; SELECT 2 AS b                                | 1 | 16 | only one query can be previewed
            """)
    void refusesWhatDuckDbCannotRunWithTheSameMeaning(String googleSql, int line, int column, String message) {
        UnpreviewableSqlException e = refused(googleSql);
        assertAll(() -> assertEquals(line, e.line(), e.getMessage()),
                () -> assertEquals(column, e.column(), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(message), e.getMessage()),
                () -> assertTrue(e.getMessage().endsWith("(line " + line + ", column " + column + ")"), e.getMessage()));
    }

    @Test
    void refusalsPointIntoMultiLineQueries() {
        UnpreviewableSqlException e = refused("""
                WITH x AS (
                  SELECT user_id,
                \t       STRUCT(country AS c) AS s
                  FROM users
                )
                SELECT * FROM x
                """);
        assertEquals("STRUCT(...) cannot be previewed on DuckDB (line 3, column 9)", e.getMessage());
        UnpreviewableSqlException crlf = refused("SELECT\r\n  user_id\r\nFROM users\r\nWHERE signup_date < CURRENT_DATE()");
        assertEquals(List.of(4, 21), List.of(crlf.line(), crlf.column()));
    }

    @Test
    void parseErrorsCarryCalcitesPosition() {
        UnpreviewableSqlException e = refused("SELECT user_id,\n       COUNT(* FROM events\nGROUP BY 1");
        assertEquals(List.of(2, 16), List.of(e.line(), e.column()));
        assertEquals("the DuckDB preview cannot parse this GoogleSQL: Encountered \"FROM\" (line 2, column 16)", e.getMessage());
        UnpreviewableSqlException unknownFunctionSyntax = refused("SELECT FIRST_VALUE(country IGNORE NULLS) OVER (ORDER BY user_id) FROM users");
        assertEquals("IGNORE NULLS here cannot be previewed on DuckDB (line 1, column 28)", unknownFunctionSyntax.getMessage());
    }

    @Test
    void unknownFunctionsAreRefusedNotPassedThrough() {
        UnpreviewableSqlException e = refused("SELECT user_id, NET.HOST(page) FROM events");
        assertEquals("NET.HOST(...) cannot be previewed on DuckDB: qualified function names (SAFE., NET., ...) are not "
                + "part of the preview (line 1, column 17)", e.getMessage());
        UnpreviewableSqlException f = refused("SELECT user_id, ARRAY_LENGTH(x) FROM events");
        assertEquals("ARRAY_LENGTH(...) cannot be previewed on DuckDB: it is not one of the functions the preview knows to "
                + "mean the same on both engines (line 1, column 17)", f.getMessage());
    }
}

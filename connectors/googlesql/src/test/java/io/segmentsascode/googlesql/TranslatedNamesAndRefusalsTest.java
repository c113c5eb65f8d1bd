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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Output names, literals and string functions as BigQuery gives them, and the constructs the
 * preview refuses (with their position where the query writes a function), on the hand-made data
 * of {@link PreviewDatabase}.
 */
class TranslatedNamesAndRefusalsTest {

    private static PreviewDatabase db;

    @BeforeAll
    static void open() throws SQLException {
        db = PreviewDatabase.logicalTables();
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    private static List<String> run(String googleSql) throws SQLException {
        return db.query(DuckDbPreview.translate(googleSql)).rows();
    }

    @Test
    void outputNamesKeepTheirSpellingAndCase() throws SQLException {
        PreviewDatabase.Result result = db.query(
                DuckDbPreview.translate(
                        "SELECT 1 AS `order`, 2 AS UserId, 3 AS `my col`, 4 AS `timestamp`, 5 AS `users` FROM `users` ORDER BY 1 LIMIT 1"));
        assertEquals(
                List.of("order", "UserId", "my col", "timestamp", "users"),
                List.copyOf(result.columns().keySet()));
    }

    @Test
    void namesOtherParsersReserveAreOrdinaryColumns() throws SQLException {
        PreviewDatabase.Result result = db.query(DuckDbPreview.translate("""
                SELECT x.date, variant, user, x.timestamp AS time, COUNT(*) AS n
                FROM (SELECT DATE(session_start) AS date, source AS variant, user_id AS user, session_start AS timestamp
                      FROM sessions WHERE CAST(session_start AS DATE) = DATE '2026-01-30') AS x
                WHERE date > DATE '2026-01-01'
                GROUP BY date, variant, user, time
                """));
        assertEquals(
                List.of("date", "variant", "user", "time", "n"),
                List.copyOf(result.columns().keySet()));
        assertEquals(
                List.of("2026-01-30|email|u06|2026-01-30T22:00|1", "2026-01-30|paid_search|u07|2026-01-30T17:30|1"),
                result.sortedRows());
    }

    @Test
    void namesAnonymousColumnsLikeBigQuery() throws SQLException {
        PreviewDatabase.Result result = db.query(
                DuckDbPreview.translate("SELECT user_id, COUNT(*), MAX(signup_date) FROM users GROUP BY user_id"));
        assertEquals(
                List.of("user_id", "f0_", "f1_"), List.copyOf(result.columns().keySet()));
    }

    @Test
    void stringLiteralsAreDecodedByGoogleSql() throws SQLException {
        assertEquals(List.of("a\nb|back\\slash|Aé|\\d+|dq'|'|tab\t|triple"), run("""
                SELECT 'a\\nb' AS nl, 'back\\\\slash' AS bs, '\\x41\\u00e9' AS hex, r'\\d+' AS raw, "dq'" AS dq,
                       '\\'' AS q, "tab\\t" AS t, '''triple''' AS tq
                """));
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
        // TRIM: "removes all leading and trailing whitespace"; DuckDB's trim() only removes spaces
        assertEquals(List.of("[x]|[x \n]|[\t x]|[y]"), run("""
                SELECT CONCAT('[', TRIM('\\t x \\n'), ']') AS t, CONCAT('[', LTRIM('\\t x \\n'), ']') AS l,
                       CONCAT('[', RTRIM('\\t x \\n'), ']') AS r, CONCAT('[', TRIM('\\u00a0y\\u2003'), ']') AS nbsp
                """));
    }

    @Test
    void timestampLiteralsWithATimeZoneAreInstants() throws SQLException {
        // a TIMESTAMP literal's zone is applied by GoogleSQL; the preview holds UTC
        assertEquals(
                List.of("2026-01-01T00:00|2026-01-01T05:00"),
                run(
                        "SELECT TIMESTAMP '2026-01-01 05:00:00+05' AS a, TIMESTAMP '2026-01-01 00:00:00 America/New_York' AS b"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            SELECT FORMAT_TIMESTAMP('%Y-%m %Z', @run_time) AS m         | FORMAT_TIMESTAMP         | 1:8
            SELECT user_id FROM users WHERE signup_date < CURRENT_DATE() | CURRENT_DATE            | 1:47
            SELECT FARM_FINGERPRINT(user_id) FROM users                 | FARM_FINGERPRINT         | 1:8
            SELECT MD5(user_id) FROM users                              | MD5                      | 1:8
            SELECT ARRAY_TO_STRING(['a', NULL], ',') AS s               | ARRAY_TO_STRING          | 1:8
            SELECT CAST(user_id AS BYTES) FROM users                    | CAST to BYTES            | 0:0
            SELECT TIMESTAMP_SUB(@run_time, INTERVAL 1 MONTH)           | does not resolve         | 0:0
            SELECT b'bytes' AS s                                        | literal of type BYTES    | 0:0
            SELECT VAR_POP(pageviews) FROM sessions                     | VAR_POP                  | 1:8
            SELECT user_id FROM users LIMIT 3                           | LIMIT without ORDER BY   | 0:0
            SELECT APPROX_TOP_COUNT(country, 2) FROM users              | APPROX_TOP_COUNT         | 1:8
            DELETE FROM users WHERE TRUE                                | does not resolve         | 0:0
            SELECT 1 AS a; SELECT 2 AS b                                | does not resolve         | 0:0
            """)
    void refusesWhatDuckDbCannotRunWithTheSameMeaning(String googleSql, String construct, String position) {
        UnpreviewableSqlException e =
                assertThrows(UnpreviewableSqlException.class, () -> DuckDbPreview.translate(googleSql));
        assertTrue(e.getMessage().contains(construct), e.getMessage());
        if (!position.equals("0:0")) {
            assertEquals(position, e.line() + ":" + e.column(), e.getMessage());
        }
    }

    @Test
    void refusalsPointIntoMultiLineQueries() {
        UnpreviewableSqlException e = assertThrows(UnpreviewableSqlException.class, () -> DuckDbPreview.translate("""
                WITH x AS (
                  SELECT user_id,
                \t       FARM_FINGERPRINT(country) AS f
                  FROM users
                )
                SELECT * FROM x
                """));
        assertEquals(List.of(3, 9), List.of(e.line(), e.column()), e.getMessage());
    }
}

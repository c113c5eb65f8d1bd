package io.segmentsascode.googlesql;

import static io.segmentsascode.googlesql.SharedAnalyzer.columns;
import static io.segmentsascode.googlesql.SharedAnalyzer.uses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalysis.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The Calcite approximation on the same corpus: where it agrees with GoogleSQL, and the
 * documented places where it does not.
 */
class CalciteFallbackAnalyzerTest {

    static final CalciteFallbackAnalyzer CALCITE = new CalciteFallbackAnalyzer();

    /** Queries Calcite cannot parse although BigQuery accepts them, with Calcite's error. */
    static final Map<String, Problem> UNPARSEABLE = Map.of(
            "category buyers (ARRAY_AGG, IN UNNEST)", new Problem(9, 21, "Encountered \"IN UNNEST\""),
            "latest session as a STRUCT", new Problem(3, 46, "Encountered \"LIMIT\""),
            "channel mix over UNNEST of an array literal", new Problem(3, 19, "Encountered \"[\""),
            "engagement STRUCT and rounded SAFE_DIVIDE", new Problem(2, 24, "Encountered \"AS\""));

    /** Output types where Calcite differs from BigQuery. */
    static final Map<String, List<String>> DIFFERENT_TYPES = Map.of(
            // Calcite's AVG over integers is an integer; BigQuery's is FLOAT64
            "engaged sessions",
            List.of("user_id STRING", "sessions_30d INT64", "avg_time_on_site INT64", "pageviews_30d INT64"));

    static final List<SegmentQueries.Query> QUERIES = SegmentQueries.ALL;

    static SqlAnalysis analyze(String sql) {
        return CALCITE.analyze(sql, Warehouse.CATALOG);
    }

    @Test
    void isAnApproximation() {
        assertFalse(CALCITE.exact());
        assertTrue(CALCITE.version().matches("calcite 1\\.\\d+\\.\\d+"), CALCITE.version());
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("QUERIES")
    void corpus(SegmentQueries.Query query) {
        SqlAnalysis analysis = analyze(query.sql());
        assertEquals(1, analysis.statements());
        Problem unparseable = UNPARSEABLE.get(query.name());
        if (unparseable != null) {
            assertEquals(List.of(unparseable), analysis.errors());
            assertEquals(GoogleSqlAnalyzer.UNKNOWN, analysis.statementKind());
            return;
        }
        assertEquals(List.of(), analysis.errors());
        assertEquals(SqlAnalysis.QUERY, analysis.statementKind());
        assertEquals(DIFFERENT_TYPES.getOrDefault(query.name(), query.columns()), columns(analysis));
    }

    @Test
    void mostOfTheCorpusPasses() {
        assertEquals(12, QUERIES.size() - UNPARSEABLE.size());
    }

    @Test
    void factsMatchGoogleSqlOnTheRfmQuery() {
        String sql = SegmentQueries.ALL.get(0).sql();
        SqlAnalysis calcite = analyze(sql);
        SqlAnalysis googleSql = SharedAnalyzer.googleSql().analyze(sql, Warehouse.CATALOG);

        assertEquals(googleSql.columns(), calcite.columns());
        assertEquals(googleSql.tables(), calcite.tables());
        assertEquals(googleSql.functions(), calcite.functions());
        assertEquals(googleSql.ctes(), calcite.ctes());
    }

    @Test
    void dmlAndDdlKinds() {
        assertKindAndError("CREATE TABLE seg AS SELECT user_id FROM events", "CreateTableStatement");
        assertKindAndError("INSERT INTO users (user_id) VALUES ('u1')", "InsertStatement");
        assertKindAndError("UPDATE users SET country = 'FR' WHERE user_id = 'u1'", "UpdateStatement");
        assertKindAndError("DELETE FROM events WHERE TRUE", "DeleteStatement");
    }

    private static void assertKindAndError(String sql, String kind) {
        SqlAnalysis a = analyze(sql);
        assertEquals(kind, a.statementKind());
        assertEquals(1, a.statements());
        assertEquals(List.of(new Problem(1, 1, "Statement not supported: " + kind)), a.errors());
    }

    @Test
    void statementsItCannotParse() {
        // BigQuery accepts these; Calcite's Babel parser does not, so the kind is unknown
        SqlAnalysis merge = analyze("MERGE users t USING users s ON t.user_id = s.user_id WHEN MATCHED THEN DELETE");
        assertEquals(GoogleSqlAnalyzer.UNKNOWN, merge.statementKind());
        assertEquals(List.of(new Problem(1, 1, "Incorrect syntax near the keyword 'MERGE'")), merge.errors());
        SqlAnalysis drop = analyze("DROP TABLE users");
        assertEquals(List.of(new Problem(1, 1, "Incorrect syntax near the keyword 'DROP'")), drop.errors());
    }

    @Test
    void statementCountsComeFromTheLexer() {
        assertEquals(GoogleSqlAnalyzer.SCRIPT, analyze("SELECT 1; SELECT 2").statementKind());
        assertEquals(2, analyze("SELECT 1; SELECT 2").statements());
        assertEquals(List.of(), analyze("SELECT 1; SELECT 2").columns(), "scripts are not validated");
        assertEquals(
                1, analyze("SELECT user_id FROM users; -- trailing comment").statements());
        SqlAnalysis hidden = analyze("SELECT user_id FROM users; -- looks like a comment\nDROP TABLE users");
        assertEquals(2, hidden.statements());
        assertEquals(List.of(new Problem(2, 1, "Incorrect syntax near the keyword 'DROP'")), hidden.errors());
        assertEquals(
                1,
                analyze("SELECT user_id FROM users WHERE country = 'a;b' /* ; DROP TABLE x */")
                        .statements());
        // a ';' inside BEGIN ... END splits it (GoogleSQL: one BeginEndBlock)
        assertEquals(2, analyze("BEGIN\n  SELECT user_id FROM users;\nEND").statements());
        SqlAnalysis empty = analyze("-- only a comment");
        assertEquals(GoogleSqlAnalyzer.EMPTY, empty.statementKind());
        assertEquals(List.of(new Problem(1, 18, "Syntax error: Unexpected end of statement")), empty.errors());
    }

    @Test
    void nameErrors() {
        assertEquals(
                List.of(new Problem(1, 21, "Object 'proj' not found")),
                analyze("SELECT user_id FROM proj.ds.events").errors());
        assertEquals(
                List.of(new Problem(1, 21, "Object 'users_backup' not found")),
                analyze("SELECT user_id FROM users_backup").errors());
        assertEquals(
                List.of(new Problem(1, 17, "Column 'revenu' not found in any table")),
                analyze("SELECT user_id, revenu FROM events").errors());
        assertEquals(
                List.of(new Problem(1, 47, "Query parameter 'as_of' not found")),
                analyze("SELECT user_id FROM events WHERE event_time > @as_of").errors());
        assertEquals(List.of("t TIMESTAMP"), columns(analyze("SELECT @run_time AS t")));
    }

    @Test
    void looserOnTypes() {
        // GoogleSQL: "No matching signature for function SAFE_DIVIDE"; Calcite coerces the string
        SqlAnalysis a = analyze("SELECT SAFE_DIVIDE(user_id, 2) AS x FROM users");
        assertEquals(List.of(), a.errors());
        assertEquals(List.of("x NUMERIC"), columns(a));
        assertEquals(
                List.of(),
                analyze("SELECT user_id FROM events WHERE revenue > 'a lot'").errors());
    }

    @Test
    void functionsStarsAndCtes() {
        assertEquals(
                List.of("CURRENT_TIMESTAMP@1:47"),
                uses(analyze("SELECT user_id FROM events WHERE event_time > CURRENT_TIMESTAMP()")
                        .functions()));
        assertEquals(
                List.of("TIMESTAMP_SUB@1:47", "CURRENT_TIMESTAMP@1:61"),
                uses(analyze(
                                "SELECT user_id FROM events WHERE event_time > TIMESTAMP_SUB(CURRENT_TIMESTAMP, INTERVAL 1 DAY)")
                        .functions()));
        assertEquals(
                List.of("DATE_DIFF@1:17", "CURRENT_DATE@1:27"),
                uses(analyze("SELECT user_id, DATE_DIFF(CURRENT_DATE(), signup_date, DAY) AS age_days FROM users")
                        .functions()));

        SqlAnalysis external = analyze("SELECT * FROM EXTERNAL_QUERY('connection_id', 'SELECT * FROM customers')");
        assertEquals(List.of("EXTERNAL_QUERY@1:15"), uses(external.functions()));
        assertEquals(List.of("EXTERNAL_QUERY@1:8"), uses(external.stars()));
        assertEquals(
                List.of(new Problem(
                        1, 15, "No match found for function signature EXTERNAL_QUERY(<CHARACTER>, <CHARACTER>)")),
                external.errors());

        assertEquals(
                List.of("identities@1:8"),
                uses(analyze("SELECT * FROM identities").stars()));
        assertEquals(
                List.of("identities@1:8"),
                uses(analyze("SELECT i.*, u.country FROM identities AS i JOIN users AS u USING (user_id)")
                        .stars()));
        assertEquals(
                List.of("identities@1:8"),
                uses(analyze("SELECT * EXCEPT (email, phone) FROM identities").stars()));
        assertEquals(List.of(), analyze("SELECT COUNT(*) AS n FROM identities").stars());

        SqlAnalysis shadow = analyze("WITH events AS (SELECT user_id FROM users) SELECT user_id FROM events");
        assertEquals(List.of("events@1:6"), uses(shadow.ctes()));
        assertEquals(List.of("users@1:37"), uses(shadow.tables()));
    }

    @Test
    void positionsCountTabsAsOneColumn() {
        SqlAnalysis a = analyze("SELECT user_id FROM events WHERE event_time >\tCURRENT_TIMESTAMP() AND 'é' = revenu");
        assertEquals(List.of(new Problem(1, 77, "Column 'revenu' not found in any table")), a.errors());
    }

    @Test
    void agreesWithGoogleSqlOnFactsForAllItParses() {
        List<String> disagreements = new ArrayList<>();
        for (SegmentQueries.Query query : QUERIES) {
            if (UNPARSEABLE.containsKey(query.name())) {
                continue;
            }
            SqlAnalysis calcite = analyze(query.sql());
            SqlAnalysis googleSql = SharedAnalyzer.googleSql().analyze(query.sql(), Warehouse.CATALOG);
            if (!calcite.tables().equals(googleSql.tables())
                    || !calcite.ctes().equals(googleSql.ctes())
                    || !calcite.stars().equals(googleSql.stars())
                    || !sources(calcite).equals(sources(googleSql))) {
                disagreements.add(query.name());
            }
        }
        assertEquals(List.of(), disagreements);
    }

    private static List<List<SqlAnalysis.ColumnSource>> sources(SqlAnalysis analysis) {
        return analysis.columns().stream()
                .map(SqlAnalysis.OutputColumn::sources)
                .toList();
    }
}

package io.segmentsascode.googlesql;

import static io.segmentsascode.googlesql.SharedAnalyzer.columns;
import static io.segmentsascode.googlesql.SharedAnalyzer.uses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalysis.Problem;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The facts the GoogleSQL analyzer reports for SQL the guardrails must reject: statement kind and
 * count, errors with their line:column, functions, stars and WITH entries. (The rejection itself
 * and its wording are the core's business.)
 */
class GoogleSqlRejectionFactsTest {

    static SqlAnalysis analyze(String sql) {
        return SharedAnalyzer.googleSql().analyze(sql, Warehouse.CATALOG);
    }

    static void assertOnlyError(SqlAnalysis analysis, int line, int column, String message) {
        assertEquals(List.of(new Problem(line, column, message)), analysis.errors());
    }

    static void assertOnlyErrorStartingWith(SqlAnalysis analysis, int line, int column, String start) {
        assertEquals(1, analysis.errors().size(), () -> analysis.errors().toString());
        Problem problem = analysis.errors().get(0);
        assertEquals(line + ":" + column, problem.line() + ":" + problem.column(), problem.message());
        assertTrue(problem.message().startsWith(start), problem.message());
    }

    @Nested
    class DdlAndDml {

        @Test
        void createTableAsSelect() {
            SqlAnalysis a = analyze("CREATE TABLE seg AS SELECT user_id FROM events");
            assertEquals("CreateTableStatement", a.statementKind());
            assertEquals(1, a.statements());
            assertOnlyError(a, 1, 1, "Statement not supported: CreateTableStatement");
            assertEquals(List.of(), a.columns());
        }

        @ParameterizedTest(name = "{1}")
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '"',
                value = {
                    "INSERT INTO users (user_id) VALUES ('u1')                                            | InsertStatement",
                    "UPDATE users SET country = 'FR' WHERE user_id = 'u1'                                 | UpdateStatement",
                    "DELETE FROM events WHERE TRUE                                                        | DeleteStatement",
                    "MERGE users t USING users s ON t.user_id = s.user_id WHEN MATCHED THEN DELETE        | MergeStatement",
                    "DROP TABLE users                                                                     | DropStatement"
                })
        void dmlAndDdlAreNamedAndRefusedAtTheirFirstCharacter(String sql, String kind) {
            SqlAnalysis a = analyze(sql);
            assertEquals(kind, a.statementKind());
            assertOnlyError(a, 1, 1, "Statement not supported: " + kind);
        }
    }

    @Nested
    class StatementsAndComments {

        @Test
        void twoQueries() {
            SqlAnalysis a = analyze("SELECT 1; SELECT 2");
            assertEquals(GoogleSqlAnalyzer.SCRIPT, a.statementKind());
            assertEquals(2, a.statements());
            assertOnlyError(a, 1, 11, "Syntax error: Expected end of input but got keyword SELECT");
        }

        @Test
        void trailingSemicolonIsOneStatement() {
            SqlAnalysis a = analyze("SELECT user_id FROM users;");
            assertEquals(SqlAnalysis.QUERY, a.statementKind());
            assertEquals(1, a.statements());
            assertEquals(List.of(), a.errors());
        }

        @Test
        void trailingCommentIsOneStatement() {
            SqlAnalysis a = analyze("SELECT user_id FROM users; -- trailing comment");
            assertEquals(SqlAnalysis.QUERY, a.statementKind());
            assertEquals(1, a.statements());
            assertEquals(List.of(), a.errors());
        }

        @Test
        void commentLineHidingASecondStatement() {
            SqlAnalysis a = analyze("SELECT user_id FROM users; -- looks like a comment\nDROP TABLE users");
            assertEquals(GoogleSqlAnalyzer.SCRIPT, a.statementKind());
            assertEquals(2, a.statements());
            assertOnlyError(a, 2, 1, "Syntax error: Expected end of input but got keyword DROP");
        }

        @Test
        void statementInsideABlockCommentDoesNotCount() {
            SqlAnalysis a = analyze("SELECT user_id FROM users /* ; DROP TABLE users */");
            assertEquals(1, a.statements());
            assertEquals(List.of(), a.errors());
        }

        @Test
        void semicolonInAStringAndACommentDoesNotCount() {
            SqlAnalysis a = analyze("SELECT user_id FROM users WHERE country = 'a;b' -- ; DROP TABLE users");
            assertEquals(1, a.statements());
            assertEquals(List.of(), a.errors());
        }

        @Test
        void aBrokenSecondStatementStillCounts() {
            SqlAnalysis a = analyze("SELECT user_id FROM users LIMIT 10; SELEC 1");
            assertEquals(GoogleSqlAnalyzer.SCRIPT, a.statementKind());
            assertEquals(2, a.statements());
            assertOnlyError(a, 1, 37, "Syntax error: Expected end of input but got identifier \"SELEC\"");
        }

        @Test
        void emptyText() {
            SqlAnalysis a = analyze("");
            assertEquals(GoogleSqlAnalyzer.EMPTY, a.statementKind());
            assertEquals(0, a.statements());
            assertOnlyError(a, 1, 1, "Syntax error: Unexpected end of statement");
        }

        @Test
        void onlyAComment() {
            SqlAnalysis a = analyze("-- only a comment");
            assertEquals(GoogleSqlAnalyzer.EMPTY, a.statementKind());
            assertEquals(0, a.statements());
            assertOnlyError(a, 1, 18, "Syntax error: Unexpected end of statement");
        }
    }

    @Nested
    class Scripting {

        @Test
        void declareThenSelect() {
            SqlAnalysis a = analyze(
                    "DECLARE cutoff TIMESTAMP DEFAULT @run_time;\nSELECT user_id FROM events WHERE event_time > cutoff");
            assertEquals(GoogleSqlAnalyzer.SCRIPT, a.statementKind());
            assertEquals(2, a.statements());
            assertOnlyError(a, 1, 1, "Syntax error: Unexpected keyword DECLARE");
        }

        @Test
        void setSystemVariable() {
            SqlAnalysis a = analyze("SET @@dataset_id = 'x'");
            assertEquals("SystemVariableAssignment", a.statementKind());
            assertEquals(1, a.statements());
            assertOnlyError(a, 1, 1, "Statement not supported: SystemVariableAssignment");
        }

        @Test
        void beginEndBlock() {
            SqlAnalysis a = analyze("BEGIN\n  SELECT user_id FROM users;\nEND");
            assertEquals("BeginEndBlock", a.statementKind());
            assertEquals(1, a.statements());
            assertOnlyError(a, 1, 1, "Statement not supported: BeginStmt");
        }
    }

    @Nested
    class Names {

        @Test
        void physicalPath() {
            SqlAnalysis a = analyze("SELECT user_id FROM proj.ds.events");
            assertEquals(SqlAnalysis.QUERY, a.statementKind());
            assertOnlyError(a, 1, 21, "Table not found: proj.ds.events");
            // read, though not in the catalog: the policy decides, with the declared tables at hand
            assertEquals(List.of("proj.ds.events@1:21"), uses(a.tables()));
        }

        @Test
        void quotedPhysicalPath() {
            SqlAnalysis a = analyze("SELECT user_id FROM `proj.ds.events`");
            assertOnlyError(a, 1, 21, "Table not found: `proj.ds.events`");
            assertEquals(List.of("proj.ds.events@1:21"), uses(a.tables()));
        }

        @Test
        void undeclaredTable() {
            assertOnlyError(analyze("SELECT user_id FROM users_backup"), 1, 21, "Table not found: users_backup");
        }

        @Test
        void unknownColumn() {
            assertOnlyError(
                    analyze("SELECT user_id, revenu FROM events"),
                    1,
                    17,
                    "Unrecognized name: revenu; Did you mean revenue?");
        }

        @Test
        void undeclaredParameter() {
            assertOnlyError(
                    analyze("SELECT user_id FROM events WHERE event_time > @as_of"),
                    1,
                    47,
                    "Query parameter 'as_of' not found");
        }

        @Test
        void runTimeIsATimestampParameter() {
            SqlAnalysis a = analyze("SELECT @run_time AS t");
            assertEquals(List.of(), a.errors());
            assertEquals(List.of("t TIMESTAMP"), columns(a));
        }

        @Test
        void cteNamedLikeALogicalTable() {
            SqlAnalysis a = analyze("WITH events AS (SELECT user_id FROM users) SELECT user_id FROM events");
            assertEquals(List.of(), a.errors());
            assertEquals(List.of("events@1:6"), uses(a.ctes()));
            assertEquals(List.of("users@1:37"), uses(a.tables()), "the shadowed table is not read");
        }
    }

    @Nested
    class Types {

        @Test
        void comparingNumericWithString() {
            assertOnlyErrorStartingWith(
                    analyze("SELECT user_id\nFROM events\nWHERE revenue > 'a lot'"),
                    3,
                    7,
                    "No matching signature for operator > for argument types: NUMERIC, STRING");
        }

        @Test
        void safeDivideOfAString() {
            SqlAnalysis a = analyze("SELECT SAFE_DIVIDE(user_id, 2) AS x FROM users");
            assertOnlyErrorStartingWith(a, 1, 8, "No matching signature for function SAFE_DIVIDE");
            assertEquals(
                    List.of("SAFE_DIVIDE@1:8"), uses(a.functions()), "written functions are known without resolution");
        }
    }

    @Nested
    class Functions {

        @Test
        void currentTimestampCall() {
            SqlAnalysis a = analyze("SELECT user_id FROM events WHERE event_time > CURRENT_TIMESTAMP()");
            assertEquals(List.of(), a.errors());
            assertEquals(List.of("CURRENT_TIMESTAMP@1:47"), uses(a.functions()));
        }

        @Test
        void currentTimestampWithoutParentheses() {
            SqlAnalysis a = analyze(
                    "SELECT user_id FROM events WHERE event_time > TIMESTAMP_SUB(CURRENT_TIMESTAMP, INTERVAL 1 DAY)");
            assertEquals(List.of("TIMESTAMP_SUB@1:47", "CURRENT_TIMESTAMP@1:61"), uses(a.functions()));
        }

        @Test
        void currentDateCall() {
            SqlAnalysis a =
                    analyze("SELECT user_id, DATE_DIFF(CURRENT_DATE(), signup_date, DAY) AS age_days FROM users");
            assertEquals(List.of(), a.errors());
            assertEquals(List.of("DATE_DIFF@1:17", "CURRENT_DATE@1:27"), uses(a.functions()));
            assertEquals(List.of("user_id STRING", "age_days INT64"), columns(a));
        }

        @Test
        void nonDeterministicFunctions() {
            SqlAnalysis a =
                    analyze("SELECT user_id, RAND() AS r, GENERATE_UUID() AS id, SESSION_USER() AS who FROM users");
            assertEquals(List.of("RAND@1:17", "GENERATE_UUID@1:30", "SESSION_USER@1:53"), uses(a.functions()));
        }

        @Test
        void safePrefixIsNotPartOfTheName() {
            SqlAnalysis a = analyze("SELECT SAFE.PARSE_DATE('%Y', country) AS d FROM users");
            assertEquals(List.of(), a.errors());
            assertEquals(List.of("PARSE_DATE@1:8"), uses(a.functions()));
        }

        @Test
        void resolvedOnlyFunctionsHaveNoPosition() {
            SqlAnalysis a = analyze("SELECT user_id || country AS k, SUBSTRING(country, 1, 2) AS c FROM users");
            assertEquals(List.of("SUBSTRING@1:33", "CONCAT@0:0", "SUBSTR@0:0"), uses(a.functions()));
        }

        @Test
        void externalQuery() {
            SqlAnalysis a = analyze("SELECT * FROM EXTERNAL_QUERY('connection_id', 'SELECT * FROM customers')");
            assertOnlyError(a, 1, 15, "Table-valued function not found: EXTERNAL_QUERY");
            assertEquals(List.of("EXTERNAL_QUERY@1:15"), uses(a.functions()));
            assertEquals(List.of("EXTERNAL_QUERY@1:8"), uses(a.stars()));
        }
    }

    @Nested
    class Stars {

        @Test
        void selectStarOverIdentities() {
            SqlAnalysis a = analyze("SELECT * FROM identities");
            assertEquals(List.of(), a.errors());
            assertEquals(List.of("identities@1:8"), uses(a.stars()));
            assertTrue(columns(a).containsAll(List.of("email STRING", "phone STRING")));
        }

        @Test
        void aliasDotStarNamesTheTable() {
            SqlAnalysis a = analyze("SELECT i.*, u.country FROM identities AS i JOIN users AS u USING (user_id)");
            assertEquals(List.of("identities@1:8"), uses(a.stars()));
            assertEquals(List.of("identities@1:28", "users@1:49"), uses(a.tables()));
        }

        @Test
        void starOverAJoinNamesEverySource() {
            SqlAnalysis a = analyze("SELECT * FROM users JOIN identities USING (user_id)");
            assertEquals(List.of("users@1:8", "identities@1:8"), uses(a.stars()));
        }

        @Test
        void starExceptIsStillAStar() {
            SqlAnalysis a = analyze("SELECT * EXCEPT (email, phone) FROM identities");
            assertEquals(List.of("identities@1:8"), uses(a.stars()));
            assertEquals(
                    List.of(
                            "user_id STRING",
                            "consent_ad_user_data BOOL",
                            "consent_ad_personalization BOOL",
                            "opted_out BOOL"),
                    columns(a));
        }

        @Test
        void starsInsideAndOverACte() {
            SqlAnalysis a = analyze(
                    "WITH recent AS (SELECT * FROM events WHERE event_time > @run_time) SELECT r.* FROM recent r");
            assertEquals(List.of("events@1:24", "recent@1:75"), uses(a.stars()));
            assertEquals(List.of("recent@1:6"), uses(a.ctes()));
        }

        @Test
        void countStarIsNoStar() {
            SqlAnalysis a = analyze("SELECT COUNT(*) AS n FROM identities");
            assertEquals(List.of(), a.stars());
            assertEquals(List.of("COUNT@1:8"), uses(a.functions()));
        }
    }

    @Nested
    class SyntaxAndPositions {

        @Test
        void incompleteQuery() {
            SqlAnalysis a = analyze("SELECT user_id FROM users WHERE");
            assertEquals(GoogleSqlAnalyzer.UNKNOWN, a.statementKind());
            assertEquals(1, a.statements());
            assertOnlyError(a, 1, 32, "Syntax error: Unexpected end of statement");
        }

        @Test
        void misspelledKeyword() {
            SqlAnalysis a = analyze("SELEC user_id FROM users");
            assertEquals(GoogleSqlAnalyzer.UNKNOWN, a.statementKind());
            assertOnlyError(a, 1, 1, "Syntax error: Unexpected identifier \"SELEC\"");
        }

        @Test
        void tabsCountAsOneColumnAndNonAsciiAsOneCharacter() {
            // GoogleSQL says 1:77 after expanding the tab to 8 columns; we count it as one
            SqlAnalysis a =
                    analyze("SELECT user_id FROM events WHERE event_time >\tCURRENT_TIMESTAMP() AND 'é' = revenu");
            assertOnlyError(a, 1, 77, "Unrecognized name: revenu; Did you mean revenue?");
            assertEquals(List.of("CURRENT_TIMESTAMP@1:47"), uses(a.functions()));
        }

        @Test
        void tabsBeforeTheErrorOnALaterLine() {
            SqlAnalysis a = analyze("SELECT user_id,\n\t\tcountryy\nFROM users");
            assertOnlyError(a, 2, 3, "Unrecognized name: countryy; Did you mean country?");
        }
    }
}

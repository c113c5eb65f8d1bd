package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalysis.ColumnSource;
import io.segmentsascode.analyze.SqlAnalysis.OutputColumn;
import io.segmentsascode.model.Column;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each output column's sources, on both analyzers: which table columns flow into its value, so
 * the guardrails can refuse PII in a segment's output. Expectations are GoogleSQL's, exact: a
 * non-PII output has its own source and nothing more, so lineage computed too coarsely fails
 * here as surely as a missed source. The Calcite fallback must find every PII source GoogleSQL
 * finds; it may find more where documented below.
 */
class OutputColumnSourcesTest {

    /** A query and its lineage, one {@code "column <- table.column, ..."} per output column, in order. */
    record Case(String name, String sql, List<String> lineage) {
        static Case of(String name, String sql, String... lineage) {
            return new Case(name, sql, List.of(lineage));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Cases Calcite does not parse or validate although BigQuery accepts them (see CalciteFallbackAnalyzer). */
    static final Set<String> CALCITE_CANNOT_ANALYZE = Set.of(
            "union all corresponding, columns in another order",
            "to_json_string of a row",
            "a range variable as a value",
            "struct",
            "struct field",
            "unnest",
            "unnest offset",
            "unnest of a correlated subquery");

    /** Where the fallback names more sources than GoogleSQL (never fewer), or names columns differently. */
    static final Map<String, List<String>> CALCITE_DIFFERS = Map.of(
            // a recursive query is a plan operator the fallback does not follow: every column read
            "recursive over a table",
                    List.of("user_id <- identities.consent_ad_personalization, identities.consent_ad_user_data, "
                            + "identities.email, identities.opted_out, identities.phone, identities.user_id"),
            // Calcite names a pivot column after the literal, quotes and all
            "pivot",
                    List.of(
                            "user_id <- events.user_id",
                            "'purchase' <- events.event_name, events.revenue",
                            "'refund' <- events.event_name, events.revenue"));

    static Stream<Case> cases() {
        return Stream.of(
                Case.of(
                        "direct", "SELECT user_id, country FROM users",
                        "user_id <- users.user_id", "country <- users.country"),
                Case.of(
                        "aliased", "SELECT i.user_id, i.email AS contact FROM identities AS i",
                        "user_id <- identities.user_id", "contact <- identities.email"),
                Case.of(
                        "concat", "SELECT user_id, CONCAT('x', email) AS c FROM identities",
                        "user_id <- identities.user_id", "c <- identities.email"),
                Case.of(
                        "pipes", "SELECT user_id, 'mailto:' || email AS c FROM identities",
                        "user_id <- identities.user_id", "c <- identities.email"),
                Case.of(
                        "hash", "SELECT user_id, TO_HEX(SHA256(LOWER(TRIM(email)))) AS h FROM identities",
                        "user_id <- identities.user_id", "h <- identities.email"),
                Case.of(
                        "max", "SELECT user_id, MAX(email) AS e FROM identities GROUP BY user_id",
                        "user_id <- identities.user_id", "e <- identities.email"),
                Case.of(
                        "array_agg", "SELECT user_id, ARRAY_AGG(phone) AS phones FROM identities GROUP BY user_id",
                        "user_id <- identities.user_id", "phones <- identities.phone"),
                Case.of(
                        "string_agg",
                                "SELECT u.country, STRING_AGG(i.email, ',') AS emails FROM users AS u JOIN identities AS i USING (user_id) GROUP BY u.country",
                        "country <- users.country", "emails <- identities.email"),
                Case.of(
                        "string_agg order",
                                "SELECT country, STRING_AGG(user_id ORDER BY signup_date) AS s FROM users GROUP BY country",
                        "country <- users.country", "s <- users.signup_date, users.user_id"),
                Case.of(
                        "count star",
                                "SELECT user_id, COUNT(*) AS n FROM identities WHERE email LIKE '%@example.com' GROUP BY user_id",
                        "user_id <- identities.user_id", "n <-"),
                Case.of(
                        "count distinct", "SELECT user_id, COUNT(DISTINCT email) AS n FROM identities GROUP BY user_id",
                        "user_id <- identities.user_id", "n <- identities.email"),
                Case.of(
                        "countif", "SELECT user_id, COUNTIF(email IS NULL) AS n FROM identities GROUP BY user_id",
                        "user_id <- identities.user_id", "n <- identities.email"),
                Case.of(
                        "group by pii",
                                "SELECT COUNT(*) AS n, SUM(pageviews) AS p FROM sessions AS s JOIN identities AS i USING (user_id) GROUP BY i.email",
                        "n <-", "p <- sessions.pageviews"),
                Case.of(
                        "scalar subquery",
                                "SELECT u.user_id, (SELECT i.email FROM identities AS i WHERE i.user_id = u.user_id) AS contact FROM users AS u",
                        "user_id <- users.user_id", "contact <- identities.email, identities.user_id, users.user_id"),
                Case.of(
                        "exists in select",
                                "SELECT u.user_id, EXISTS(SELECT 1 FROM identities AS i WHERE i.user_id = u.user_id AND i.email LIKE '%@gmail.com') AS gmail FROM users AS u",
                        "user_id <- users.user_id", "gmail <- identities.email, identities.user_id, users.user_id"),
                Case.of(
                        "exists over a star",
                                "SELECT u.user_id, EXISTS(SELECT * FROM identities AS i WHERE i.user_id = u.user_id) AS known FROM users AS u",
                        "user_id <- users.user_id", "known <- identities.user_id, users.user_id"),
                Case.of(
                        "exists in where",
                        "SELECT u.user_id FROM users AS u WHERE EXISTS (SELECT 1 FROM identities AS i WHERE i.user_id = u.user_id AND i.email IS NOT NULL)",
                        "user_id <- users.user_id"),
                Case.of(
                        "in subquery in select",
                                "SELECT user_id, user_id IN (SELECT user_id FROM identities WHERE phone IS NULL) AS no_phone FROM users",
                        "user_id <- users.user_id", "no_phone <- identities.phone, identities.user_id, users.user_id"),
                Case.of(
                        "array subquery",
                                "SELECT u.user_id, ARRAY(SELECT phone FROM identities AS i WHERE i.user_id = u.user_id) AS phones FROM users AS u",
                        "user_id <- users.user_id", "phones <- identities.phone, identities.user_id, users.user_id"),
                Case.of(
                        "cte chain",
                                "WITH contacts AS (SELECT user_id, email AS address FROM identities), renamed AS (SELECT user_id AS id, address AS a FROM contacts) SELECT id, UPPER(a) AS shout FROM renamed",
                        "id <- identities.user_id", "shout <- identities.email"),
                Case.of(
                        "cte filtered on pii",
                        "WITH reachable AS (SELECT user_id FROM identities WHERE email IS NOT NULL) SELECT user_id FROM reachable",
                        "user_id <- identities.user_id"),
                Case.of(
                        "derived table",
                                "SELECT d.user_id, d.h FROM (SELECT user_id, SHA256(phone) AS h FROM identities) AS d",
                        "user_id <- identities.user_id", "h <- identities.phone"),
                Case.of(
                        "case value",
                                "SELECT user_id, CASE WHEN opted_out THEN NULL ELSE phone END AS p FROM identities",
                        "user_id <- identities.user_id", "p <- identities.opted_out, identities.phone"),
                Case.of(
                        "case condition",
                                "SELECT user_id, CASE WHEN email LIKE '%@gmail.com' THEN 'gmail' ELSE 'other' END AS provider FROM identities",
                        "user_id <- identities.user_id", "provider <- identities.email"),
                Case.of(
                        "join", "SELECT e.user_id, u.country FROM events AS e JOIN users AS u ON u.user_id = e.user_id",
                        "user_id <- events.user_id", "country <- users.country"),
                Case.of(
                        "pii only in on and where",
                                "SELECT u.user_id, u.country FROM users AS u JOIN identities AS i ON i.user_id = u.user_id AND i.email IS NOT NULL WHERE i.phone IS NULL",
                        "user_id <- users.user_id", "country <- users.country"),
                Case.of(
                        "full join using",
                        "SELECT user_id FROM users FULL JOIN identities USING (user_id)",
                        "user_id <- identities.user_id, users.user_id"),
                Case.of(
                        "union all",
                                "SELECT user_id, country AS v FROM users UNION ALL SELECT user_id, email FROM identities",
                        "user_id <- identities.user_id, users.user_id", "v <- identities.email, users.country"),
                Case.of(
                        "union all corresponding, columns in another order",
                        "SELECT user_id, country AS v FROM users UNION ALL CORRESPONDING SELECT email AS v, user_id FROM identities",
                        "user_id <- identities.user_id, users.user_id",
                        "v <- identities.email, users.country"),
                Case.of(
                        "window over pii",
                                "SELECT user_id, LAST_VALUE(email) OVER (PARTITION BY user_id ORDER BY opted_out) AS latest FROM identities",
                        "user_id <- identities.user_id",
                                "latest <- identities.email, identities.opted_out, identities.user_id"),
                Case.of(
                        "window ordered by pii", "SELECT user_id, RANK() OVER (ORDER BY phone) AS r FROM identities",
                        "user_id <- identities.user_id", "r <- identities.phone"),
                Case.of(
                        "row number",
                                "SELECT user_id, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_time DESC) AS nth FROM events",
                        "user_id <- events.user_id", "nth <- events.event_time, events.user_id"),
                Case.of(
                        "qualify",
                                "SELECT user_id, source AS last_source FROM events WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_time DESC) = 1",
                        "user_id <- events.user_id", "last_source <- events.source"),
                Case.of(
                        "star",
                        "SELECT * FROM users",
                        "user_id <- users.user_id",
                        "signup_date <- users.signup_date",
                        "country <- users.country",
                        "device_type <- users.device_type"),
                Case.of(
                        "star except",
                                "SELECT * EXCEPT (email, phone, consent_ad_user_data, consent_ad_personalization) FROM identities",
                        "user_id <- identities.user_id", "opted_out <- identities.opted_out"),
                Case.of(
                        "star of a join",
                        "SELECT u.*, i.opted_out FROM users AS u JOIN identities AS i USING (user_id)",
                        "user_id <- users.user_id",
                        "signup_date <- users.signup_date",
                        "country <- users.country",
                        "device_type <- users.device_type",
                        "opted_out <- identities.opted_out"),
                Case.of(
                        "to_json_string of a row",
                                "SELECT u.country, TO_JSON_STRING(i) AS j FROM users AS u JOIN identities AS i USING (user_id)",
                        "country <- users.country",
                                "j <- identities.consent_ad_personalization, identities.consent_ad_user_data, identities.email, identities.opted_out, identities.phone, identities.user_id"),
                Case.of(
                        "a range variable as a value",
                        "SELECT i FROM identities AS i",
                        "i <- identities.consent_ad_personalization, identities.consent_ad_user_data, identities.email, "
                                + "identities.opted_out, identities.phone, identities.user_id"),
                Case.of(
                        "struct", "SELECT user_id, STRUCT(email, phone) AS c FROM identities",
                        "user_id <- identities.user_id", "c <- identities.email, identities.phone"),
                Case.of(
                        "struct field",
                                "SELECT user_id, s.e FROM (SELECT user_id, STRUCT(email AS e, opted_out AS o) AS s FROM identities)",
                        "user_id <- identities.user_id", "e <- identities.email, identities.opted_out"),
                Case.of(
                        "unnest", "SELECT user_id, address FROM identities, UNNEST([email, phone]) AS address",
                        "user_id <- identities.user_id", "address <- identities.email, identities.phone"),
                Case.of(
                        "unnest offset", "SELECT user_id, o FROM identities, UNNEST([email, phone]) WITH OFFSET AS o",
                        "user_id <- identities.user_id", "o <-"),
                Case.of(
                        "unnest of a correlated subquery",
                        "SELECT u.user_id, e FROM users AS u LEFT JOIN UNNEST((SELECT ARRAY_AGG(email) FROM identities AS i WHERE i.user_id = u.user_id)) AS e",
                        "user_id <- users.user_id",
                        "e <- identities.email, identities.user_id, users.user_id"),
                Case.of(
                        "unnest of an aggregate",
                        "SELECT x FROM UNNEST((SELECT ARRAY_AGG(email) FROM identities)) AS x",
                        "x <- identities.email"),
                Case.of(
                        "pivot",
                        "SELECT * FROM (SELECT user_id, event_name, revenue FROM events) PIVOT (SUM(revenue) FOR event_name IN ('purchase', 'refund'))",
                        "user_id <- events.user_id",
                        "purchase <- events.event_name, events.revenue",
                        "refund <- events.event_name, events.revenue"),
                Case.of(
                        "unpivot",
                        "SELECT user_id, contact, kind FROM identities UNPIVOT (contact FOR kind IN (email, phone))",
                        "user_id <- identities.user_id",
                        "contact <- identities.email, identities.phone",
                        "kind <-"),
                Case.of(
                        "unnest of an array column",
                        "SELECT t.user_id, c FROM (SELECT user_id, ARRAY_AGG(email) AS cs FROM identities GROUP BY user_id) AS t, UNNEST(t.cs) AS c",
                        "user_id <- identities.user_id",
                        "c <- identities.email"),
                Case.of(
                        "recursive over a table",
                        "WITH RECURSIVE chain AS (SELECT user_id, email FROM identities UNION ALL SELECT c.user_id, c.email FROM chain AS c WHERE FALSE) SELECT user_id FROM chain",
                        "user_id <- identities.user_id"),
                Case.of(
                        "recursive",
                        "WITH RECURSIVE n AS (SELECT 1 AS k UNION ALL SELECT k + 1 FROM n WHERE k < 3) SELECT k FROM n",
                        "k <-"),
                Case.of(
                        "sum",
                                "SELECT user_id, SUM(revenue) AS revenue FROM events WHERE event_name = 'purchase' GROUP BY user_id",
                        "user_id <- events.user_id", "revenue <- events.revenue"),
                Case.of(
                        "literals and parameters", "SELECT @run_time AS t, 1 AS one",
                        "t <-", "one <-"),
                Case.of(
                        "rollup grouping",
                        "SELECT country, GROUPING(country) AS g, COUNT(*) AS n FROM users GROUP BY ROLLUP (country)",
                        "country <- users.country",
                        "g <- users.country",
                        "n <-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void googleSql(Case c) {
        SqlAnalysis analysis = SharedAnalyzer.googleSql().analyze(c.sql(), Warehouse.CATALOG);

        assertEquals(List.of(), analysis.errors());
        assertEquals(c.lineage(), lineage(analysis));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void calcite(Case c) {
        SqlAnalysis analysis = CalciteFallbackAnalyzerTest.CALCITE.analyze(c.sql(), Warehouse.CATALOG);
        if (CALCITE_CANNOT_ANALYZE.contains(c.name())) {
            assertFalse(analysis.errors().isEmpty(), "Calcite analyses it now: " + lineage(analysis));
            assertEquals(List.of(), analysis.columns());
            return;
        }
        assertEquals(List.of(), analysis.errors());
        assertEquals(CALCITE_DIFFERS.getOrDefault(c.name(), c.lineage()), lineage(analysis));
        for (int i = 0; i < c.lineage().size(); i++) {
            List<String> found = analysis.columns().get(i).sources().stream()
                    .map(ColumnSource::toString)
                    .toList();
            assertTrue(found.containsAll(piiSources(c.lineage().get(i))), "column " + (i + 1) + " misses PII sources");
        }
    }

    @Test
    void sourcesAreSortedAndDistinct() {
        SqlAnalysis analysis = SharedAnalyzer.googleSql()
                .analyze(
                        "SELECT CONCAT(phone, email, phone, u.country, email) AS c FROM identities JOIN users AS u USING (user_id)",
                        Warehouse.CATALOG);

        assertEquals(
                List.of(
                        new ColumnSource("identities", "email"),
                        new ColumnSource("identities", "phone"),
                        new ColumnSource("users", "country")),
                analysis.columns().get(0).sources());
    }

    @Test
    void sourcesUseTheCatalogsNamesWhateverTheQueryWrites() {
        String sql = "SELECT I.EMAIL AS e FROM IDENTITIES AS I";
        List<ColumnSource> email = List.of(new ColumnSource("identities", "email"));

        assertEquals(
                email,
                SharedAnalyzer.googleSql()
                        .analyze(sql, Warehouse.CATALOG)
                        .columns()
                        .get(0)
                        .sources());
        assertEquals(
                email,
                CalciteFallbackAnalyzerTest.CALCITE
                        .analyze(sql, Warehouse.CATALOG)
                        .columns()
                        .get(0)
                        .sources());
    }

    @Test
    void noColumnsNoSourcesWhenTheQueryDoesNotResolve() {
        assertEquals(
                List.of(),
                SharedAnalyzer.googleSql()
                        .analyze("SELECT emal FROM identities", Warehouse.CATALOG)
                        .columns());
        assertEquals(
                List.of(),
                CalciteFallbackAnalyzerTest.CALCITE
                        .analyze("SELECT emal FROM identities", Warehouse.CATALOG)
                        .columns());
    }

    static List<String> lineage(SqlAnalysis analysis) {
        return analysis.columns().stream().map(OutputColumnSourcesTest::lineage).toList();
    }

    private static String lineage(OutputColumn column) {
        String sources = column.sources().stream().map(ColumnSource::toString).collect(Collectors.joining(", "));
        return (column.name() + " <- " + sources).strip();
    }

    /** The PII columns among {@code "column <- table.column, ..."}'s sources. */
    private static List<String> piiSources(String lineage) {
        String sources = lineage.substring(lineage.indexOf("<-") + 2).strip();
        return Stream.of(sources.split(", "))
                .filter(source -> !source.isEmpty())
                .filter(OutputColumnSourcesTest::isPii)
                .toList();
    }

    private static boolean isPii(String source) {
        String[] tableAndColumn = source.split("\\.");
        for (AnalysisCatalog.CatalogTable table : Warehouse.CATALOG.tables()) {
            for (Column column : table.columns()) {
                if (table.name().equals(tableAndColumn[0]) && column.name().equals(tableAndColumn[1])) {
                    return column.pii();
                }
            }
        }
        throw new IllegalArgumentException("not a catalog column: " + source);
    }
}

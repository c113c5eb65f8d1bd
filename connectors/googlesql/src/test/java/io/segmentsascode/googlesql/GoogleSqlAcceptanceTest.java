package io.segmentsascode.googlesql;

import static io.segmentsascode.googlesql.SharedAnalyzer.columns;
import static io.segmentsascode.googlesql.SharedAnalyzer.uses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.SqlAnalysis;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Realistic segment SQL analyses cleanly, with BigQuery's output column names and types. */
class GoogleSqlAcceptanceTest {

    static final List<SegmentQueries.Query> QUERIES = SegmentQueries.ALL;

    @ParameterizedTest(name = "{0}")
    @FieldSource("QUERIES")
    void analysesCleanly(SegmentQueries.Query query) {
        SqlAnalysis analysis = SharedAnalyzer.googleSql().analyze(query.sql(), Warehouse.CATALOG);

        assertEquals(List.of(), analysis.errors());
        assertEquals(SqlAnalysis.QUERY, analysis.statementKind());
        assertEquals(1, analysis.statements());
        assertEquals(query.columns(), columns(analysis));
        assertTrue(analysis.stars().isEmpty(), "no SELECT * in the corpus");
        assertTrue(analysis.functions().stream().noneMatch(f -> f.name().startsWith("CURRENT_")), "uses @run_time");
    }

    @Test
    void reportsTablesFunctionsAndCtesWithPositions() {
        SqlAnalysis rfm =
                SharedAnalyzer.googleSql().analyze(SegmentQueries.ALL.get(0).sql(), Warehouse.CATALOG);

        assertEquals(List.of("events@6:8"), uses(rfm.tables()));
        assertEquals(
                List.of(
                        "TIMESTAMP_DIFF@3:10",
                        "MAX@3:36",
                        "COUNTIF@4:10",
                        "SUM@5:10",
                        "TIMESTAMP_SUB@7:23",
                        "NTILE@11:8",
                        "NTILE@12:8",
                        "NTILE@13:8"),
                uses(rfm.functions()));
        assertEquals(List.of("rfm@1:6"), uses(rfm.ctes()));
    }

    @Test
    void selfJoinReportsEachScanAtItsReference() {
        SqlAnalysis abandoners =
                SharedAnalyzer.googleSql().analyze(SegmentQueries.ALL.get(3).sql(), Warehouse.CATALOG);

        assertEquals(List.of("events@2:6", "events@6:19"), uses(abandoners.tables()));
    }

    @Test
    void arraySubscriptsAreNotFunctions() {
        SqlAnalysis latest =
                SharedAnalyzer.googleSql().analyze(SegmentQueries.ALL.get(7).sql(), Warehouse.CATALOG);

        assertEquals(List.of("ARRAY_AGG@2:8"), uses(latest.functions()));
    }

    @Test
    void joinsReportEveryTable() {
        SqlAnalysis funnel =
                SharedAnalyzer.googleSql().analyze(SegmentQueries.ALL.get(15).sql(), Warehouse.CATALOG);

        assertEquals(List.of("sessions@2:32", "events@6:8"), uses(funnel.tables()));
        assertEquals(List.of("visitors@1:6", "carts@4:4"), uses(funnel.ctes()));
    }

    @Test
    void tableNamesResolveCaseInsensitivelyAndReportTheCatalogName() {
        SqlAnalysis analysis = SharedAnalyzer.googleSql().analyze("SELECT user_id FROM Users", Warehouse.CATALOG);

        assertEquals(List.of(), analysis.errors());
        assertEquals(List.of("users@1:21"), uses(analysis.tables()));
    }
}

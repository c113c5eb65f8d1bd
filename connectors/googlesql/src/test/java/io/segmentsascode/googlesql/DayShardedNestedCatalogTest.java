package io.segmentsascode.googlesql;

import static io.segmentsascode.googlesql.SharedAnalyzer.columns;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.AnalysisCatalog.CatalogTable;
import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.diagnostics.TextSyntaxException;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.DataTypeParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The physical catalog of a day-sharded GA4 table, as compiled files are analysed against it: the
 * wildcard table with BigQuery's {@code _TABLE_SUFFIX} pseudo column, and nested columns with
 * their full types.
 */
class DayShardedNestedCatalogTest {

    private static final String WILDCARD = "acme-web-analytics.analytics_123456789.events_*";

    private static AnalysisCatalog catalog;

    @BeforeAll
    static void catalog() throws TextSyntaxException {
        catalog = new AnalysisCatalog(
                List.of(new CatalogTable(
                        WILDCARD,
                        List.of(
                                new Column("user_pseudo_id", ColumnType.STRING, "", false),
                                new Column(
                                        "event_params",
                                        DataTypeParser.parse(
                                                "ARRAY<STRUCT<key STRING, value STRUCT<string_value STRING,"
                                                        + " int_value INT64, float_value FLOAT64, double_value FLOAT64>>>"),
                                        "",
                                        false),
                                new Column(
                                        "items",
                                        DataTypeParser.parse("ARRAY<STRUCT<item_name STRING, price FLOAT64>>"),
                                        "",
                                        false)),
                        true)),
                Map.of("run_time", ColumnType.TIMESTAMP));
    }

    private static final String BOUNDED = """
            SELECT user_pseudo_id,
                   (SELECT value.int_value FROM UNNEST(event_params) WHERE key = 'ga_session_number') AS session_number,
                   items[SAFE_OFFSET(0)].item_name AS first_item,
                   items
            FROM `acme-web-analytics.analytics_123456789.events_*`
            WHERE _TABLE_SUFFIX BETWEEN FORMAT_DATE('%Y%m%d', DATE_SUB(DATE(@run_time), INTERVAL 31 DAY))
              AND FORMAT_DATE('%Y%m%d', DATE_ADD(DATE(@run_time), INTERVAL 1 DAY))
            """;

    @Test
    void googleSqlReadsTheWildcardTableItsSuffixAndNestedFields() {
        SqlAnalysis analysis = SharedAnalyzer.googleSql().analyze(BOUNDED, catalog);

        assertEquals(List.of(), analysis.errors());
        assertEquals(
                List.of(
                        "user_pseudo_id STRING",
                        "session_number INT64",
                        "first_item STRING",
                        "items ARRAY<STRUCT<item_name STRING, price FLOAT64>>"),
                columns(analysis));
    }

    @Test
    void theSuffixIsAPseudoColumnThatSelectStarLeavesOut() {
        SqlAnalysis analysis = SharedAnalyzer.googleSql().analyze("SELECT * FROM `" + WILDCARD + "`", catalog);

        assertEquals(List.of(), analysis.errors());
        assertEquals(
                List.of(
                        "user_pseudo_id STRING",
                        "event_params ARRAY<STRUCT<key STRING, value STRUCT<string_value STRING, int_value INT64,"
                                + " float_value FLOAT64, double_value FLOAT64>>>",
                        "items ARRAY<STRUCT<item_name STRING, price FLOAT64>>"),
                columns(analysis));
    }

    /** Calcite resolves no project.dataset paths (it approximates the logical catalog), so a plain name stands in. */
    @Test
    void calciteApproximationKnowsTheSuffixToo() {
        CatalogTable table = catalog.tables().get(0);
        AnalysisCatalog plainName =
                new AnalysisCatalog(List.of(new CatalogTable("events", table.columns(), true)), catalog.parameters());
        SqlAnalysis analysis = new CalciteFallbackAnalyzer()
                .analyze("SELECT user_pseudo_id FROM events" + " WHERE _TABLE_SUFFIX >= '20260101'", plainName);

        assertEquals(List.of(), analysis.errors());
        assertEquals(List.of("user_pseudo_id STRING"), columns(analysis));
    }
}

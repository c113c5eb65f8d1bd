package io.segmentsascode.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled warehouse with {@code events} kept as day shards ({@code physical: events_*}): every
 * segment's events step keeps only the shards of its widest window, or of {@code lookback_days}
 * when a metric reads a lifetime; the DuckDB preview reads its one local table unbounded.
 */
class DayShardedTableSqlTest {

    private static final int LOOKBACK_DAYS = 400;

    private static Map<String, String> bigQuery;
    private static Map<String, String> duckDb;

    @BeforeAll
    static void compile(@TempDir Path project) throws IOException {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.createDirectories(project.resolve("campaigns"));
        String warehouse = Files.readString(PinnedCompile.BUNDLED_SEGMENTS.resolve("warehouse.yaml"));
        String sharded = warehouse.replace("""
                  events:
                    description: Clickstream and purchase events, one row per event.
                    time_column: event_time
                """, """
                  events:
                    description: Clickstream and purchase events, one row per event.
                    time_column: event_time
                    physical: events_*
                    day_shards: {lookback_days: %d}
                """.formatted(LOOKBACK_DAYS));
        assertFalse(sharded.equals(warehouse), "the events table of the bundled warehouse.yaml is found");
        Files.writeString(segments.resolve("warehouse.yaml"), sharded);
        for (String id : List.of("seg_rfm_champions", "seg_lifecycle_lapsed_email_openers")) {
            Files.copy(PinnedCompile.BUNDLED_SEGMENTS.resolve(id + ".yaml"), segments.resolve(id + ".yaml"));
        }
        Stages compiler = new Stages();
        ResolvedProject resolved = compiler.check(segments, project.resolve("campaigns"));
        var generated = compiler.generate(resolved);
        bigQuery = compiler.render(resolved, generated, new BigQueryDialect()).stream()
                .collect(Collectors.toMap(RenderedSegment::segmentId, RenderedSegment::sql));
        duckDb = compiler.render(resolved, generated, new DuckDbDialect()).stream()
                .collect(Collectors.toMap(RenderedSegment::segmentId, RenderedSegment::sql));
    }

    @Test
    void rfmSegmentReadsTheShardsOfItsWindowPlusADayOfTimeZoneMargin() {
        String sql = bigQuery.get("seg_rfm_champions");
        assertTrue(sql.contains("""
                    FROM `acme-marketing.analytics.events_*`
                    WHERE BOUND
                      AND user_id IN (SELECT user_id FROM users)
                """.replace("BOUND", bound(366))), sql);
        assertEquals(1, occurrences(sql, "_TABLE_SUFFIX"), "only the sharded table is bounded");
    }

    @Test
    void aLifetimeMetricReadsTheTablesLookbackDays() {
        String sql = bigQuery.get("seg_lifecycle_lapsed_email_openers");
        assertTrue(sql.contains(bound(LOOKBACK_DAYS + 1)), sql);
    }

    @Test
    void thePreviewReadsItsOneLocalTableWithoutABound() {
        duckDb.values().forEach(sql -> assertFalse(sql.contains("_TABLE_SUFFIX") || sql.contains("TRUE AND"), sql));
    }

    private static String bound(int days) {
        return "_TABLE_SUFFIX BETWEEN FORMAT_DATE('%Y%m%d', DATE_SUB(DATE(@run_time), INTERVAL " + days + " DAY))"
                + " AND FORMAT_DATE('%Y%m%d', DATE_ADD(DATE(@run_time), INTERVAL 1 DAY))";
    }

    private static int occurrences(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }
}

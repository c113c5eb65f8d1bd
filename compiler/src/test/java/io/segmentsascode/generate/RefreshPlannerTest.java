package io.segmentsascode.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedScript;
import io.segmentsascode.render.ScriptRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Metric columns of a feature table: one per definition, whatever the metric's name or file; a
 * name with two definitions gets one column per definition, suffixed with a hash of the definition.
 */
class RefreshPlannerTest {

    @TempDir
    Path dir;

    @Test
    void equalDefinitionsShareAColumnAndDistinctOnesUnderOneNameGetTheirOwn() throws IOException {
        ResolvedProject project = project(Map.of(
                "seg_lifecycle_views_30d", rules(30, "views", "event_name = 'product_view'"),
                // the same count under another name, its window spelt out: the same column
                "seg_lifecycle_page_views", rules(90, "page_views", "event_name = 'product_view'", "30"),
                // another definition under the name 'views': a column of its own
                "seg_lifecycle_views_7d", rules(7, "views", "event_name = 'product_view'")));
        RefreshScript script = new RefreshPlanner(project.warehouse())
                .plan(new Stages().generate(project))
                .get(0);
        List<String> metrics = script.tables().get(RefreshScript.featureTable(Refresh.DAILY)).stream()
                .map(OutputColumn::name)
                .filter(c -> c.startsWith("m_"))
                .sorted()
                .toList();
        assertEquals(2, metrics.size(), "one column per definition: " + metrics);
        // segments in id order: page_views names the 30-day count; 'views' has two definitions, so a hash suffix
        assertEquals("m_page_views", metrics.get(0));
        assertTrue(metrics.get(1).matches("m_views_[0-9a-f]{8}"), metrics.get(1));
        RenderedScript rendered =
                ScriptRenderer.duckDb(project.warehouse(), new DuckDbDialect()).render(script);
        assertTrue(query(rendered, "_segments_staging_seg_lifecycle_views_30d").contains("p.m_page_views AS views"));
        assertTrue(query(rendered, "_segments_staging_seg_lifecycle_views_7d")
                .contains("p." + metrics.get(1) + " AS views"));
    }

    /** A contested name's suffix is the hash of the definition alone: a third definition renames nothing. */
    @Test
    void aSuffixDependsOnTheDefinitionAlone() throws IOException {
        Map<String, String> two = featureColumns(Map.of(
                "seg_lifecycle_views_30d", rules(30, "views", "event_name = 'product_view'"),
                "seg_lifecycle_views_7d", rules(7, "views", "event_name = 'product_view'")));
        Map<String, String> three = featureColumns(Map.of(
                "seg_lifecycle_views_30d", rules(30, "views", "event_name = 'product_view'"),
                "seg_lifecycle_views_7d", rules(7, "views", "event_name = 'product_view'"),
                "seg_lifecycle_views_90d", rules(90, "views", "event_name = 'product_view'")));
        assertTrue(three.keySet().containsAll(two.keySet()), two.keySet() + " kept in " + three.keySet());
        assertNotEquals(two.keySet(), three.keySet());
    }

    /** Each segment reads the column of its own definition, under the name its file uses. */
    @Test
    void aSegmentReadsItsOwnDefinitionsColumn() throws IOException {
        ResolvedProject project = project(Map.of(
                "seg_lifecycle_views_30d", rules(30, "views", "event_name = 'product_view'"),
                "seg_lifecycle_views_7d", rules(7, "views", "event_name = 'product_view'")));
        RefreshScript script = new RefreshPlanner(project.warehouse())
                .plan(new Stages().generate(project))
                .get(0);
        RenderedScript rendered =
                ScriptRenderer.duckDb(project.warehouse(), new DuckDbDialect()).render(script);
        String week = query(rendered, "_segments_staging_seg_lifecycle_views_7d");
        String month = query(rendered, "_segments_staging_seg_lifecycle_views_30d");
        String weekColumn = week.replaceAll("(?s).*p\\.(m_views_[0-9a-f]+) AS views.*", "$1");
        String monthColumn = month.replaceAll("(?s).*p\\.(m_views_[0-9a-f]+) AS views.*", "$1");
        assertNotEquals(weekColumn, monthColumn);
        String features = query(rendered, RefreshScript.featureTable(Refresh.DAILY));
        String weekLine = features.lines()
                .filter(l -> l.endsWith(" AS " + weekColumn + ",") || l.endsWith(" AS " + weekColumn))
                .findFirst()
                .orElseThrow();
        assertTrue(weekLine.contains("INTERVAL 7 DAY") && weekLine.contains("event_name = 'product_view'"), weekLine);
    }

    private static String query(RenderedScript script, String table) {
        return script.queries().stream()
                .filter(q -> q.table().equals(table))
                .findFirst()
                .orElseThrow()
                .sql();
    }

    private Map<String, String> featureColumns(Map<String, String> segments) throws IOException {
        ResolvedProject project = project(segments);
        RefreshScript script = new RefreshPlanner(project.warehouse())
                .plan(new Stages().generate(project))
                .get(0);
        return script.tables().get(RefreshScript.featureTable(Refresh.DAILY)).stream()
                .collect(Collectors.toMap(OutputColumn::name, c -> c.type().name()));
    }

    private ResolvedProject project(Map<String, String> segments) throws IOException {
        Path root = Files.createTempDirectory(dir, "project");
        Path folder = Files.createDirectories(root.resolve("segments"));
        Files.createDirectories(root.resolve("campaigns"));
        Files.copy(Path.of("..", "segments", "warehouse.yaml"), folder.resolve("warehouse.yaml"));
        for (Map.Entry<String, String> segment : segments.entrySet()) {
            Files.writeString(
                    folder.resolve(segment.getKey() + ".yaml"),
                    "# yaml-language-server: "
                            + "$schema=../schemas/segment-v1.json\nid: " + segment.getKey() + "\ndescription: Test.\n"
                            + "owner: test@example.com\nstage: experimental\nrefresh: daily\n" + segment.getValue());
        }
        return new Stages().check(folder, root.resolve("campaigns"));
    }

    private static String rules(int windowDays, String metric, String where) {
        return rules(windowDays, metric, where, null);
    }

    /** A rules segment with one count metric; {@code metricWindow}: its own window, or the segment's. */
    private static String rules(int windowDays, String metric, String where, String metricWindow) {
        return "rules:\n  window_days: " + windowDays + "\n  metrics:\n    " + metric + ":\n      table: events\n"
                + "      aggregate: count\n      where: " + where + "\n"
                + (metricWindow == null ? "" : "      window_days: " + metricWindow + "\n")
                + "  include: " + metric + " >= 1\n  output: [" + metric + "]\n";
    }
}

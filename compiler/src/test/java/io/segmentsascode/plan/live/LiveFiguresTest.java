package io.segmentsascode.plan.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.preview.SegmentPreview;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LiveFiguresTest {

    private static ResolvedProject project;

    @BeforeAll
    static void resolve() {
        project = new Stages().check(Path.of("..", "segments"), Path.of("..", "campaigns"));
    }

    @Test
    void oneQueryForAllSizesAndOneForThePairsWhoseTablesBothExist() {
        List<Overlap> pairs = List.of(
                new Overlap("seg_rfm_champions", "seg_rfm_loyal", "family rfm", 1, 2, 0.5, true),
                new Overlap("seg_rfm_champions", "seg_rfm_at_risk", "family rfm", 0, 2, 0, false));

        LiveFigures.Queries queries = LiveFigures.queries(
                        project.warehouse(), List.of("seg_rfm_loyal", "seg_rfm_champions"), pairs)
                .orElseThrow();

        String table = "`" + project.warehouse().managedName("seg_rfm_champions") + "`";
        assertEquals(
                "SELECT 'seg_rfm_champions' AS segment_id, COUNT(DISTINCT user_id) AS members FROM " + table
                        + "\nUNION ALL\nSELECT 'seg_rfm_loyal' AS segment_id, COUNT(DISTINCT user_id) AS members FROM `"
                        + project.warehouse().managedName("seg_rfm_loyal") + "`",
                queries.sizes().get(0));
        assertEquals(1, queries.sizes().size());
        assertEquals(1, queries.overlaps().size());
        String overlaps = queries.overlaps().get(0);
        assertTrue(
                overlaps.startsWith("SELECT 'seg_rfm_champions' AS segment_a, 'seg_rfm_loyal' AS segment_b"), overlaps);
        assertTrue(!overlaps.contains("seg_rfm_at_risk"), "its table does not exist: " + overlaps);
        assertTrue(LiveFigures.queries(project.warehouse(), List.of(), pairs).isEmpty());
        assertThrows(
                IllegalArgumentException.class,
                () -> LiveFigures.queries(project.warehouse(), List.of("seg_x' OR TRUE --"), List.of()));
    }

    @Test
    void manySegmentsAreMeasuredInQueriesOfBoundedLength() {
        List<String> ids = IntStream.range(0, 2 * LiveFigures.PER_QUERY + 1)
                .mapToObj(i -> String.format("seg_rfm_n%04d", i))
                .toList();

        List<String> sizes = LiveFigures.queries(project.warehouse(), ids, List.of())
                .orElseThrow()
                .sizes();

        assertEquals(3, sizes.size());
        assertEquals(
                ids.size(),
                sizes.stream()
                        .mapToLong(q -> q.split("AS segment_id", -1).length - 1)
                        .sum());
        sizes.forEach(q -> assertTrue(q.length() < 1_000_000, "BigQuery's limit on query text"));
    }

    @Test
    void measuredFiguresReplaceTheSampleAndTheRestIsMarked() {
        Map<String, SegmentPreview> sample = Map.of(
                "seg_a", new SegmentPreview("seg_a", 10, Map.of("champions", 10L), Duration.ZERO),
                "seg_b", new SegmentPreview("seg_b", 20, Map.of(), Duration.ZERO),
                "seg_c", new SegmentPreview("seg_c", 30, Map.of(), Duration.ZERO));
        List<Overlap> overlaps = List.of(
                new Overlap("seg_a", "seg_b", "family rfm", 5, 25, 0.2, false),
                new Overlap("seg_a", "seg_c", "family rfm", 1, 39, 0.0256, false));
        Instant refreshed = Instant.parse("2026-11-30T03:17:00Z");

        LiveFigures.Figures figures = LiveFigures.merge(
                sample,
                overlaps,
                List.of(List.of("seg_a", "400"), List.of("seg_b", "600")),
                List.of(List.of("seg_a", "seg_b", "300")),
                Map.of("seg_a", refreshed, "seg_b", refreshed),
                "p.out",
                "generated sample",
                0.4);

        assertEquals(400, figures.sizes().get("seg_a").members());
        assertEquals(Map.of("champions", 10L), figures.sizes().get("seg_a").labelCounts());
        assertEquals(30, figures.sizes().get("seg_c").members());
        assertEquals(Map.of("seg_a", "table", "seg_b", "table", "seg_c", "sample"), figures.sources());
        Overlap measured = figures.overlaps().get(0);
        assertEquals(300, measured.intersection());
        assertEquals(700, measured.union());
        assertEquals(0.4286, measured.jaccard());
        assertTrue(measured.flagged());
        assertEquals(overlaps.get(1), figures.overlaps().get(1));
        assertEquals(
                "BigQuery segment tables in p.out, refreshed 2026-11-30T03:17:00Z; 1 segment without a table yet:"
                        + " generated sample",
                figures.label());
    }
}

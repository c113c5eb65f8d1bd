package io.segmentsascode.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.SegmentGraph;
import io.segmentsascode.pipeline.Stages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code in_segment('seg_id')}: references resolve to the project's segments as a dependency
 * graph; unknown ids, ids that are not ids at all, retired targets and cycles are located errors
 * at the {@code in_segment} call (file:line:col).
 */
class SegmentReferencesTest {

    @TempDir
    Path project;

    private Path segments;
    private Path campaigns;

    @BeforeEach
    void bundledWarehouse() throws IOException {
        segments = Files.createDirectories(project.resolve("segments"));
        campaigns = Files.createDirectories(project.resolve("campaigns"));
        Files.copy(Path.of("..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        Files.copy(Path.of("..", "segments", "seg_rfm_champions.yaml"), segments.resolve("seg_rfm_champions.yaml"));
    }

    /** A rules segment whose include is {@code include} (line 11 of its file, the condition from column 12). */
    private void rules(String id, String include, String stage) throws IOException {
        Files.writeString(segments.resolve(id + ".yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: %s
                description: Built from other segments.
                owner: qa@example.com
                stage: %s
                refresh: daily
                rules:
                  window_days: 30
                  metrics:
                    visits: {table: events, aggregate: count}
                  include: %s
                """.formatted(id, stage, include));
    }

    private List<String> errors() {
        ResolveException failure = assertThrows(ResolveException.class, () -> new Stages().check(segments, campaigns));
        return failure.diagnostics().stream()
                .map(Diagnostic::format)
                .map(line -> line.substring(line.indexOf("seg_")))
                .toList();
    }

    @Test
    void referencesFormTheGraphThatOrdersTheBuilds() throws IOException {
        rules("seg_engagement_champion_visitors", "visits >= 1 and in_segment('seg_rfm_champions')", "experimental");
        rules(
                "seg_engagement_other_visitors",
                "visits >= 1 and not in_segment('seg_engagement_champion_visitors')",
                "experimental");

        ResolvedProject resolved = new Stages().check(segments, campaigns);
        SegmentGraph graph = SegmentGraph.of(resolved.segments());

        assertEquals(List.of("seg_rfm_champions"), graph.dependencies("seg_engagement_champion_visitors"));
        assertEquals(List.of("seg_engagement_champion_visitors"), graph.dependencies("seg_engagement_other_visitors"));
        assertEquals(
                List.of(
                        List.of("seg_rfm_champions"),
                        List.of("seg_engagement_champion_visitors"),
                        List.of("seg_engagement_other_visitors")),
                graph.levels());
    }

    @Test
    void unknownIdIsLocatedAtItsQuotedIdWithTheClosestId() throws IOException {
        rules("seg_engagement_visitors", "visits >= 1 and in_segment('seg_rfm_champion')", "experimental");

        assertEquals(
                List.of(
                        "seg_engagement_visitors.yaml:11:39: error: invalid condition: in_segment() names unknown segment"
                                + " 'seg_rfm_champion' (did you mean 'seg_rfm_champions'?)"),
                errors());
    }

    @Test
    void aCycleIsLocatedAtTheInSegmentCallAndNamesTheWholeCycle() throws IOException {
        rules("seg_engagement_a", "in_segment('seg_engagement_b')", "experimental");
        rules("seg_engagement_b", "visits >= 2 and in_segment('seg_engagement_c')", "experimental");
        rules("seg_engagement_c", "not in_segment('seg_engagement_a')", "experimental");

        List<String> errors = errors();

        assertEquals(1, errors.size(), errors.toString());
        String error = errors.get(0);
        assertTrue(
                error.startsWith("seg_engagement_a.yaml:11:12: error: segments are built from each other in a cycle:"
                        + " seg_engagement_a → seg_engagement_b → seg_engagement_c → seg_engagement_a"),
                error);
        // every call on the cycle is named where it is written
        assertTrue(error.contains("seg_engagement_b.yaml:11:28"), error);
        assertTrue(error.contains("seg_engagement_c.yaml:11:16"), error);
    }

    @Test
    void aSegmentNamingItselfIsACycle() throws IOException {
        rules("seg_engagement_self", "visits >= 1 or in_segment('seg_engagement_self')", "experimental");

        assertEquals(
                List.of("seg_engagement_self.yaml:11:27: error: segments are built from each other in a cycle:"
                        + " seg_engagement_self → seg_engagement_self (remove one of these references; a segment cannot"
                        + " include or exclude itself, directly or through other segments)"),
                errors());
    }

    /** The id is looked up, never spliced into SQL: quotes, comments or SQL in it make it no id at all. */
    @Test
    void anIdCarryingSqlIsRefused() throws IOException {
        rules(
                "seg_engagement_attack",
                "\"in_segment('seg_rfm_champions'') OR 1=1 --') and visits >= 1\"",
                "experimental");
        rules("seg_engagement_attack_two", "\"in_segment('x`; DROP TABLE t; --')\"", "experimental");

        List<String> errors = errors();

        assertEquals(2, errors.size(), errors.toString());
        assertTrue(
                errors.get(0)
                        .startsWith("seg_engagement_attack.yaml:11:24: error: invalid condition: in_segment() names"
                                + " 'seg_rfm_champions') OR 1=1 --', which is not a segment id"),
                errors.get(0));
        assertTrue(errors.get(1).contains("which is not a segment id"), errors.get(1));
    }

    @Test
    void aRetiredSegmentCannotBeNamed() throws IOException {
        rules("seg_engagement_old", "visits >= 5", "retired");
        rules("seg_engagement_new", "visits >= 1 and not in_segment('seg_engagement_old')", "experimental");

        List<String> errors = errors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(
                errors.get(0)
                        .startsWith("seg_engagement_new.yaml:11:32: error: in_segment() names retired segment"
                                + " 'seg_engagement_old'"),
                errors.get(0));
    }
}

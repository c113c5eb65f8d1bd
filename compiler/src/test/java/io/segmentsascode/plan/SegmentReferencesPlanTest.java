package io.segmentsascode.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan's dependency graph: each dependency with the table its refresh reads (a staging table
 * of the same run, or another cadence's last good table and its age), and the dependencies added
 * and removed against the base revision.
 */
class SegmentReferencesPlanTest {

    @TempDir
    Path dir;

    private Path project(String name, String championsWhere) throws IOException {
        Path segments = Files.createDirectories(dir.resolve(name).resolve("segments"));
        Files.createDirectories(dir.resolve(name).resolve("campaigns"));
        for (String file :
                List.of("warehouse.yaml", "seg_rfm_champions.yaml", "seg_rfm_at_risk.yaml", "seg_rfm_loyal.yaml")) {
            Files.copy(Path.of("..", "segments", file), segments.resolve(file));
        }
        Files.writeString(segments.resolve("seg_rfm_champions_kept.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_rfm_champions_kept
                description: champions built from other segments
                owner: qa@example.com
                stage: experimental
                refresh: daily
                rfm:
                  select: [champions, loyal]
                where: %s
                """.formatted(championsWhere));
        return segments;
    }

    private ResolvedProject resolve(Path segments) {
        return new Stages().check(segments, segments.resolveSibling("campaigns"));
    }

    @Test
    void dependenciesNameTheTableReadAndItsAgeAndTheirChangesAgainstTheBase() throws IOException {
        ResolvedProject base = resolve(project("base", "in_segment('seg_rfm_champions')"));
        ResolvedProject head =
                resolve(project("head", "in_segment('seg_rfm_loyal') or not in_segment('seg_rfm_at_risk')"));

        SegmentReferences references = SegmentReferences.of(head, Optional.of(base));

        assertEquals(
                List.of(
                        new SegmentReferences.Dependency(
                                "seg_rfm_champions_kept",
                                "seg_rfm_at_risk",
                                "seg_rfm_at_risk",
                                "last good weekly table",
                                7),
                        new SegmentReferences.Dependency(
                                "seg_rfm_champions_kept",
                                "seg_rfm_loyal",
                                "_segments_staging_seg_rfm_loyal",
                                "staging table of the same daily run",
                                0)),
                references.dependencies());
        assertEquals(
                List.of("seg_rfm_champions_kept → seg_rfm_at_risk", "seg_rfm_champions_kept → seg_rfm_loyal"),
                references.added());
        assertEquals(List.of("seg_rfm_champions_kept → seg_rfm_champions"), references.removed());
    }
}

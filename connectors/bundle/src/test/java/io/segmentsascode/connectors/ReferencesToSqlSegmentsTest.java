package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.segmentsascode.duckdb.DuckDbPreviewEngine;
import io.segmentsascode.duckdb.SampleSource;
import io.segmentsascode.duckdb.SampleSpec;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.SqlRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Intent and sql segments can be named too (their tables are ours): a rules segment built from
 * the bundled premium-email intent minus the hand-written new-signups segment previews, on the
 * sample, exactly the members of the one without those of the other.
 */
class ReferencesToSqlSegmentsTest {

    @TempDir
    Path dir;

    @Test
    void aSegmentBuiltFromIntentAndSqlSegmentsHasTheirSetDifference() throws IOException {
        Path segments = Files.createDirectories(dir.resolve("segments"));
        try (Stream<Path> files = Files.list(Path.of("..", "..", "segments"))) {
            for (Path file : files.toList()) {
                Files.copy(file, segments.resolve(file.getFileName()));
            }
        }
        Files.writeString(segments.resolve("seg_engagement_fans_not_new.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_engagement_fans_not_new
                description: premium-email fans who are not new sign-ups browsing
                owner: qa@example.com
                stage: experimental
                refresh: daily
                rules:
                  window_days: 30
                  metrics:
                    visits: {table: events, aggregate: count}
                  include: >-
                    in_segment('seg_intent_premium_email_fans')
                    and not in_segment('seg_lifecycle_new_signups_browsing')
                """);
        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(segments, Path.of("..", "..", "campaigns"));
        List<GeneratedSegment> generated =
                PinnedCompile.generate(compiler, project, Path.of("..", "..", "segments.lock"), dir.resolve("cache"));
        SqlRenderer renderer =
                new SqlRenderer(project.warehouse(), new DuckDbDialect(new ResolvedTreeDuckDbTranslator()));
        try (DuckDbPreviewEngine engine =
                DuckDbPreviewEngine.open(project.warehouse(), new SampleSource.Generated(SampleSpec.defaults()), dir)) {
            Instant runTime = engine.latestDataTime();
            Set<String> expected = new TreeSet<>(
                    engine.members(renderer.render(segment(generated, "seg_intent_premium_email_fans")), runTime));
            expected.removeAll(
                    engine.members(renderer.render(segment(generated, "seg_lifecycle_new_signups_browsing")), runTime));

            List<String> members =
                    engine.members(renderer.render(segment(generated, "seg_engagement_fans_not_new")), runTime);

            assertFalse(members.isEmpty(), "the sample holds premium-email fans");
            assertEquals(List.copyOf(expected), members);
        }
    }

    private static GeneratedSegment segment(List<GeneratedSegment> generated, String id) {
        return generated.stream()
                .filter(g -> g.segment().id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}

package io.segmentsascode.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's own segments/ and campaigns/ must always compile: they are the product's example. */
class BundledProjectTest {

    @TempDir
    Path temp;

    static final Path SEGMENTS = Path.of("..", "segments");
    static final Path CAMPAIGNS = Path.of("..", "campaigns");

    @Test
    void bundledFilesCompileInBothDialects() {
        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(SEGMENTS, CAMPAIGNS);
        assertTrue(project.segments().size() >= 7, "bundled segments");
        assertEquals(4, project.campaigns().size());
        var generated = PinnedCompile.generate(compiler, project, PinnedCompile.BUNDLED_LOCK, temp);
        List<RenderedSegment> bigquery = compiler.render(project, generated, new BigQueryDialect());
        List<RenderedSegment> duckdb = compiler.render(
                project,
                generated.stream()
                        .filter(g -> !(g.segment().definition() instanceof SegmentDefinition.Intent
                                || g.segment().definition() instanceof SegmentDefinition.Sql))
                        .toList(),
                new DuckDbDialect());
        for (RenderedSegment segment : bigquery) {
            assertTrue(segment.sql().contains("`acme-marketing.analytics."), segment.segmentId());
            assertTrue(segment.sql().contains("@run_time"), segment.segmentId());
        }
        for (RenderedSegment segment : duckdb) {
            assertTrue(segment.sql().contains("raw."), segment.segmentId());
        }
        if (Boolean.getBoolean("print.sql")) {
            bigquery.forEach(s -> System.out.println("---- " + s.segmentId() + "\n" + s.sql()));
            duckdb.forEach(s -> System.out.println("---- " + s.segmentId() + "\n" + s.sql()));
        }
    }
}

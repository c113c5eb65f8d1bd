package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.segmentsascode.duckdb.DuckDbPreviewEngine;
import io.segmentsascode.duckdb.SampleSource;
import io.segmentsascode.duckdb.SampleSpec;
import io.segmentsascode.duckdb.translate.CalciteDuckDbTranslator;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Compiler;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.SqlRenderer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled project's intent and sql segments preview through the translator the connectors
 * wire, from GoogleSQL's resolved tree, with the members the Calcite translator found before.
 */
class BundledSqlSegmentsPreviewTest {

    @TempDir
    Path state;

    @Test
    void everyPinnedQueryPreviewsWithTheMembersItHadBefore() {
        Compiler compiler = new Compiler();
        ResolvedProject project = compiler.check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        List<GeneratedSegment> sqlSegments = PinnedCompile.generate(compiler, project, Path.of("..", "..", "segments.lock"),
                state.resolve("cache")).stream().filter(g -> !g.segment().definition().isStructured()).toList();
        assertFalse(sqlSegments.isEmpty(), "the bundled project has intent segments");
        SqlRenderer resolvedTree = new SqlRenderer(project.warehouse(), new DuckDbDialect(new ResolvedTreeDuckDbTranslator()));
        SqlRenderer calcite = new SqlRenderer(project.warehouse(), new DuckDbDialect(new CalciteDuckDbTranslator()));
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(project.warehouse(),
                new SampleSource.Generated(SampleSpec.defaults()), state)) {
            Instant runTime = engine.latestDataTime();
            for (GeneratedSegment segment : sqlSegments) {
                List<String> members = engine.members(resolvedTree.render(segment), runTime);
                assertEquals(engine.members(calcite.render(segment), runTime), members, segment.segment().id());
                assertFalse(members.isEmpty(), segment.segment().id() + " has members on the sample");
            }
        }
    }
}

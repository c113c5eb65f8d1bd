package io.segmentsascode.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the compiled SQL states that a segment has one row per user: intent and sql segments check
 * it as they run, in both dialects from the same renderer; rfm: and rules: segments are grouped by
 * user_id and carry no check.
 */
class OneRowPerUserSqlTest {

    private static final String CHECKED_STEP = "_segment_rows";

    @TempDir
    static Path cache;

    private static ResolvedProject project;
    private static List<GeneratedSegment> generated;

    @BeforeAll
    static void compileTheBundledProject() {
        Stages compiler = new Stages();
        project = compiler.check(PinnedCompile.BUNDLED_SEGMENTS, PinnedCompile.BUNDLED_CAMPAIGNS);
        generated = PinnedCompile.generate(compiler, project, PinnedCompile.BUNDLED_LOCK, cache);
    }

    @Test
    void handWrittenAndIntentSqlFailsTheRunOnAUserOnTwoRows() {
        SqlRenderer bigQuery = new SqlRenderer(project.warehouse(), new BigQueryDialect());
        List<GeneratedSegment> embedded = generated.stream()
                .filter(g -> !g.segment().definition().isStructured())
                .toList();
        assertTrue(embedded.size() >= 3, "the bundled project has intent and sql segments");
        for (GeneratedSegment segment : embedded) {
            RenderedSegment rendered = bigQuery.render(segment);
            String id = segment.segment().id();

            assertTrue(
                    rendered.sql().contains("      COUNT(*) OVER (PARTITION BY p.user_id) AS _rows_per_user_id\n"), id);
            String check =
                    "WHERE IF(_rows_per_user_id = 1, TRUE, ERROR('" + id + ": user_id appears on more than one row, "
                            + "but a segment has one row per user (GROUP BY user_id or SELECT DISTINCT)'))\n";
            assertTrue(rendered.rowsSql().endsWith("\nFROM " + CHECKED_STEP + "\n"), rendered.rowsSql());
            assertEquals(rendered.rowsSql() + check, rendered.sql(), "the rows without the check, then the check");
        }
    }

    @Test
    void duckDbFailsTheSameWayThroughItsOwnErrorFunction() {
        SqlTranslator unchanged = (googleSql, catalog, runTime) -> googleSql;
        SqlRenderer duckDb = new SqlRenderer(project.warehouse(), new DuckDbDialect(unchanged));
        GeneratedSegment intent = generated.stream()
                .filter(g -> !g.segment().definition().isStructured())
                .findFirst()
                .orElseThrow();

        String sql = duckDb.render(intent).sql();

        assertTrue(
                sql.contains("\nWHERE if(_rows_per_user_id = 1, TRUE, error('"
                        + intent.segment().id() + ": user_id appears"),
                sql);
    }

    @Test
    void structuredSegmentsAreGroupedByUserAndCheckNothing() {
        SqlRenderer bigQuery = new SqlRenderer(project.warehouse(), new BigQueryDialect());
        List<GeneratedSegment> structured = generated.stream()
                .filter(g -> g.segment().definition().isStructured())
                .toList();
        assertTrue(structured.size() >= 5, "the bundled project has rfm: and rules: segments");
        for (GeneratedSegment segment : structured) {
            RenderedSegment rendered = bigQuery.render(segment);

            assertTrue(segment.query().uniqueRows().isEmpty(), segment.segment().id());
            assertEquals(rendered.sql(), rendered.rowsSql(), segment.segment().id());
            assertFalse(rendered.sql().contains("ERROR("), rendered.sql());
            // every step the result reads is grouped by user_id, or is the users table itself
            assertTrue(rendered.sql().contains("GROUP BY user_id\n"), rendered.sql());
        }
    }
}

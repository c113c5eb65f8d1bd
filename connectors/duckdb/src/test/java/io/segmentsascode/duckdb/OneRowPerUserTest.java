package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.TestQueries.execute;
import static io.segmentsascode.duckdb.TestQueries.longValue;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.SqlQuery;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.SqlRenderer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment has one row per user. Intent and sql segments check it in their compiled query, which
 * fails when it runs on rows that repeat a user; structured segments have it by construction.
 */
class OneRowPerUserTest {

    private static final String CART_ABANDONERS = "seg_intent_cart_abandoners_mobile";
    /** The rest of the cart abandoners' contract: carts_7d INT64, last_cart_at TIMESTAMP. */
    private static final String CONTRACT_TAIL = ", 1 AS carts_7d, TIMESTAMP '2026-01-01' AS last_cart_at";

    @TempDir
    static Path state;

    private static ResolvedProject project;
    private static List<GeneratedSegment> generated;
    private static SqlRenderer duckDb;

    @BeforeAll
    static void compileTheBundledProject() {
        Stages compiler = new Stages();
        project = compiler.check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        generated =
                PinnedCompile.generate(compiler, project, Path.of("..", "..", "segments.lock"), state.resolve("cache"));
        duckDb = new SqlRenderer(project.warehouse(), new DuckDbDialect(new ResolvedTreeDuckDbTranslator()));
    }

    @Test
    void theCompiledQueryFailsWhenItsRowsRepeatAUser() throws SQLException {
        try (Connection tiny = TestQueries.inMemory()) {
            RawSchema.create(tiny, project.warehouse());
            execute(tiny, "INSERT INTO raw.users (user_id, country) VALUES ('u1', 'DE'), ('u2', 'DE')");
            String once = duckDb.render(withSql("SELECT user_id" + CONTRACT_TAIL + " FROM users"))
                    .sql();
            String twice = duckDb.render(
                            withSql("SELECT u.user_id" + CONTRACT_TAIL + " FROM users AS u CROSS JOIN users AS v"))
                    .sql();

            assertEquals(2, longValue(tiny, "SELECT count(*) FROM (" + once + ")"));
            SQLException failure =
                    assertThrows(SQLException.class, () -> longValue(tiny, "SELECT count(*) FROM (" + twice + ")"));
            assertTrue(
                    failure.getMessage()
                            .contains(CART_ABANDONERS + ": user_id appears on more than one row, but a segment "
                                    + "has one row per user (GROUP BY user_id or SELECT DISTINCT)"),
                    failure.getMessage());
        }
    }

    @Test
    void thePreviewReportsTheRowsAndUsersOfAFailedCheck() throws SQLException {
        RenderedSegment perEvent = duckDb.render(withSql("SELECT e.user_id" + CONTRACT_TAIL + " FROM events AS e"));
        try (DuckDbPreviewEngine engine = sample()) {
            long rows = longValue(engine.connection(), "SELECT count(*) FROM (" + perEvent.rowsSql() + ")");
            long users =
                    longValue(engine.connection(), "SELECT count(DISTINCT user_id) FROM (" + perEvent.rowsSql() + ")");
            assertTrue(rows > users, "users have several events: " + rows + " rows, " + users + " users");

            SegmentRunException failure =
                    assertThrows(SegmentRunException.class, () -> engine.run(perEvent, engine.latestDataTime()));

            assertEquals(CART_ABANDONERS, failure.segmentId());
            assertEquals(
                    String.format(
                            Locale.ROOT,
                            "user_id is not unique: %,d rows for %,d users (a segment has one row "
                                    + "per user: GROUP BY user_id or SELECT DISTINCT)",
                            rows,
                            users),
                    failure.reason());
        }
    }

    @Test
    void structuredSegmentsAreOneRowPerUserByConstructionAndCheckNothingAtRunTime() {
        List<GeneratedSegment> structured = generated.stream()
                .filter(g -> g.segment().definition().isStructured())
                .toList();
        assertTrue(structured.size() >= 5, "the bundled project has rfm: and rules: segments");
        try (DuckDbPreviewEngine engine = sample()) {
            for (GeneratedSegment segment : structured) {
                RenderedSegment rendered = duckDb.render(segment);
                assertTrue(
                        segment.query().uniqueRows().isEmpty(),
                        segment.segment().id());
                assertEquals(
                        rendered.sql(), rendered.rowsSql(), segment.segment().id());
                // run() fails a segment whose rows repeat a user
                assertDoesNotThrow(
                        () -> engine.run(rendered, engine.latestDataTime()),
                        segment.segment().id());
            }
        }
    }

    private static DuckDbPreviewEngine sample() {
        return DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Generated(new SampleSpec(1_000, 42)), state);
    }

    /** The cart abandoners' compiled query around other hand-written SQL (same contract, same tables). */
    private static GeneratedSegment withSql(String googleSql) {
        GeneratedSegment pinned = generated.stream()
                .filter(g -> g.segment().id().equals(CART_ABANDONERS))
                .findFirst()
                .orElseThrow();
        SqlQuery.Query query = pinned.query();
        SqlQuery.Select result = query.result();
        SqlQuery.Embedded embedded = (SqlQuery.Embedded) result.from();
        SqlQuery.Select replaced = new SqlQuery.Select(
                result.items(),
                new SqlQuery.Embedded(googleSql, embedded.alias()),
                result.joins(),
                result.where(),
                result.groupBy());
        return new GeneratedSegment(
                pinned.segment(),
                new SqlQuery.Query(query.envelope(), query.steps(), replaced, query.uniqueRows()),
                pinned.columns());
    }
}

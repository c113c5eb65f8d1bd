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
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.SqlRenderer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled project's intent and sql segments preview through the translator the connectors
 * wire, inside the envelope the preview renders, and select the members of a second formulation
 * of each in plain SQL over the raw tables (the premium-email intent: its structured twin).
 */
class BundledSqlSegmentsPreviewTest {

    /** The mandatory filter of warehouse.yaml written out: test accounts and their rows left out. */
    private static final String KEPT_ROWS = """
            WITH users AS (SELECT * FROM raw.users WHERE country IS NULL OR country <> 'TEST'),
            events AS (SELECT * FROM raw.events WHERE user_id IN (SELECT user_id FROM users)),
            sessions AS (SELECT * FROM raw.sessions WHERE user_id IN (SELECT user_id FROM users))
            """;

    private static final Map<String, String> REFERENCES = Map.of(
            "seg_intent_cart_abandoners_mobile", KEPT_ROWS + """
                    SELECT DISTINCT e.user_id FROM events AS e JOIN users AS u ON u.user_id = e.user_id
                    WHERE e.event_name = 'add_to_cart' AND u.device_type = 'mobile'
                      AND e.event_time > getvariable('run_time') - INTERVAL 7 DAY AND e.event_time <= getvariable('run_time')
                      AND NOT EXISTS (SELECT 1 FROM events AS b WHERE b.user_id = e.user_id AND b.revenue > 0
                        AND b.event_time > getvariable('run_time') - INTERVAL 7 DAY AND b.event_time <= getvariable('run_time'))
                    """,
            "seg_lifecycle_new_signups_browsing", KEPT_ROWS + """
                    SELECT u.user_id FROM users AS u JOIN events AS e ON e.user_id = u.user_id
                    WHERE u.signup_date > CAST(getvariable('run_time') AS DATE) - 30 AND e.event_time <= getvariable('run_time')
                    GROUP BY u.user_id
                    HAVING sum(CASE WHEN e.event_name = 'product_view' THEN 1 ELSE 0 END) >= 3
                       AND sum(CASE WHEN e.revenue > 0 THEN 1 ELSE 0 END) = 0
                    """,
            "seg_value_top_aov_lapsed", KEPT_ROWS + """
                    , orders AS (
                      SELECT user_id, round(CAST(sum(revenue) AS DOUBLE) / count(*), 9) AS aov,
                             epoch(getvariable('run_time')) - epoch(max(event_time)) AS seconds_since
                      FROM events
                      WHERE revenue > 0 AND event_time > getvariable('run_time') - INTERVAL 365 DAY
                        AND event_time <= getvariable('run_time')
                      GROUP BY user_id
                    ), ranked AS (
                      SELECT user_id, seconds_since, row_number() OVER (ORDER BY aov DESC, user_id) AS rn, count(*) OVER () AS n
                      FROM orders
                    )
                    -- NTILE(5) = 1: the first ceil(n / 5) rows
                    SELECT user_id FROM ranked WHERE rn <= (n + 4) // 5 AND seconds_since >= 90 * 86400
                    """);

    @TempDir
    Path state;

    @Test
    void everyPinnedQueryPreviewsTheMembersOfItsSecondFormulation() {
        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        List<GeneratedSegment> generated =
                PinnedCompile.generate(compiler, project, Path.of("..", "..", "segments.lock"), state.resolve("cache"));
        List<GeneratedSegment> sqlSegments = generated.stream()
                .filter(g -> !g.segment().definition().isStructured())
                .toList();
        assertEquals(REFERENCES.size() + 1, sqlSegments.size(), "a reference for each bundled sql segment");
        SqlRenderer renderer =
                new SqlRenderer(project.warehouse(), new DuckDbDialect(new ResolvedTreeDuckDbTranslator()));
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Generated(SampleSpec.defaults()), state)) {
            Instant runTime = engine.latestDataTime();
            for (GeneratedSegment segment : sqlSegments) {
                String id = segment.segment().id();
                List<String> members = engine.members(renderer.render(segment), runTime);
                List<String> expected = id.equals("seg_intent_premium_email_fans")
                        ? engine.members(renderer.render(twin(generated, "seg_intent_premium_email_loyal")), runTime)
                        : engine.members(
                                new RenderedSegment(id, DuckDbPreviewEngine.DIALECT, REFERENCES.get(id), List.of()),
                                runTime);
                assertFalse(members.isEmpty(), id + " has members on the sample");
                assertEquals(expected, members, id);
            }
        }
    }

    private static GeneratedSegment twin(List<GeneratedSegment> generated, String id) {
        return generated.stream()
                .filter(g -> g.segment().id().equals(id))
                .findFirst()
                .orElseThrow();
    }
}

package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.ArtifactGuard;
import io.segmentsascode.analyze.Catalogs;
import io.segmentsascode.analyze.Guardrails;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.RefreshPlanner;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.generate.SegmentGenerator;
import io.segmentsascode.googlesql.SqlAnalyzers;
import io.segmentsascode.intent.EmbeddedSql;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.RenderedScript;
import io.segmentsascode.render.ScriptRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The refresh scripts through GoogleSQL's analyzer, query by query as sent: the bundled scripts
 * pass, and SQL a segment brings cannot smuggle a statement into the script. The SQL below skips
 * the checks of the sources stage (as a renderer bug or a forged pin would), so only the script
 * guard stands between it and BigQuery.
 */
class RefreshScriptGuardTest {

    private static final String TAMPERED = "seg_intent_cart_abandoners_mobile";
    private static final String CONTRACT =
            "SELECT user_id, 1 AS carts_7d, TIMESTAMP '2026-01-01' AS last_cart_at FROM events";
    private static final String USERS = "`acme-marketing.analytics.users`";

    @TempDir
    static Path state;

    private static ResolvedProject project;
    private static List<GeneratedSegment> generated;
    private static ArtifactGuard guard;

    @BeforeAll
    static void compile() {
        Stages compiler = new Stages();
        project = compiler.check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        generated =
                PinnedCompile.generate(compiler, project, Path.of("..", "..", "segments.lock"), state.resolve("cache"));
        SqlAnalyzer analyzer = SqlAnalyzers.best().analyzer();
        guard = new ArtifactGuard(
                project.warehouse(),
                new AnalyzerProvider() {
                    @Override
                    public String version() {
                        return analyzer.version();
                    }

                    @Override
                    public SqlAnalyzer get() {
                        return analyzer;
                    }
                },
                new Analyses.Fresh());
    }

    @Test
    void theBundledScriptsPassTheGuardrails() {
        List<RefreshScript> plans = new RefreshPlanner(project.warehouse()).plan(generated);
        for (RefreshScript plan : plans) {
            RenderedScript script = render(plan);
            assertEquals(
                    script.queries().size(), plan.builds().size() + plan.swaps().size(), "every SELECT is checked");
            assertEquals(Map.of(), violations(plan, script), script.name());
        }
    }

    static Stream<Arguments> smuggled() {
        return Stream.of(
                Arguments.of("a second statement after the query", CONTRACT + ";\nDROP TABLE " + USERS),
                Arguments.of(
                        "a breakout through ') AS p;'",
                        CONTRACT + "\n) AS p;\nDROP TABLE " + USERS + ";\nSELECT * FROM (SELECT 1"),
                Arguments.of("an open comment that would swallow the swap", CONTRACT + " /*"),
                Arguments.of("DML instead of a query", "DELETE FROM events WHERE TRUE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smuggled")
    void sqlThatWouldAddAStatementFailsTheGuardAtItsOwnQuery(String attack, String sql) {
        Map<String, List<Guardrails.Violation>> violations = forge(sql);
        String staging = "_refresh_daily: " + RefreshScript.stagingTable(TAMPERED);
        assertEquals(List.of(staging), List.copyOf(violations.keySet()), attack + ": only the tampered query fails");
        assertFalse(violations.get(staging).isEmpty());
    }

    /** The closing parenthesis is on a line of its own: a trailing line comment hides nothing. */
    @Test
    void aTrailingLineCommentLeavesOneValidQuery() {
        Map<String, List<Guardrails.Violation>> violations = forge(CONTRACT + " -- ) AS p; DROP TABLE " + USERS);
        assertEquals(Map.of(), violations);
    }

    private static Map<String, List<Guardrails.Violation>> forge(String sql) {
        GeneratedSegment honest = generated.stream()
                .filter(g -> g.segment().id().equals(TAMPERED))
                .findFirst()
                .orElseThrow();
        EmbeddedSql tampered = new EmbeddedSql(TAMPERED, sql, List.of("events", "users"), honest.columns());
        SegmentGenerator generator = new SegmentGenerator(project.warehouse(), Map.of(TAMPERED, tampered));
        GeneratedSegment forged = generator.generate(honest.segment());
        List<GeneratedSegment> segments = new ArrayList<>(generated);
        segments.set(segments.indexOf(honest), forged);
        RefreshScript plan = new RefreshPlanner(project.warehouse())
                .plan(segments).stream()
                        .filter(p ->
                                p.swaps().stream().anyMatch(s -> s.segmentId().equals(TAMPERED)))
                        .findFirst()
                        .orElseThrow();
        RenderedScript script = render(plan);
        // the script's own statements are what its templates made, whatever the SQL says
        assertTrue(script.statements().stream().noneMatch(s -> s.startsWith("DROP") || s.startsWith("DELETE")));
        return violations(plan, script);
    }

    private static RenderedScript render(RefreshScript plan) {
        return ScriptRenderer.bigQuery(project.warehouse(), ScriptRenderer.BIGQUERY_QUERY_LENGTH_LIMIT)
                .render(plan);
    }

    private static Map<String, List<Guardrails.Violation>> violations(RefreshScript plan, RenderedScript script) {
        List<ArtifactGuard.Artifact> queries = script.queries().stream()
                .map(q -> new ArtifactGuard.Artifact(
                        script.name() + ": " + q.table(), q.sql(), q.columns(), q.embedsSql()))
                .toList();
        return guard.checkScript(queries, Catalogs.managed(project.warehouse(), plan.tables()));
    }
}

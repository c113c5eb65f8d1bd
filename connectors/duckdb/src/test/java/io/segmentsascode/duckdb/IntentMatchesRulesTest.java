package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.SqlRenderer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in check of the pinned SQL: the article's premium-intent cohort written in plain
 * language (seg_intent_premium_email_fans, SQL pinned in segments.lock) must select exactly the
 * members of its structured twin (seg_intent_premium_email_loyal) on the sample warehouse.
 */
class IntentMatchesRulesTest {

    @TempDir
    Path state;

    @Test
    void pinnedIntentSqlSelectsTheSameMembersAsTheRulesVersion() {
        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        List<GeneratedSegment> generated =
                PinnedCompile.generate(compiler, project, Path.of("..", "..", "segments.lock"), state.resolve("cache"));
        SqlRenderer renderer =
                new SqlRenderer(project.warehouse(), new DuckDbDialect(new ResolvedTreeDuckDbTranslator()));
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Generated(SampleSpec.defaults()), state)) {
            RenderedSegment intentSql = render(renderer, generated, "seg_intent_premium_email_fans");
            RenderedSegment rulesSql = render(renderer, generated, "seg_intent_premium_email_loyal");
            List<String> intent = engine.members(intentSql, engine.latestDataTime());
            List<String> rules = engine.members(rulesSql, engine.latestDataTime());
            assertTrue(rules.size() >= 100, "the sample holds the premium browsers: " + rules.size());
            assertEquals(rules, intent);
            // the previews count the same: the intent's one-row-per-user check passes and adds no row
            assertEquals(
                    rules.size(), engine.run(intentSql, engine.latestDataTime()).members());
            assertEquals(
                    rules.size(), engine.run(rulesSql, engine.latestDataTime()).members());
        }
    }

    private static RenderedSegment render(SqlRenderer renderer, List<GeneratedSegment> generated, String id) {
        return renderer.render(generated.stream()
                .filter(g -> g.segment().id().equals(id))
                .findFirst()
                .orElseThrow());
    }
}

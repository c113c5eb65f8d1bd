package io.segmentsascode.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.analyze.AnalysisCache;
import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.GuardException;
import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.pipeline.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generation keys, pins and the generate loop, with a scripted model and an analyzer that reports
 * what a real one would for these simple queries (the real analyzer's verdicts are tested in the
 * googlesql connector; here only the bookkeeping is under test).
 */
class IntentPinsTest {

    private static final Path LOCK = Path.of("segments.lock");

    @TempDir
    Path project;

    /** Reports one query reading `users` with the columns named in its SELECT list; DROP makes it a DDL statement. */
    static final class EchoAnalyzer implements SqlAnalyzer {
        int analyses;
        boolean approximate;

        @Override
        public String version() {
            return "echo 1";
        }

        @Override
        public boolean exact() {
            return !approximate;
        }

        @Override
        public SqlAnalysis analyze(String sql, AnalysisCatalog catalog) {
            analyses++;
            if (sql.contains("DROP")) {
                return new SqlAnalysis(
                        List.of(),
                        "DropStatement",
                        1,
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.empty());
            }
            List<SqlAnalysis.OutputColumn> columns = new ArrayList<>();
            String select = sql.substring(sql.indexOf("SELECT") + 6, sql.indexOf("FROM"))
                    .strip();
            for (String item : select.split(",")) {
                String name = item.strip().contains(" AS ")
                        ? item.strip().substring(item.strip().lastIndexOf(' ') + 1)
                        : item.strip();
                columns.add(new SqlAnalysis.OutputColumn(name, name.equals("user_id") ? "STRING" : "INT64", List.of()));
            }
            return new SqlAnalysis(
                    List.of(),
                    SqlAnalysis.QUERY,
                    1,
                    columns,
                    List.of(new SqlAnalysis.Use("users", 1, 1)),
                    List.of(),
                    List.of(),
                    List.of(),
                    Optional.of(new SqlAnalysis.TextRange(
                            0, sql.strip().replaceAll(";$", "").length())));
        }
    }

    /** Answers from a script and counts calls. */
    static final class ScriptedModel implements IntentModel {
        final List<String> answers = new ArrayList<>();
        final List<Prompt> prompts = new ArrayList<>();
        final String model;

        ScriptedModel(String model, String... answers) {
            this.model = model;
            this.answers.addAll(List.of(answers));
        }

        @Override
        public String model() {
            return model;
        }

        @Override
        public String generate(Prompt prompt) {
            prompts.add(prompt);
            return answers.remove(0);
        }
    }

    private final EchoAnalyzer analyzer = new EchoAnalyzer();

    @BeforeEach
    void writeProject() throws Exception {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.copy(Path.of("..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        writeIntent("seg_intent_a", "Users from Germany who signed up this year.");
        writeIntent("seg_intent_b", "Users on tablets who never bought anything.");
    }

    private void writeIntent(String id, String intent) throws Exception {
        Files.writeString(project.resolve("segments").resolve(id + ".yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: %s
                description: test intent
                owner: test@example.com
                stage: experimental
                refresh: daily
                intent: %s
                columns: {user_id: STRING, n: INT64}
                """.formatted(id, intent));
    }

    private ResolvedProject resolved() {
        return new Stages().check(project.resolve("segments"), project.resolve("campaigns"));
    }

    private SqlSources sources(ResolvedProject resolved, String model) {
        return sources(resolved, model, new Analyses.LocalCache(new AnalysisCache(project.resolve(".segments"))));
    }

    private SqlSources sources(ResolvedProject resolved, String model, Analyses analyses) {
        return new SqlSources(
                resolved.warehouse(),
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
                analyses,
                model);
    }

    private LockFile generate(ResolvedProject resolved, LockFile lock, IntentModel model, Diagnostics diagnostics) {
        return new IntentGenerator(
                        sources(resolved, model.model()),
                        () -> model,
                        project.resolve(".segments"),
                        (segment, sql) -> Optional.empty())
                .generate(resolved.segments(), lock, Optional.empty(), diagnostics, new ArrayList<>());
    }

    @Test
    void sameInputsNeedNoModelCallAndGiveTheSameLock() {
        ScriptedModel model = new ScriptedModel(
                "gemini-2.5-flash",
                "SELECT user_id, 1 AS n FROM users",
                "```sql\nSELECT user_id, 2 AS n FROM users\n```");
        LockFile first = generate(resolved(), LockFile.empty(), model, new Diagnostics());
        assertEquals(2, model.prompts.size());
        assertEquals(
                "SELECT user_id, 2 AS n FROM users\n",
                first.pin("seg_intent_b").orElseThrow().sql(),
                "fence removed");

        LockFile second = generate(resolved(), first, model, new Diagnostics());
        assertEquals(2, model.prompts.size(), "current pins: no model call");
        assertEquals(first.render(), second.render());
    }

    @Test
    void editingOneIntentMakesExactlyThatPinStaleAndSaysWhy() throws Exception {
        LockFile lock = generate(
                resolved(),
                LockFile.empty(),
                new ScriptedModel(
                        "gemini-2.5-flash", "SELECT user_id, 1 AS n FROM users", "SELECT user_id, 2 AS n FROM users"),
                new Diagnostics());
        writeIntent("seg_intent_a", "Users from France who signed up this year.");
        ResolvedProject edited = resolved();
        SqlSources sources = sources(edited, "gemini-2.5-flash");
        Segment a = edited.segment("seg_intent_a").orElseThrow();
        Segment b = edited.segment("seg_intent_b").orElseThrow();
        assertTrue(sources.status(a, lock).stale());
        assertFalse(sources.status(b, lock).stale());
        assertEquals(List.of("intent"), sources.status(a, lock).changedInputs());

        Diagnostics locked = new Diagnostics();
        sources.resolve(edited.segments(), lock, LOCK, true, locked);
        List<Diagnostic> errors = locked.sorted();
        assertEquals(1, errors.size());
        assertTrue(
                errors.get(0)
                        .format()
                        .matches(".*seg_intent_a\\.yaml:7:1: error: the pinned SQL of seg_intent_a is stale: "
                                + "the intent text changed \\(run mvn segments:generate to refresh it.*"),
                errors.get(0).format());

        Diagnostics unlocked = new Diagnostics();
        assertEquals(
                2,
                sources.resolve(edited.segments(), lock, LOCK, false, unlocked).size(),
                "unlocked: the old SQL is used");
        assertFalse(unlocked.hasErrors());
        assertEquals(1, unlocked.sorted().size(), "with a warning");
    }

    @Test
    void changingTheModelOrTheSchemaContextMakesEveryPinStale() throws Exception {
        LockFile lock = generate(
                resolved(),
                LockFile.empty(),
                new ScriptedModel(
                        "gemini-2.5-flash", "SELECT user_id, 1 AS n FROM users", "SELECT user_id, 2 AS n FROM users"),
                new Diagnostics());
        ResolvedProject same = resolved();
        for (Segment segment : same.segments()) {
            SqlSources.PinStatus status = sources(same, "gemini-2.5-pro").status(segment, lock);
            assertEquals(List.of("model"), status.changedInputs());
            assertEquals("the model changed (gemini-2.5-flash -> gemini-2.5-pro)", SqlSources.why(status));
        }
        Path warehouse = project.resolve("segments/warehouse.yaml");
        Files.writeString(
                warehouse,
                Files.readString(warehouse)
                        .replace(
                                "Main device: desktop, mobile or tablet.",
                                "Main device: desktop, mobile, tablet or tv."));
        ResolvedProject schemaChanged = resolved();
        for (Segment segment : schemaChanged.segments()) {
            assertEquals(
                    List.of("schema_context"),
                    sources(schemaChanged, "gemini-2.5-flash")
                            .status(segment, lock)
                            .changedInputs());
        }
    }

    @Test
    void aRejectedAnswerGoesBackToTheModelWithTheProblems() {
        ScriptedModel model = new ScriptedModel(
                "gemini-2.5-flash",
                "Here you go: SELECT user_id FROM users",
                "SELECT user_id, 1 AS n FROM users WHERE 1 = 1; DROP TABLE users",
                "SELECT user_id, 7 AS n FROM users",
                "SELECT user_id, 8 AS n FROM users");
        Diagnostics diagnostics = new Diagnostics();
        LockFile lock = generate(resolved(), LockFile.empty(), model, diagnostics);
        assertFalse(diagnostics.hasErrors(), diagnostics.sorted().toString());
        assertEquals(
                "SELECT user_id, 7 AS n FROM users\n",
                lock.pin("seg_intent_a").orElseThrow().sql());
        assertEquals(4, model.prompts.size(), "two repair rounds for a, one call for b");
        assertTrue(model.prompts.get(1).userText().contains("the answer does not start with SELECT or WITH"));
        assertTrue(model.prompts.get(2).userText().contains("only a read-only SELECT is allowed, found DropStatement"));
        assertTrue(model.prompts.get(2).userText().endsWith("Return the corrected SQL only."));
    }

    @Test
    void aModelThatNeverCompliesLeavesNoPinAndAnError() {
        String drop = "SELECT user_id, 1 AS n FROM users; DROP TABLE x";
        ScriptedModel model =
                new ScriptedModel("gemini-2.5-flash", drop, drop, drop, "SELECT user_id, 1 AS n FROM users");
        Diagnostics diagnostics = new Diagnostics();
        LockFile lock = generate(resolved(), LockFile.empty(), model, diagnostics);
        assertTrue(lock.pin("seg_intent_a").isEmpty());
        assertTrue(lock.pin("seg_intent_b").isPresent());
        String error = diagnostics.sorted().get(0).format();
        assertTrue(
                error.contains("the model's SQL for seg_intent_a still breaks the guardrails after 2 repair rounds: "
                        + "1:1: only a read-only SELECT is allowed, found DropStatement"),
                error);
    }

    @Test
    void lockedBuildsAnalyseEveryPinAfreshWhateverTheLockRecords() {
        LockFile lock = generate(
                resolved(),
                LockFile.empty(),
                new ScriptedModel(
                        "gemini-2.5-flash", "SELECT user_id, 1 AS n FROM users", "SELECT user_id, 2 AS n FROM users"),
                new Diagnostics());
        int before = analyzer.analyses;
        ResolvedProject same = resolved();
        SqlSources fresh = sources(same, "gemini-2.5-flash", new Analyses.Fresh());
        assertEquals(
                2,
                fresh.resolve(same.segments(), lock, LOCK, true, new Diagnostics())
                        .size());
        assertEquals(before + 2, analyzer.analyses, "the lock's recorded analysis is a record, not a certificate");
    }

    @Test
    void anApproximateAnalyzerMayServeALocalBuildButNeverDecideALockedOne() {
        LockFile lock = generate(
                resolved(),
                LockFile.empty(),
                new ScriptedModel(
                        "gemini-2.5-flash", "SELECT user_id, 1 AS n FROM users", "SELECT user_id, 2 AS n FROM users"),
                new Diagnostics());
        analyzer.approximate = true;
        ResolvedProject same = resolved();
        GuardException e = assertThrows(
                GuardException.class,
                () -> sources(same, "gemini-2.5-flash", new Analyses.Fresh())
                        .resolve(same.segments(), lock, LOCK, true, new Diagnostics()));
        assertTrue(
                e.diagnostics()
                        .get(0)
                        .format()
                        .startsWith("segments.locked: error: only echo 1 could load on this machine, "
                                + "an approximation of GoogleSQL"),
                e.getMessage());
        Path state = project.resolve(".segments-approximate");
        assertEquals(
                2,
                sources(same, "gemini-2.5-flash", new Analyses.LocalCache(new AnalysisCache(state)))
                        .resolve(same.segments(), lock, LOCK, false, new Diagnostics())
                        .size(),
                "a local build may use it");
    }

    @Test
    void unlockedBuildsReuseOnlyThisMachinesOwnAnalyses() {
        LockFile lock = generate(
                resolved(),
                LockFile.empty(),
                new ScriptedModel(
                        "gemini-2.5-flash", "SELECT user_id, 1 AS n FROM users", "SELECT user_id, 2 AS n FROM users"),
                new Diagnostics());
        ResolvedProject same = resolved();
        sources(same, "gemini-2.5-flash").resolve(same.segments(), lock, LOCK, false, new Diagnostics());
        int before = analyzer.analyses;
        assertEquals(
                2,
                sources(same, "gemini-2.5-flash")
                        .resolve(same.segments(), lock, LOCK, false, new Diagnostics())
                        .size());
        assertEquals(before, analyzer.analyses, "a second local build finds its own analyses in the state folder");
    }

    @Test
    void theEmbeddedTextIsTheStatementAloneWithoutItsSemicolon() {
        LockFile lock = generate(
                resolved(),
                LockFile.empty(),
                new ScriptedModel(
                        "gemini-2.5-flash", "SELECT user_id, 1 AS n FROM users;", "SELECT user_id, 2 AS n FROM users"),
                new Diagnostics());
        ResolvedProject same = resolved();
        var embedded = sources(same, "gemini-2.5-flash", new Analyses.Fresh())
                .resolve(same.segments(), lock, LOCK, true, new Diagnostics());
        assertEquals(
                "SELECT user_id, 1 AS n FROM users",
                embedded.get("seg_intent_a").sql());
    }
}

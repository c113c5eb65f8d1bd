package io.segmentsascode.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.ManySwaps;
import io.segmentsascode.generate.RefreshPlanner;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Table;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The refresh layout of the bundled project: one read of each source table per cadence for the
 * structured segments, templates only, deterministic, split within an injected query-length
 * limit. Snapshots under {@code golden/refresh}; refresh them with
 * {@code mvn test -pl compiler -Dtest=RefreshScriptTest -Dgolden.update=true}.
 */
class RefreshScriptTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "refresh");
    private static final Pattern STATEMENT_START = Pattern.compile("(?m)^(CREATE OR REPLACE TABLE|TRUNCATE TABLE"
            + "|INSERT INTO|BEGIN TRANSACTION|COMMIT TRANSACTION|CALL|CREATE OR REPLACE PROCEDURE)\\b");

    private static ResolvedProject project;
    private static List<GeneratedSegment> generated;

    @BeforeAll
    static void compile() throws IOException {
        Stages compiler = new Stages();
        project = compiler.check(Path.of("..", "segments"), Path.of("..", "campaigns"));
        generated = PinnedCompile.generate(
                compiler, project, PinnedCompile.BUNDLED_LOCK, Files.createTempDirectory("refresh"));
    }

    private static List<RenderedScript> render(List<GeneratedSegment> segments, int limit) {
        ScriptRenderer renderer = ScriptRenderer.bigQuery(project.warehouse(), limit);
        return new RefreshPlanner(project.warehouse())
                .plan(segments).stream().map(renderer::render).toList();
    }

    @Test
    void scriptsMatchTheirSnapshots() throws IOException {
        List<RenderedScript> scripts = render(generated, ScriptRenderer.BIGQUERY_QUERY_LENGTH_LIMIT);
        assertEquals(
                List.of("_refresh_daily", "_refresh_weekly"),
                scripts.stream().map(RenderedScript::name).toList());
        if (Boolean.parseBoolean(System.getProperty("golden.update", "false"))) {
            for (RenderedScript script : scripts) {
                Files.writeString(GOLDEN.resolve(script.name() + ".sql"), script.text(), StandardCharsets.UTF_8);
            }
        }
        for (RenderedScript script : scripts) {
            assertEquals(Files.readString(GOLDEN.resolve(script.name() + ".sql")), script.text(), script.name());
        }
    }

    @Test
    void theFeatureTableReadsEachSourceTableOnceAndStructuredSegmentsReadOnlyIt() {
        for (RenderedScript script : render(generated, ScriptRenderer.BIGQUERY_QUERY_LENGTH_LIMIT)) {
            RenderedScript.SentQuery features = script.queries().get(0);
            assertTrue(features.table().startsWith("_segments_features_"), script.name());
            for (Table table : project.warehouse().tables().values()) {
                String physical = "`" + project.warehouse().qualifiedName(table.name()) + "`";
                assertTrue(
                        occurrences(features.sql(), physical) <= 1,
                        physical + " read more than once by " + script.name());
            }
            assertEquals(
                    1, occurrences(features.sql(), "`" + project.warehouse().qualifiedName("events") + "`"));
            // BigQuery evaluates a WITH clause at each reference: each event table's step is read by one step only
            for (Table table : project.warehouse().tables().values()) {
                if (table.timeColumn().isPresent()) {
                    assertTrue(
                            occurrences(features.sql(), "FROM " + table.name() + "\n") <= 1,
                            table.name() + " read by more than one step of " + features.table());
                }
            }
            for (RenderedScript.SentQuery query : script.queries()) {
                boolean structuredStaging = query.table().startsWith("_segments_staging_")
                        && !query.embedsSql()
                        && project.segment(query.table().substring("_segments_staging_".length()))
                                .orElseThrow()
                                .definition()
                                .isStructured();
                if (structuredStaging) {
                    assertFalse(query.sql().contains(project.warehouse().qualifiedName("events")), query.table());
                    Refresh cadence = script.name().endsWith("daily") ? Refresh.DAILY : Refresh.WEEKLY;
                    assertTrue(query.sql().contains(RefreshScript.featureTable(cadence)), query.table());
                }
            }
        }
    }

    @Test
    void everyStatementComesFromATemplateAndTheSwapIsOneTransactionAtTheEnd() {
        for (RenderedScript script : render(generated, ScriptRenderer.BIGQUERY_QUERY_LENGTH_LIMIT)) {
            List<String> kinds = new ArrayList<>();
            for (String statement : script.statements()) {
                Matcher start = STATEMENT_START.matcher(statement);
                assertTrue(
                        start.lookingAt(),
                        "not a template: " + statement.lines().findFirst().orElse(""));
                kinds.add(start.group(1));
            }
            int begin = kinds.indexOf("BEGIN TRANSACTION");
            assertEquals(kinds.size() - 1, kinds.indexOf("COMMIT TRANSACTION"));
            assertTrue(kinds.subList(0, begin).stream().allMatch("CREATE OR REPLACE TABLE"::equals), script.name());
            assertTrue(
                    kinds.subList(begin + 1, kinds.size() - 1).stream().noneMatch(k -> k.startsWith("CREATE")),
                    "no DDL inside the transaction of " + script.name());
            long segments = generated.stream()
                    .filter(g -> script.name().endsWith(g.segment().refresh().label()))
                    .count();
            assertEquals(segments, Collections.frequency(kinds, "TRUNCATE TABLE"));
            assertEquals(segments, Collections.frequency(kinds, "INSERT INTO"));
            assertTrue(script.text().startsWith("-- _refresh_"));
            assertTrue(script.text().contains("spec sha256 " + script.specHash()));
        }
    }

    @Test
    void theSameDefinitionsGiveTheSameScriptsInAnyOrder() {
        List<GeneratedSegment> reversed = new ArrayList<>(generated);
        Collections.reverse(reversed);
        int limit = ScriptRenderer.BIGQUERY_QUERY_LENGTH_LIMIT;
        List<String> once =
                render(generated, limit).stream().map(RenderedScript::text).toList();
        List<String> again =
                render(reversed, limit).stream().map(RenderedScript::text).toList();
        assertEquals(once, again);
    }

    @Test
    void aScriptOverTheLimitMovesItsBuildsIntoProceduresThatEachFit() {
        RenderedScript whole =
                render(generated, ScriptRenderer.BIGQUERY_QUERY_LENGTH_LIMIT).get(0);
        List<String> builds =
                whole.statements().stream().filter(s -> s.startsWith("CREATE")).toList();
        List<String> compilerBuilds = whole.queries().stream()
                .filter(q -> q.table().startsWith("_segments_") && !q.embedsSql())
                .map(q -> builds.stream()
                        .filter(b -> b.contains(q.table() + "` AS"))
                        .findFirst()
                        .orElseThrow())
                .toList();
        List<String> staying = whole.statements().stream()
                .filter(s -> !compilerBuilds.contains(s))
                .toList();
        int longestBuild =
                compilerBuilds.stream().mapToInt(String::length).max().orElseThrow();
        int stayingLength = staying.stream().mapToInt(s -> s.length() + 3).sum();
        int limit = Math.max(longestBuild, stayingLength) + 2_000;
        assertTrue(whole.text().length() > limit, "the injected limit splits the script");
        RenderedScript split = render(generated, limit).get(0);
        assertTrue(
                split.procedures().size() > 1,
                "more than one procedure: " + split.procedures().size());
        assertTrue(split.text().length() <= limit, "script within the limit");
        split.procedures().forEach(p -> assertTrue(p.length() <= limit, "procedure within the limit"));
        List<String> calls =
                split.statements().stream().filter(s -> s.startsWith("CALL ")).toList();
        assertEquals(split.procedures().size(), calls.size());
        for (int part = 1; part <= calls.size(); part++) {
            assertTrue(calls.get(part - 1).contains("_part_" + part + "`(@run_time)"), calls.get(part - 1));
            assertTrue(split.procedures().get(part - 1).contains("_part_" + part + "`(segments_run_time TIMESTAMP)"));
        }
        // the procedures hold every build of the compiler, in order, reading the reference time from their argument
        List<String> embedding =
                builds.stream().filter(b -> !compilerBuilds.contains(b)).toList();
        assertFalse(embedding.isEmpty(), "the bundled daily cadence has intent or sql segments");
        String bodies = String.join("\n", split.procedures());
        int at = 0;
        for (String build : compilerBuilds) {
            int found = bodies.indexOf(build.replace("@run_time", "segments_run_time"), at);
            assertTrue(
                    found >= at, "build in order: " + build.lines().findFirst().orElseThrow());
            at = found;
        }
        assertFalse(bodies.contains("@run_time"));
        // SQL a segment brought reads @run_time as written: it stays in the script, before the same swap
        List<String> rest = new ArrayList<>(embedding);
        rest.addAll(whole.statements().subList(builds.size(), whole.statements().size()));
        assertEquals(
                rest,
                split.statements().subList(calls.size(), split.statements().size()));
        assertNotEquals(whole.specHash(), split.specHash());
    }

    @Test
    void aBuildLongerThanTheLimitIsAnErrorNamingIt() {
        ScriptTooLongException e = assertThrows(ScriptTooLongException.class, () -> render(generated, 2_000));
        assertTrue(e.getMessage().contains("_segments_"), e.getMessage());
    }

    /**
     * A cadence of thousands of segments has a swap longer than one query may be (some 250
     * characters a segment): its transactions move into procedures, whole, in order.
     */
    @Test
    void aSwapOverTheLimitMovesIntoProceduresWholeTransactionsAtATime() {
        RefreshScript script = ManySwaps.daily(
                250,
                List.of(new OutputColumn("user_id", ColumnType.STRING), new OutputColumn("score", ColumnType.INT64)));
        RenderedScript whole =
                ScriptRenderer.bigQuery(project.warehouse(), Integer.MAX_VALUE).render(script);
        int transaction = whole.statements().subList(0, whole.statements().indexOf("COMMIT TRANSACTION") + 1).stream()
                .mapToInt(s -> s.length() + 3)
                .sum();
        int limit = transaction + 1_000; // one transaction of 100 tables per procedure, not two

        RenderedScript split =
                ScriptRenderer.bigQuery(project.warehouse(), limit).render(script);

        assertEquals(3, split.procedures().size(), "250 tables: transactions of 100, 100 and 50");
        assertTrue(split.text().length() <= limit, "script within the limit");
        List<String> calls = new ArrayList<>();
        for (int part = 1; part <= 3; part++) {
            String procedure = split.procedures().get(part - 1);
            assertTrue(procedure.length() <= limit, "procedure within the limit");
            assertEquals(1, occurrences(procedure, "BEGIN TRANSACTION;"), procedure);
            assertEquals(1, occurrences(procedure, "COMMIT TRANSACTION;"), procedure);
            calls.add("CALL `" + project.warehouse().project() + "."
                    + project.warehouse().dataset() + "._segments_refresh_daily_part_" + part + "`(@run_time)");
        }
        assertEquals(calls, split.statements(), "the script only calls them, in order");
        // the procedures hold the swap exactly as the whole script had it
        String bodies = split.procedures().stream()
                .map(p -> p.substring(p.indexOf("\nBEGIN\n") + 7, p.lastIndexOf("END")))
                .collect(Collectors.joining("\n"));
        assertEquals(whole.statements().stream().map(s -> s + ";\n").collect(Collectors.joining("\n")), bodies);
    }

    /** The split counts lengths without rendering each candidate: the count must be exact to the character. */
    @Test
    void aProcedureMayBeExactlyAsLongAsTheLimitAndNotOneCharacterLonger() {
        RefreshScript script = ManySwaps.daily(100, List.of(new OutputColumn("user_id", ColumnType.STRING)));
        RenderedScript whole =
                ScriptRenderer.bigQuery(project.warehouse(), Integer.MAX_VALUE).render(script);
        int procedure = ScriptRenderer.bigQuery(
                        project.warehouse(), whole.text().length() - 1)
                .render(script)
                .procedures()
                .get(0)
                .length();

        RenderedScript exact =
                ScriptRenderer.bigQuery(project.warehouse(), procedure).render(script);

        assertEquals(
                List.of(),
                ScriptRenderer.bigQuery(project.warehouse(), whole.text().length())
                        .render(script)
                        .procedures(),
                "a script exactly as long as the limit is not split");

        assertEquals(
                List.of(procedure),
                exact.procedures().stream().map(String::length).toList());
        assertThrows(
                ScriptTooLongException.class,
                () -> ScriptRenderer.bigQuery(project.warehouse(), procedure - 1)
                        .render(script));
    }

    @Test
    void aSwapTransactionLongerThanTheLimitIsAnErrorSayingSo() {
        RefreshScript script = ManySwaps.daily(100, List.of(new OutputColumn("user_id", ColumnType.STRING)));

        ScriptTooLongException e = assertThrows(
                ScriptTooLongException.class,
                () -> ScriptRenderer.bigQuery(project.warehouse(), 5_000).render(script));

        assertTrue(e.getMessage().contains("a swap transaction of 100 tables"), e.getMessage());
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /**
     * A structured segment built from an intent segment ({@code in_segment}) reads the intent's
     * staging table, which the split leaves in the script: so its build stays there too, after it,
     * instead of moving into a procedure called before the intent's table exists.
     */
    @Test
    void aSplitKeepsABuildThatReadsAnIntentSegmentAfterIt(@TempDir Path dir) throws IOException {
        Path segments = Files.createDirectories(dir.resolve("segments"));
        try (Stream<Path> files = Files.list(Path.of("..", "segments"))) {
            for (Path file : files.toList()) {
                Files.copy(file, segments.resolve(file.getFileName()));
            }
        }
        Files.writeString(segments.resolve("seg_engagement_fans_visits.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_engagement_fans_visits
                description: premium-email fans who visited
                owner: qa@example.com
                stage: experimental
                refresh: daily
                rules:
                  window_days: 30
                  metrics:
                    visits: {table: events, aggregate: count}
                  include: visits >= 1 and in_segment('seg_intent_premium_email_fans')
                """);
        Stages compiler = new Stages();
        ResolvedProject withReference = compiler.check(segments, Path.of("..", "campaigns"));
        List<GeneratedSegment> segmentsWithReference =
                PinnedCompile.generate(compiler, withReference, PinnedCompile.BUNDLED_LOCK, dir.resolve("cache"));
        RefreshScript daily = new RefreshPlanner(withReference.warehouse())
                .plan(segmentsWithReference)
                .get(0);
        RenderedScript whole = ScriptRenderer.bigQuery(
                        withReference.warehouse(), ScriptRenderer.BIGQUERY_QUERY_LENGTH_LIMIT)
                .render(daily);

        RenderedScript split = ScriptRenderer.bigQuery(
                        withReference.warehouse(), whole.text().length() - 2_000)
                .render(daily);

        assertFalse(split.procedures().isEmpty(), "the script was split");
        int intent = indexOfBuild(split.statements(), "_segments_staging_seg_intent_premium_email_fans");
        int reading = indexOfBuild(split.statements(), "_segments_staging_seg_engagement_fans_visits");
        assertTrue(
                intent >= 0 && reading > intent, "built in the script, after the intent: " + intent + ", " + reading);
        split.procedures().forEach(p -> assertFalse(p.contains("_segments_staging_seg_engagement_fans_visits` AS")));
    }

    private static int indexOfBuild(List<String> statements, String table) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).startsWith("CREATE OR REPLACE TABLE")
                    && statements.get(i).contains(table + "` AS")) {
                return i;
            }
        }
        return -1;
    }
}

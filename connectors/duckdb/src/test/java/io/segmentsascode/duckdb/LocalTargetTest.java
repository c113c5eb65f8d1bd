package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.apply.Applier;
import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.TablesAndAudiences;
import io.segmentsascode.apply.Target;
import io.segmentsascode.apply.files.AudienceFiles;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.DesiredState;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.diff.StateDiff;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.spi.TargetSql;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded warehouse target with the audience files fed by it, end to end, composed as the
 * pipeline composes them: apply the bundled project to a small sample, then change things.
 */
class LocalTargetTest {

    @TempDir
    Path state;

    private ResolvedProject project;
    private List<RenderedSegment> bigquery;
    private List<RenderedSegment> duckdb;

    @BeforeEach
    void compile() {
        Stages compiler = new Stages();
        project = compiler.check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        var generated =
                PinnedCompile.generate(compiler, project, Path.of("..", "..", "segments.lock"), state.resolve("cache"));
        bigquery = compiler.render(project, generated, new BigQueryDialect());
        duckdb = compiler.render(project, generated, new DuckDbDialect(new ResolvedTreeDuckDbTranslator()));
    }

    private DuckDbPreviewEngine engine() {
        return DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Generated(new SampleSpec(3_000, 42)), state);
    }

    /** The local tables and the audience files composed as the pipeline composes them, markers of both in the local database. */
    private static final class LocalTargets implements Target {
        final LocalTarget tables;
        final AudienceFiles files;
        private final TablesAndAudiences composed;

        LocalTargets(LocalTarget tables, AudienceFiles files) {
            this.tables = tables;
            this.files = files;
            this.composed = new TablesAndAudiences(tables, files);
        }

        Path audienceFile(String campaign) {
            return files.file(campaign);
        }

        @Override
        public String name() {
            return composed.name();
        }

        @Override
        public List<ActualResource> readState() {
            return composed.readState();
        }

        @Override
        public void apply(Change change) {
            composed.apply(change);
        }

        @Override
        public void close() {
            composed.close();
        }
    }

    private LocalTargets target(DuckDbPreviewEngine engine, ResolvedProject p, List<RenderedSegment> sql) {
        return target(engine, p, sql, UnaryOperator.identity());
    }

    /** {@code markers}: wraps the audience marker store, so a test can stop an apply right after a marker is recorded. */
    private LocalTargets target(
            DuckDbPreviewEngine engine,
            ResolvedProject p,
            List<RenderedSegment> sql,
            UnaryOperator<MarkerStore> markers) {
        LocalTarget tables = new LocalWarehouse(engine, state)
                .target(new TargetSql(List.of(), sql, List.of(), List.of()), SampleWarehouse.END_TIME);
        return new LocalTargets(
                tables,
                new AudienceFiles(
                        state.resolve(AudienceFiles.FOLDER),
                        p,
                        tables.members(),
                        markers.apply(tables.audienceMarkers()),
                        IdentifierHasher.forRegion("DE")));
    }

    private List<Change> plan(Target target, ResolvedProject p, List<RenderedSegment> sql, boolean prune) {
        return StateDiff.plan(DesiredState.of(p, sql), target.readState(), prune);
    }

    private void apply(Target target, List<Change> changes) {
        new Applier(state, Clock.systemUTC(), Duration.ofMinutes(5), line -> {}, line -> {})
                .apply("test", changes, target);
    }

    private static long pending(List<Change> changes) {
        return changes.stream().filter(c -> c.action().changesTarget()).count();
    }

    @Test
    void applyMaterialisesTablesAndExportsAndASecondApplyChangesNothing() throws Exception {
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets target = target(engine, project, duckdb)) {
            List<Change> first = plan(target, project, bigquery, false);
            assertEquals(project.segments().size() + project.campaigns().size(), pending(first));
            apply(target, first);

            long champions = engine.run(
                            duckdb.stream()
                                    .filter(s -> s.segmentId().equals("seg_rfm_champions"))
                                    .findFirst()
                                    .orElseThrow(),
                            SampleWarehouse.END_TIME)
                    .members();
            try (Statement statement = engine.connection().createStatement();
                    var rows = statement.executeQuery("SELECT count(*) FROM target.main.seg_rfm_champions")) {
                rows.next();
                assertEquals(champions, rows.getLong(1), "the table holds exactly the previewed members");
            }
            List<String> lines = Files.readAllLines(target.audienceFile("cmp_search_champions"));
            assertEquals("Email,Phone", lines.get(0));
            assertTrue(lines.size() > 10, "members exported");
            assertTrue(
                    lines.subList(1, lines.size()).stream().allMatch(l -> l.matches("([0-9a-f]{64})?,([0-9a-f]{64})?")),
                    "only SHA-256 hashes leave the process");

            List<Change> second = plan(target, project, bigquery, false);
            assertEquals(0, pending(second), second.toString());
        }
    }

    @Test
    void removedSegmentsAreKeptUnlessPruneAndUnmanagedTablesAreNeverTouched() throws Exception {
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets target = target(engine, project, duckdb)) {
            apply(target, plan(target, project, bigquery, false));
            try (Statement statement = engine.connection().createStatement()) {
                statement.execute("CREATE TABLE target.main.seg_made_by_hand AS SELECT 1 AS user_id");
            }
            ResolvedProject smaller = new ResolvedProject(
                    project.warehouse(),
                    project.segments().stream()
                            .filter(s -> !s.id().equals("seg_lifecycle_lapsed_email_openers"))
                            .toList(),
                    project.campaigns());
            List<RenderedSegment> smallerSql = bigquery.stream()
                    .filter(s -> !s.segmentId().equals("seg_lifecycle_lapsed_email_openers"))
                    .toList();

            Map<String, Action> keep = byName(plan(target, smaller, smallerSql, false));
            assertEquals(Action.KEEP, keep.get("seg_lifecycle_lapsed_email_openers"));
            assertEquals(Action.UNMANAGED, keep.get("seg_made_by_hand"));

            List<Change> pruning = plan(target, smaller, smallerSql, true);
            assertEquals(Action.DELETE, byName(pruning).get("seg_lifecycle_lapsed_email_openers"));
            apply(target, pruning);
            assertFalse(tables(engine).contains("seg_lifecycle_lapsed_email_openers"));
            assertTrue(tables(engine).contains("seg_made_by_hand"), "an unmanaged table survives prune");
        }
    }

    @Test
    void changesMadeOutsideAreDetectedAsDriftAndRepaired() throws Exception {
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets target = target(engine, project, duckdb)) {
            apply(target, plan(target, project, bigquery, false));
            try (Statement statement = engine.connection().createStatement()) {
                statement.execute("DELETE FROM target.main.seg_rfm_loyal WHERE user_id IN "
                        + "(SELECT user_id FROM target.main.seg_rfm_loyal LIMIT 3)");
            }
            Files.writeString(target.audienceFile("cmp_winback_at_risk"), "Email,Phone\n");
            Map<String, ActualResource> actual = target.readState().stream()
                    .collect(Collectors.toMap(a -> a.id().name(), a -> a, (a, b) -> a, TreeMap::new));
            assertEquals(
                    "table rows were modified",
                    actual.get("seg_rfm_loyal").drift().orElseThrow());
            assertEquals(
                    "file content changed (edited, or an apply stopped before writing it)",
                    actual.get("cmp_winback_at_risk").drift().orElseThrow());

            List<Change> repair = plan(target, project, bigquery, false);
            assertEquals(Action.REPAIR, byName(repair).get("seg_rfm_loyal"));
            apply(target, repair);
            assertEquals(0, pending(plan(target, project, bigquery, false)));
        }
    }

    @Test
    void aCrashPartWayIsFinishedByTheNextApplyWithoutDuplicates() throws Exception {
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets real = target(engine, project, duckdb)) {
            Target crashing = new Target() {
                int calls;

                @Override
                public String name() {
                    return real.name();
                }

                @Override
                public List<ActualResource> readState() {
                    return real.readState();
                }

                @Override
                public void apply(Change change) {
                    if (++calls == 5) {
                        throw new IllegalStateException("injected crash");
                    }
                    real.apply(change);
                }

                @Override
                public void close() {}
            };
            assertThrows(IllegalStateException.class, () -> apply(crashing, plan(crashing, project, bigquery, false)));
            long remaining = pending(plan(real, project, bigquery, false));
            assertEquals(project.segments().size() + project.campaigns().size() - 4, remaining);

            apply(real, plan(real, project, bigquery, false));
            assertEquals(0, pending(plan(real, project, bigquery, false)));
            try (Statement statement = engine.connection().createStatement();
                    var rows = statement.executeQuery(
                            "SELECT count(*), count(DISTINCT kind || name) FROM " + LocalTarget.STATE_TABLE)) {
                rows.next();
                assertEquals(rows.getLong(2), rows.getLong(1), "one marker per resource");
                assertEquals(project.segments().size() + project.campaigns().size(), rows.getLong(1));
            }
            assertEquals(
                    project.campaigns().size(),
                    real.readState().stream()
                            .filter(a -> a.id().kind() == ResourceKind.AUDIENCE)
                            .count());
        }
    }

    @Test
    void anApplyStoppedBetweenAnAudienceMarkerAndItsFileIsRepairedByTheNextPlan() throws Exception {
        AtomicBoolean stopBeforeTheFile = new AtomicBoolean(true);
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets target = target(engine, project, duckdb, markers -> new MarkerStore() {
                    @Override
                    public Map<ResourceId, Marker> read(ResourceKind kind) {
                        return markers.read(kind);
                    }

                    @Override
                    public void record(ResourceId id, Marker marker) {
                        markers.record(id, marker);
                        if (stopBeforeTheFile.get() && id.name().equals("cmp_search_champions")) {
                            throw new IllegalStateException("the process died here");
                        }
                    }

                    @Override
                    public void forget(ResourceId id) {
                        markers.forget(id);
                    }
                })) {
            assertThrows(IllegalStateException.class, () -> apply(target, plan(target, project, bigquery, false)));
            assertFalse(
                    Files.exists(target.audienceFile("cmp_search_champions")), "stopped before the file was written");

            List<Change> next = plan(target, project, bigquery, false);
            Change repair = byId(next).get("cmp_search_champions");
            assertEquals(Action.REPAIR, repair.action(), byName(next).toString());
            assertTrue(repair.reason().contains("file is missing"), repair.reason());

            stopBeforeTheFile.set(false);
            apply(target, next);
            assertTrue(Files.readString(target.audienceFile("cmp_search_champions"))
                    .startsWith("Email,Phone\n"));
            assertEquals(0, pending(plan(target, project, bigquery, false)));
        }
    }

    @Test
    void anAudienceFileWithoutItsMarkerIsWrittenAgainNotLeftAsNothingToDo() throws Exception {
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets target = target(engine, project, duckdb)) {
            apply(target, plan(target, project, bigquery, false));
            String applied = Files.readString(target.audienceFile("cmp_winback_at_risk"));
            // what an apply that wrote the file first leaves when it stops before recording the marker
            Files.writeString(target.audienceFile("cmp_winback_at_risk"), "Email,Phone\n");
            try (Statement statement = engine.connection().createStatement()) {
                statement.execute("DELETE FROM " + LocalTarget.STATE_TABLE + " WHERE name = 'cmp_winback_at_risk'");
            }

            List<Change> next = plan(target, project, bigquery, false);
            Change create = byId(next).get("cmp_winback_at_risk");
            assertEquals(Action.CREATE, create.action(), byName(next).toString());
            assertEquals(
                    "file exists without its marker (an apply stopped between writing it and recording it); "
                            + "written again",
                    create.reason());
            assertEquals(1, pending(next));

            apply(target, next);
            assertEquals(applied, Files.readString(target.audienceFile("cmp_winback_at_risk")));
            assertEquals(0, pending(plan(target, project, bigquery, false)));
        }
    }

    @Test
    void anAudienceFileWithoutAMarkerWhoseMappingIsGoneIsNeverDeleted() throws Exception {
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets target = target(engine, project, duckdb)) {
            apply(target, plan(target, project, bigquery, false));
            Files.writeString(target.audienceFile("cmp_left_behind"), "Email,Phone\n");

            List<Change> pruning = plan(target, project, bigquery, true);
            assertEquals(Action.UNMANAGED, byName(pruning).get("cmp_left_behind"));
            apply(target, pruning);
            assertTrue(Files.exists(target.audienceFile("cmp_left_behind")));
        }
    }

    @Test
    void theLocalWarehouseHoldsTablesOnlyAndReportsNoAudiences() throws Exception {
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets target = target(engine, project, duckdb)) {
            apply(target, plan(target, project, bigquery, false));

            assertTrue(target.tables.readState().stream().allMatch(a -> a.id().kind() == ResourceKind.SEGMENT_TABLE));
            Change audience = byId(plan(target, project, bigquery, true)).get("cmp_search_champions");
            IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> target.tables.apply(audience));
            assertEquals(
                    "the local warehouse holds segment tables only, not audience cmp_search_champions",
                    refused.getMessage());
        }
    }

    @Test
    void audienceMarkersStayRowsOfTheStateTableSoAStateFolderFromBeforeTheSplitNeedsNoApply() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets target = target(engine, project, duckdb)) {
            apply(target, plan(target, project, bigquery, false));
            for (var campaign : project.campaigns()) {
                files.put(campaign.id(), Files.readString(target.audienceFile(campaign.id())));
            }
            // rewrite the audience rows exactly as the version that held tables and files in one class wrote them
            try (Statement statement = engine.connection().createStatement()) {
                var rows = statement.executeQuery("SELECT name, spec_hash FROM " + LocalTarget.STATE_TABLE
                        + " WHERE kind = 'AUDIENCE' ORDER BY name");
                Map<String, String> specs = new TreeMap<>();
                while (rows.next()) {
                    specs.put(rows.getString(1), rows.getString(2));
                }
                assertEquals(files.keySet(), specs.keySet(), "one AUDIENCE row per campaign mapping");
                statement.execute("DELETE FROM " + LocalTarget.STATE_TABLE + " WHERE kind = 'AUDIENCE'");
                for (var spec : specs.entrySet()) {
                    statement.execute("INSERT OR REPLACE INTO " + LocalTarget.STATE_TABLE + " VALUES ('AUDIENCE', '"
                            + spec.getKey() + "', '" + spec.getValue() + "', '" + Sha256.hex(files.get(spec.getKey()))
                            + "')");
                }
            }
        }
        try (DuckDbPreviewEngine engine = engine();
                LocalTargets reopened = target(engine, project, duckdb)) {
            List<Change> next = plan(reopened, project, bigquery, false);
            assertEquals(0, pending(next), next.toString());
            assertEquals(
                    project.segments().size() + project.campaigns().size(),
                    reopened.readState().size());
        }
    }

    private static Map<String, Change> byId(List<Change> changes) {
        return changes.stream().collect(Collectors.toMap(c -> c.id().name(), c -> c, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, Action> byName(List<Change> changes) {
        return changes.stream()
                .collect(Collectors.toMap(c -> c.id().name(), Change::action, (a, b) -> a, TreeMap::new));
    }

    private static List<String> tables(DuckDbPreviewEngine engine) throws Exception {
        return DuckDbSql.queryStrings(
                engine.connection(),
                "SELECT table_name FROM duckdb_tables() WHERE database_name = 'target' ORDER BY 1");
    }
}

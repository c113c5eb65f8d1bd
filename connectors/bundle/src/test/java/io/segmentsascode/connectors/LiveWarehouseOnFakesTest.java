package io.segmentsascode.connectors;

import static io.segmentsascode.connectors.ProjectCopies.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.cloud.bigquery.datatransfer.v1.TransferState;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.fakes.BigQueryState;
import io.segmentsascode.fakes.FakeBigQuery;
import io.segmentsascode.fakes.GoogleFakes;
import io.segmentsascode.fakes.QueryEngine;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.Segment;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.live.LiveChecks;
import io.segmentsascode.plan.live.RefreshHealth;
import io.segmentsascode.plan.report.PlanJson;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the plan reads from BigQuery itself on the {@code bigquery} target, against the fakes and
 * through the same SegmentsJob the Maven goals run: refresh health (Data Transfer runs, tables'
 * modification times), warehouse.yaml against the live INFORMATION_SCHEMA, sizes and overlaps
 * measured on the segment tables, and drift of the tables.
 */
class LiveWarehouseOnFakesTest {

    private static final Path REPO = Path.of("..", "..");
    private static final String SOURCE = "acme-marketing.analytics";
    private static final Pattern SIZE = Pattern.compile("SELECT '(seg_\\w+)' AS segment_id");
    private static final Pattern PAIR = Pattern.compile("SELECT '(seg_\\w+)' AS segment_a, '(seg_\\w+)' AS segment_b");

    @TempDir
    Path project;

    private GoogleFakes fakes;

    @BeforeEach
    void start() throws IOException {
        fakes = GoogleFakes.start(0, 0);
        fakes.bigQuery().state().addDataset("fake-project.analytics", "EU");
        fakes.bigQuery().state().addDataset(SOURCE, "EU");
        seedBundledSourceTables(fakes.bigQuery());
        copy(REPO.resolve("segments"), project.resolve("segments"));
        Files.createDirectories(project.resolve("campaigns"));
        Files.copy(REPO.resolve("segments.lock"), project.resolve("segments.lock"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        fakes.close();
    }

    /** The bundled warehouse.yaml's tables, as the seed file for the fakes run by hand declares them. */
    static void seedBundledSourceTables(FakeBigQuery bigQuery) throws IOException {
        bigQuery.seed(JsonParser.parseString(Files.readString(REPO.resolve("google-fakes/seed-bundled-warehouse.json")))
                .getAsJsonObject());
    }

    @Test
    void aFailedLastRunAndTablesOlderThanTheirCadenceAreWarningsWithAgesAtTheRunTime() throws IOException {
        // apply runs each refresh now; the next scheduled daily run fails an hour later; the plan is made 3 days on
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        fakes.bigQuery().state().setClock(now.toEpochMilli());
        fakes.dataTransfer().setClock(now.getEpochSecond());
        job(Map.of()).apply();
        Instant failedAt = now.plus(Duration.ofHours(1));
        Instant plannedAt = now.plus(Duration.ofDays(3));
        String daily = config(Refresh.DAILY).getName();
        fakes.dataTransfer()
                .putRun(daily, TransferState.FAILED, failedAt.getEpochSecond(), "Query error: events was not found");

        Plan plan = job(Map.of(Parameters.AS_OF, plannedAt.toString())).plan();

        RefreshHealth dailyHealth = health(plan, "daily");
        assertEquals("FAILED", dailyHealth.lastRunState());
        assertEquals(failedAt.toString(), dailyHealth.lastRunTime());
        assertEquals(Duration.between(failedAt, plannedAt).toMinutes(), dailyHealth.lastRunAgeMinutes());
        assertEquals("Query error: events was not found", dailyHealth.lastRunError());
        RefreshHealth weekly = health(plan, "weekly");
        assertEquals("SUCCEEDED", weekly.lastRunState());
        assertNull(weekly.lastRunError());
        Instant weeklyRun = Instant.parse(weekly.lastRunTime());
        assertEquals(Duration.between(weeklyRun, plannedAt).toMinutes(), weekly.lastRunAgeMinutes());

        // the tables were written three days before the plan: stale for daily, fresh for weekly
        for (RefreshHealth.TableAge table : dailyHealth.tables()) {
            Instant modified = Instant.parse(table.lastModified());
            assertEquals(Duration.between(modified, plannedAt).toMinutes(), table.ageMinutes());
            assertTrue(table.stale(), table.toString());
        }
        weekly.tables().forEach(table -> assertFalse(table.stale(), table.toString()));
        assertEquals(segments(Refresh.DAILY), names(dailyHealth.tables()));
        assertEquals(segments(Refresh.WEEKLY), names(weekly.tables()));

        Finding failed = only(plan, "refresh-failed");
        assertEquals("daily", failed.subject());
        assertTrue(failed.message().contains("Query error: events was not found"), failed.message());
        assertEquals(
                segments(Refresh.DAILY),
                plan.findings().stream()
                        .filter(f -> f.code().equals("stale-table"))
                        .map(Finding::subject)
                        .collect(Collectors.toCollection(TreeSet::new)));
        plan.findings().stream()
                .filter(f -> f.code().equals("stale-table"))
                .forEach(f -> assertTrue(f.location().startsWith("segments/" + f.subject() + ".yaml:"), f.location()));
        assertFalse(plan.hasErrors(), plan.findings().toString());

        // every form of the plan shows it
        String md = output("plan.md");
        assertTrue(md.contains("### Refresh health (" + SOURCE + ", ages at `@run_time` " + plannedAt), md);
        assertTrue(md.contains("| daily | " + failedAt + " | 2d 23h | FAILED: Query error: events was not found"), md);
        assertTrue(md.contains("⚠ stale"), md);
        assertTrue(output("plan-comment.md").contains("### Refresh health"), output("plan-comment.md"));
        assertTrue(output("report.html").contains("<section id=\"refresh-health\">"), output("report.html"));
        String json = output("plan.json");
        assertTrue(json.contains("\"lastRunState\" : \"FAILED\""), json);
        assertEquals(plan, PlanJson.parse(json));

        // ages come from the run time, not the clock: the same inputs give the same plan
        job(Map.of(Parameters.AS_OF, plannedAt.toString())).plan();
        assertEquals(json, output("plan.json"));
    }

    @Test
    void aRetypedMissingOrAbsentSourceDeclarationIsAnErrorAtItsWarehouseYamlLine() throws IOException {
        BigQueryState state = fakes.bigQuery().state();
        // revenue now FLOAT (the tables API's name for FLOAT64), users lost device_type, campaigns is gone
        state.putTable(SOURCE + ".events", columnsOf("events", c -> c.equals("revenue:NUMERIC") ? "revenue:FLOAT" : c));
        state.putTable(SOURCE + ".users", columnsOf("users", c -> c.startsWith("device_type:") ? null : c));
        state.dropTable(SOURCE + ".campaigns");

        assertThrows(PlanException.class, () -> job(Map.of()).plan());

        Plan plan = PlanJson.parse(output("plan.json"));
        Finding retyped = only(plan, "schema-retyped-column");
        assertEquals("events.revenue", retyped.subject());
        assertEquals(declaration("events", "revenue", "NUMERIC"), retyped.location());
        assertTrue(retyped.message().contains("holds it as FLOAT64"), retyped.message());
        assertTrue(retyped.message().contains("`type: FLOAT64`"), retyped.message());
        Finding missing = only(plan, "schema-missing-column");
        assertEquals("users.device_type", missing.subject());
        assertEquals(declaration("users", "device_type", "STRING"), missing.location());
        Finding absent = only(plan, "schema-missing-table");
        assertEquals("campaigns", absent.subject());
        assertEquals(tableDeclaration("campaigns"), absent.location());
        assertTrue(plan.findings().stream()
                .filter(Finding::isError)
                .allMatch(f -> f.code().startsWith("schema-")));
        // the query that read the columns was a capped job of ours
        FakeBigQuery.JobRecord read = fakes.bigQuery().jobs().stream()
                .filter(j -> j.sql().contains("INFORMATION_SCHEMA.COLUMNS"))
                .findFirst()
                .orElseThrow();
        assertNotNull(read.maximumBytesBilled());
    }

    @Test
    void sizesAndOverlapsComeFromTheSegmentTablesOnceTheyExistAndFromTheSampleBeforeThat() throws IOException {
        Plan before = job(Map.of()).plan();
        assertTrue(before.live().figureSources().values().stream().allMatch(LiveChecks.FROM_SAMPLE::equals));
        before.live()
                .refreshes()
                .forEach(r -> assertEquals(RefreshHealth.NOT_SCHEDULED, r.lastRunState(), r.toString()));
        Map<String, Long> sample = members(before);

        job(Map.of()).apply();
        String gone = "seg_rfm_loyal";
        fakes.bigQuery().state().dropTable("acme-marketing.analytics." + gone);
        fakes.bigQuery().setQueryEngine(new TableFigures(fakes.bigQuery().queryEngine()));
        fakes.log().clear();

        Plan plan = job(Map.of()).plan();

        assertEquals(List.of(), fakes.log().mutatingCalls(), "reading the warehouse changes nothing");

        for (SegmentImpact segment : plan.segments()) {
            if (segment.id().equals(gone)) {
                assertEquals(LiveChecks.FROM_SAMPLE, plan.live().figureSources().get(gone));
                assertEquals(sample.get(gone), segment.members(), "no table yet: the sample's figure");
            } else {
                assertEquals(LiveChecks.FROM_TABLE, plan.live().figureSources().get(segment.id()), segment.id());
                assertEquals(TableFigures.members(segment.id()), segment.members(), segment.id());
            }
        }
        long measuredPairs = 0;
        for (Overlap overlap : plan.overlaps()) {
            if (overlap.a().equals(gone) || overlap.b().equals(gone)) {
                continue;
            }
            measuredPairs++;
            assertEquals(TableFigures.SHARED, overlap.intersection(), overlap.toString());
            assertEquals(
                    TableFigures.members(overlap.a()) + TableFigures.members(overlap.b()) - TableFigures.SHARED,
                    overlap.union(),
                    overlap.toString());
        }
        assertTrue(measuredPairs > 0, plan.overlaps().toString());
        assertTrue(
                plan.dataLabel().startsWith("BigQuery segment tables in " + SOURCE + ", refreshed "), plan.dataLabel());
        assertTrue(plan.dataLabel().contains("1 segment without a table yet: "), plan.dataLabel());
        String json = output("plan.json");
        assertTrue(json.contains("\"" + gone + "\" : \"sample\""), json);
        assertTrue(output("plan.md").contains("`" + gone + "` (sample: no table yet)"), output("plan.md"));
        // both queries were sent as capped jobs of ours, one for all sizes, one for all pairs
        List<FakeBigQuery.JobRecord> figures = fakes.bigQuery().jobs().stream()
                .filter(j -> j.sql().contains("AS segment_id") || j.sql().contains("AS segment_a"))
                .toList();
        assertEquals(2, figures.size(), figures.toString());
        figures.forEach(j -> assertNotNull(j.maximumBytesBilled(), j.toString()));
        figures.forEach(j -> assertEquals("figures", j.labels().get("segments-purpose"), j.toString()));
    }

    @Test
    void tablesAndQueriesDeletedOrRelabelledOutsideAreRepairedAndTablesWithoutOurMarkerAreLeftAlone() {
        job(Map.of()).apply();
        BigQueryState state = fakes.bigQuery().state();
        String deleted = "seg_rfm_loyal";
        String relabelled = "seg_rfm_champions";
        state.dropTable(SOURCE + "." + deleted);
        Map<String, String> labels = new HashMap<>(state.labels(SOURCE + "." + relabelled));
        labels.put("segments-spec-1", "0".repeat(32));
        state.setLabels(SOURCE + "." + relabelled, labels);
        state.putTable(SOURCE + ".seg_made_by_hand", "user_id:STRING");
        fakes.dataTransfer().driftDelete(config(Refresh.WEEKLY).getName());

        Plan plan = job(Map.of()).plan();

        PlannedChange repairDeleted = change(plan, ResourceKind.SEGMENT_TABLE, deleted);
        assertEquals(Action.REPAIR, repairDeleted.action());
        assertTrue(repairDeleted.reason().contains("deleted outside segments"), repairDeleted.reason());
        PlannedChange repairLabels = change(plan, ResourceKind.SEGMENT_TABLE, relabelled);
        assertEquals(Action.REPAIR, repairLabels.action());
        assertTrue(repairLabels.reason().contains("labels were edited outside segments"), repairLabels.reason());
        assertEquals(
                Action.UNMANAGED,
                change(plan, ResourceKind.SEGMENT_TABLE, "seg_made_by_hand").action());
        PlannedChange refill = change(plan, ResourceKind.SCHEDULED_QUERY, "daily");
        assertEquals(Action.REPAIR, refill.action());
        assertTrue(refill.reason().contains(deleted + " must be refilled"), refill.reason());
        PlannedChange recreate = change(plan, ResourceKind.SCHEDULED_QUERY, "weekly");
        assertEquals(Action.REPAIR, recreate.action());
        assertTrue(recreate.reason().contains("deleted outside segments"), recreate.reason());

        job(Map.of()).apply();

        assertTrue(state.hasTable(SOURCE + "." + deleted));
        assertEquals(2, fakes.dataTransfer().configs().size(), "the deleted weekly query is back, once");
        assertEquals(
                List.of(),
                job(Map.of()).plan().changes().stream()
                        .filter(c -> c.action().changesTarget())
                        .toList());
        assertTrue(state.hasTable(SOURCE + ".seg_made_by_hand"), "not ours: never touched");
    }

    /** Answers the plan's figure queries as BigQuery would from the tables; everything else as the fake does. */
    private static final class TableFigures implements QueryEngine {

        static final long SHARED = 7;

        private final QueryEngine others;

        TableFigures(QueryEngine others) {
            this.others = others;
        }

        static long members(String segmentId) {
            return 1_000 + 37L * segmentId.length();
        }

        @Override
        public Result execute(Request request, BigQueryState state) {
            List<List<String>> rows = new ArrayList<>();
            Matcher pair = PAIR.matcher(request.sql());
            while (pair.find()) {
                rows.add(List.of(pair.group(1), pair.group(2), Long.toString(SHARED)));
            }
            if (!rows.isEmpty()) {
                return new Result(
                        schema("segment_a:STRING", "segment_b:STRING", "shared:INTEGER"), rows, false, "SELECT", -1);
            }
            Matcher size = SIZE.matcher(request.sql());
            while (size.find()) {
                rows.add(List.of(size.group(1), Long.toString(members(size.group(1)))));
            }
            if (!rows.isEmpty()) {
                return new Result(schema("segment_id:STRING", "members:INTEGER"), rows, false, "SELECT", -1);
            }
            return others.execute(request, state);
        }

        private static JsonArray schema(String... fields) {
            JsonArray schema = new JsonArray();
            for (String field : fields) {
                JsonObject f = new JsonObject();
                f.addProperty("name", field.split(":")[0]);
                f.addProperty("type", field.split(":")[1]);
                f.addProperty("mode", "NULLABLE");
                schema.add(f);
            }
            return schema;
        }
    }

    private TransferConfig config(Refresh cadence) {
        return fakes.dataTransfer().configs().stream()
                .filter(c -> c.getDisplayName().startsWith("segments " + cadence.label() + " "))
                .findFirst()
                .orElseThrow();
    }

    private TreeSet<String> segments(Refresh cadence) {
        return job(Map.of()).validate().segments().stream()
                .filter(s -> s.refresh() == cadence)
                .map(Segment::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static TreeSet<String> names(List<RefreshHealth.TableAge> tables) {
        return tables.stream().map(RefreshHealth.TableAge::table).collect(Collectors.toCollection(TreeSet::new));
    }

    private static RefreshHealth health(Plan plan, String cadence) {
        return plan.live().refreshes().stream()
                .filter(r -> r.cadence().equals(cadence))
                .findFirst()
                .orElseThrow();
    }

    private static Finding only(Plan plan, String code) {
        List<Finding> found =
                plan.findings().stream().filter(f -> f.code().equals(code)).toList();
        assertEquals(1, found.size(), plan.findings().toString());
        return found.get(0);
    }

    private static PlannedChange change(Plan plan, ResourceKind kind, String name) {
        return plan.changes().stream()
                .filter(c -> c.kind() == kind && c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + " " + name + " in " + plan.changes()));
    }

    private static Map<String, Long> members(Plan plan) {
        Map<String, Long> members = new TreeMap<>();
        plan.segments().forEach(s -> members.put(s.id(), s.members()));
        return members;
    }

    /** The bundled declaration of a table's columns, edited: {@code edit} returns null to leave a column out. */
    private static String[] columnsOf(String table, Function<String, String> edit) throws IOException {
        JsonObject seed = JsonParser.parseString(
                        Files.readString(REPO.resolve("google-fakes/seed-bundled-warehouse.json")))
                .getAsJsonObject();
        for (JsonElement t : seed.getAsJsonArray("tables")) {
            if (t.getAsJsonObject().get("id").getAsString().equals(SOURCE + "." + table)) {
                List<String> columns = new ArrayList<>();
                t.getAsJsonObject().getAsJsonArray("columns").forEach(c -> {
                    String edited = edit.apply(c.getAsString());
                    if (edited != null) {
                        columns.add(edited);
                    }
                });
                return columns.toArray(String[]::new);
            }
        }
        throw new AssertionError("no table " + table + " in the seed");
    }

    /** {@code segments/warehouse.yaml:L:C} of the type written for a column of a table, read from the file itself. */
    private String declaration(String table, String column, String type) throws IOException {
        List<String> lines = Files.readAllLines(project.resolve("segments/warehouse.yaml"));
        int tableLine = lines.indexOf("  " + table + ":");
        for (int i = tableLine + 1; i < lines.size(); i++) {
            if (lines.get(i).startsWith("      " + column + ":")) {
                return "segments/warehouse.yaml:" + (i + 1) + ":"
                        + (lines.get(i).indexOf(type) + 1);
            }
        }
        throw new AssertionError(table + "." + column + " not declared");
    }

    private String tableDeclaration(String table) throws IOException {
        List<String> lines = Files.readAllLines(project.resolve("segments/warehouse.yaml"));
        return "segments/warehouse.yaml:" + (lines.indexOf("  " + table + ":") + 1) + ":3";
    }

    private String output(String file) {
        try {
            return Files.readString(project.resolve("target/segments").resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SegmentsJob job(Map<String, String> extra) {
        Map<String, String> parameters = new HashMap<>(extra);
        parameters.put(Parameters.SAMPLE_USERS, "2000");
        parameters.put(Parameters.TARGET, "bigquery");
        parameters.put(Parameters.BIGQUERY_PROJECT, "fake-project");
        parameters.put(Parameters.BIGQUERY_ENDPOINT, fakes.bigQuery().endpoint());
        parameters.put(Parameters.DATA_TRANSFER_ENDPOINT, fakes.dataTransfer().endpoint());
        parameters.put(Parameters.GOOGLE_CREDENTIALS, "none");
        var settings = new SettingsResolver(parameters, Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()));
    }
}

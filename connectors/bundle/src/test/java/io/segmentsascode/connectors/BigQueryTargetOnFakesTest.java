package io.segmentsascode.connectors;

import static io.segmentsascode.connectors.ProjectCopies.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.fakes.CallRecord;
import io.segmentsascode.fakes.GoogleFakes;
import io.segmentsascode.model.Segment;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled segments planned and applied with {@code segments.target=bigquery} against the
 * fakes, through the same SegmentsJob the Maven goals run, with the parameters the fakes print.
 */
class BigQueryTargetOnFakesTest {

    private static final Path REPO = Path.of("..", "..");

    @TempDir
    Path project;

    private GoogleFakes fakes;

    @BeforeEach
    void start() throws IOException {
        fakes = GoogleFakes.start(0, 0);
        fakes.bigQuery().state().addDataset("fake-project.analytics", "EU");
        // the tables live where the compiled scripts name them: warehouse.yaml's project
        fakes.bigQuery().state().addDataset("acme-marketing.analytics", "EU");
        // the source tables warehouse.yaml declares: the plan checks them against the live schema
        LiveWarehouseOnFakesTest.seedBundledSourceTables(fakes.bigQuery());
        copy(REPO.resolve("segments"), project.resolve("segments"));
        // no campaign mappings: the fake stores no rows, so markers kept in the state table do not read back
        Files.createDirectories(project.resolve("campaigns"));
        Files.copy(REPO.resolve("segments.lock"), project.resolve("segments.lock"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        fakes.close();
    }

    @Test
    void planAndApplyCreateTheTablesAndTheScheduledQueryThenNothingIsLeftToDo() {
        Plan first = job().plan();
        long tables = count(first, ResourceKind.SEGMENT_TABLE, Action.CREATE);
        assertTrue(tables > 5, first.changes().toString());
        // one scheduled query per refresh cadence the project uses, each run once
        long cadences = job().validate().segments().stream()
                .map(Segment::refresh)
                .distinct()
                .count();
        assertTrue(cadences > 1, "the bundled project refreshes daily and weekly");
        assertEquals(cadences, count(first, ResourceKind.SCHEDULED_QUERY, Action.CREATE));

        job().apply();

        assertEquals(
                cadences,
                fakes.dataTransfer()
                        .configs("projects/fake-project/locations/eu")
                        .size());
        assertEquals(cadences, fakes.dataTransfer().runs().size());
        // what is scheduled is the compiled, guarded script as compile wrote it, under our marker line
        for (TransferConfig config : fakes.dataTransfer().configs()) {
            String query = config.getParams().getFieldsOrThrow("query").getStringValue();
            String cadence = config.getDisplayName().split(" ")[1];
            String compiled = readString(project.resolve("target/segments/bigquery/_refresh_" + cadence + ".sql"));
            assertEquals(compiled, query.substring(query.indexOf('\n') + 1), config.getDisplayName());
        }
        fakes.log().clear();
        Plan second = job().apply();
        assertEquals(
                0,
                second.changes().stream()
                        .filter(c -> c.action().changesTarget())
                        .count(),
                second.changes().toString());
        // the one write of an apply with nothing to do: the sync's end, on the target for the next plan
        List<CallRecord> writes = fakes.log().mutatingCalls();
        assertEquals(1, writes.size(), writes.toString());
        assertTrue(
                writes.get(0).request().contains("MERGE `acme-marketing.analytics._segments_state`")
                        && writes.get(0).request().contains("'SYNC' AS kind"),
                writes.get(0).request());
        fakes.log().clear();
        job().plan();
        assertEquals(List.of(), fakes.log().mutatingCalls(), "a plan reads the sync record, writing nothing");
        assertTrue(
                fakes.log().calls().stream().anyMatch(c -> c.request().contains("WHERE kind = 'SYNC'")),
                "the plan read the sync record from the state table");
    }

    /**
     * A pull request plans with a read-only identity (BigQuery Job User and Data Viewer): the plan
     * reads the target and may run queries, but creates, changes and claims nothing, not even the
     * state table that apply keeps its lease and markers in.
     */
    @Test
    void planningChangesNothingOnTheTarget() {
        Plan plan = job().plan();

        assertTrue(plan.pendingChanges() > 0, "everything is still to create");
        assertEquals(List.of(), fakes.log().mutatingCalls());
    }

    private static long count(Plan plan, ResourceKind kind, Action action) {
        return plan.changes().stream()
                .filter(c -> c.kind() == kind && c.action() == action)
                .count();
    }

    private SegmentsJob job() {
        Map<String, String> parameters = new HashMap<>();
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

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.segmentsascode.bigquery;

import static io.segmentsascode.bigquery.FakeWarehouse.DATASET;
import static io.segmentsascode.bigquery.FakeWarehouse.PROJECT;
import static io.segmentsascode.bigquery.FakeWarehouse.refresh;
import static io.segmentsascode.bigquery.FakeWarehouse.summary;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import io.segmentsascode.fakes.CallRecord;
import io.segmentsascode.fakes.FakeBigQuery;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12's lifecycle on the fakes: create, no-op, update one, keep/prune, repair drift. */
class ScheduledRefreshLifecycleTest {

    private static final String PARENT = "projects/" + PROJECT + "/locations/eu";
    private static final String RUNNER = "segments-runner@" + PROJECT + ".iam.gserviceaccount.com";

    @TempDir
    Path stateDir;

    private FakeWarehouse warehouse;

    private final List<ScheduledRefresh> both = List.of(
            refresh(Refresh.DAILY, "v1", "seg_rfm_champions", "seg_rfm_at_risk"),
            refresh(Refresh.WEEKLY, "v1", "seg_lifecycle_lapsed"));

    @BeforeEach
    void start() throws Exception {
        warehouse = new FakeWarehouse(stateDir).runningAs(RUNNER);
    }

    @AfterEach
    void stop() throws Exception {
        warehouse.close();
    }

    @Test
    void createsTablesAndOneScheduledQueryPerCadenceAndRunsEachOnce() {
        List<Change> applied = warehouse.apply(both, false);

        assertEquals("""
                + segment table seg_lifecycle_lapsed
                + segment table seg_rfm_at_risk
                + segment table seg_rfm_champions
                + scheduled query daily
                + scheduled query weekly""", summary(applied));
        List<TransferConfig> configs = warehouse.fakes.dataTransfer().configs(PARENT);
        assertEquals(2, configs.size(), "listed and created under projects/P/locations/eu");
        for (TransferConfig config : configs) {
            assertTrue(config.getDisplayName().matches("segments (daily|weekly) refresh \\[spec [0-9a-f]{64}]"));
            assertTrue(ScheduledQueries.query(config).startsWith("-- " + config.getDisplayName()));
            assertEquals(
                    List.of("query"),
                    List.copyOf(config.getParams().getFieldsMap().keySet()));
            assertEquals(RUNNER, warehouse.fakes.dataTransfer().serviceAccount(config.getName()));
            assertFalse(config.getSchedule().endsWith(":00"), config.getSchedule());
            assertEquals(
                    1, warehouse.fakes.dataTransfer().runs(config.getName()).size(), "one manual run each");
        }
        Map<String, String> labels =
                warehouse.fakes.bigQuery().state().labels(PROJECT + "." + DATASET + ".seg_rfm_champions");
        assertEquals("segments", labels.get("managed-by"));
        List<FakeBigQuery.JobRecord> ours = warehouse.fakes.bigQuery().jobs().stream()
                .filter(job -> job.jobId().startsWith("segments_"))
                .toList();
        assertFalse(ours.isEmpty());
        ours.forEach(job -> {
            assertEquals(1L << 30, job.maximumBytesBilled(), job.sql());
            assertEquals("segments", job.labels().get("managed-by"), job.sql());
        });
    }

    @Test
    void thePlanSaysWhenRefreshesRunInUtcOffTheHour() {
        try (BigQueryTarget target = warehouse.open(both)) {
            String summary = target.infrastructure().get(0).summary();
            assertTrue(
                    summary.matches("refreshes seg_rfm_champions, seg_rfm_at_risk every day 0[3-5]:[0-5][0-9] UTC"
                            + " \\(off the hour\\), runs as " + RUNNER),
                    summary);
        }
    }

    @Test
    void applyingAgainSendsNoMutatingCall() {
        warehouse.apply(both, false);
        warehouse.fakes.log().clear();

        List<Change> second = warehouse.apply(both, false);

        assertEquals(List.of(), second);
        assertEquals(List.of(), warehouse.fakes.log().mutatingCalls());
    }

    @Test
    void changingOneRefreshUpdatesExactlyThatConfigWithAFieldMask() {
        warehouse.apply(both, false);
        warehouse.fakes.log().clear();
        List<ScheduledRefresh> changed =
                List.of(refresh(Refresh.DAILY, "v2", "seg_rfm_champions", "seg_rfm_at_risk"), both.get(1));

        warehouse.apply(changed, false);

        List<CallRecord> updates = warehouse.fakes.log().calls("UpdateTransferConfig");
        assertEquals(1, updates.size());
        assertEquals(
                List.of("display_name", "params"),
                warehouse.fakes.dataTransfer().updateMasks().get(0).getPathsList());
        assertEquals(List.of(), warehouse.fakes.log().calls("CreateTransferConfig"));
        assertEquals(2, warehouse.fakes.dataTransfer().configs(PARENT).size());
        assertEquals(
                List.of(),
                warehouse.plan(changed, false).stream()
                        .filter(c -> c.action().changesTarget())
                        .toList());
    }

    @Test
    void aRemovedRefreshIsKeptWithoutPruneAndDeletedWithIt() {
        warehouse.apply(both, false);
        List<ScheduledRefresh> dailyOnly = List.of(both.get(0));

        List<Change> kept = warehouse.plan(dailyOnly, false);
        warehouse.apply(dailyOnly, false);

        assertTrue(kept.stream().anyMatch(c -> c.id().name().equals("weekly") && c.action() == Action.KEEP));
        assertEquals(2, warehouse.fakes.dataTransfer().configs(PARENT).size());
        assertTrue(warehouse.fakes.bigQuery().state().hasTable(PROJECT + "." + DATASET + ".seg_lifecycle_lapsed"));

        List<Change> pruned = warehouse.apply(dailyOnly, true);

        assertEquals("- segment table seg_lifecycle_lapsed\n- scheduled query weekly", summary(pruned));
        assertEquals(1, warehouse.fakes.dataTransfer().configs(PARENT).size());
        assertFalse(warehouse.fakes.bigQuery().state().hasTable(PROJECT + "." + DATASET + ".seg_lifecycle_lapsed"));
    }

    @Test
    void driftOnTheScheduledQueryIsRepairedWithOnlyTheDriftedFields() {
        warehouse.apply(both, false);
        String daily = dailyConfig().getName();
        String query = ScheduledQueries.query(dailyConfig());
        warehouse.fakes.dataTransfer().driftQuery(daily, "SELECT 1");
        warehouse.fakes.dataTransfer().driftSchedule(daily, "every day 00:00");
        warehouse.fakes.dataTransfer().driftServiceAccount(daily, "someone@example.com");

        List<Change> plan = warehouse.plan(both, false);
        Change repair = plan.stream()
                .filter(c -> c.id().name().equals("daily"))
                .findFirst()
                .orElseThrow();
        assertEquals(Action.REPAIR, repair.action());
        assertTrue(repair.reason().contains("query was edited outside segments"), repair.reason());
        assertTrue(repair.reason().contains("runs as someone@example.com"), repair.reason());

        warehouse.fakes.log().clear();
        warehouse.apply(both, false);

        assertEquals(
                List.of("params", "schedule", "service_account_name"),
                warehouse
                        .fakes
                        .dataTransfer()
                        .updateMasks()
                        .get(warehouse.fakes.dataTransfer().updateMasks().size() - 1)
                        .getPathsList());
        assertEquals(query, ScheduledQueries.query(dailyConfig()));
        assertEquals(RUNNER, warehouse.fakes.dataTransfer().serviceAccount(daily));
        assertEquals(
                List.of(),
                warehouse.plan(both, false).stream()
                        .filter(c -> c.action().changesTarget())
                        .toList());
    }

    @Test
    void aTableWhoseSchemaChangedOutsideIsRepaired() {
        warehouse.apply(both, false);
        String table = PROJECT + "." + DATASET + ".seg_rfm_champions";
        Map<String, String> labels = warehouse.fakes.bigQuery().state().labels(table);
        warehouse.fakes.bigQuery().state().putTable(table, "user_id:INTEGER");
        warehouse.fakes.bigQuery().state().setLabels(table, labels);

        List<Change> plan = warehouse.plan(both, false);

        Change change = plan.stream()
                .filter(c -> c.id().name().equals("seg_rfm_champions"))
                .findFirst()
                .orElseThrow();
        assertEquals(Action.REPAIR, change.action());
        assertTrue(change.reason().contains("columns were changed outside segments"), change.reason());
        Change rerun = plan.stream()
                .filter(c -> c.id().name().equals("daily"))
                .findFirst()
                .orElseThrow();
        assertEquals(Action.REPAIR, rerun.action(), "the recreated table is refilled by a run");
        assertTrue(rerun.reason().contains("seg_rfm_champions must be refilled"), rerun.reason());
        int runs = warehouse.fakes.dataTransfer().runs().size();
        warehouse.apply(both, false);
        assertEquals(runs + 1, warehouse.fakes.dataTransfer().runs().size());
        assertEquals(
                List.of(),
                warehouse.plan(both, false).stream()
                        .filter(c -> c.action().changesTarget())
                        .toList());
    }

    @Test
    void resourcesWithoutOurMarkerAreReportedAndNeverTouched() {
        warehouse.fakes.bigQuery().state().putTable(PROJECT + "." + DATASET + ".seg_handmade", "user_id:STRING");
        warehouse
                .fakes
                .dataTransfer()
                .putConfig(
                        PARENT,
                        TransferConfig.newBuilder()
                                .setDisplayName("nightly export")
                                .setDataSourceId("scheduled_query")
                                .setParams(Struct.newBuilder()
                                        .putFields(
                                                "query",
                                                Value.newBuilder()
                                                        .setStringValue("INSERT INTO `" + PROJECT + "." + DATASET
                                                                + ".seg_handmade` SELECT 1")
                                                        .build()))
                                .build(),
                        "someone@example.com");

        warehouse.apply(both, true);

        List<Change> plan = warehouse.plan(both, true);
        assertTrue(plan.stream().anyMatch(c -> c.id().name().equals("seg_handmade") && c.action() == Action.UNMANAGED));
        assertTrue(
                plan.stream().anyMatch(c -> c.id().name().equals("nightly export") && c.action() == Action.UNMANAGED));
        assertTrue(warehouse.fakes.bigQuery().state().hasTable(PROJECT + "." + DATASET + ".seg_handmade"));
        assertEquals(3, warehouse.fakes.dataTransfer().configs(PARENT).size());
    }

    private TransferConfig dailyConfig() {
        return warehouse.fakes.dataTransfer().configs(PARENT).stream()
                .filter(c -> c.getDisplayName().startsWith("segments daily"))
                .findFirst()
                .orElseThrow();
    }
}

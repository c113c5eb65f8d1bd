package io.segmentsascode.bigquery;

import static io.segmentsascode.bigquery.FakeWarehouse.DATASET;
import static io.segmentsascode.bigquery.FakeWarehouse.PROJECT;
import static io.segmentsascode.bigquery.FakeWarehouse.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.rpc.Code;
import io.grpc.Status;
import io.segmentsascode.apply.ApplyException;
import io.segmentsascode.apply.TargetLease;
import io.segmentsascode.fakes.FakeDataTransfer;
import io.segmentsascode.fakes.Fault;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12's fault injection: transient errors, a rate-limit storm, a lost answer, a crash mid-apply, a lease race. */
class FaultToleranceTest {

    private static final String PARENT = "projects/" + PROJECT + "/locations/eu";

    @TempDir
    Path stateDir;

    private FakeWarehouse warehouse;

    private final List<ScheduledRefresh> refreshes = List.of(
            refresh(Refresh.DAILY, "v1", "seg_rfm_champions", "seg_rfm_at_risk"),
            refresh(Refresh.WEEKLY, "v1", "seg_lifecycle_lapsed"));

    @BeforeEach
    void start() throws Exception {
        warehouse = new FakeWarehouse(stateDir);
    }

    @AfterEach
    void stop() throws Exception {
        warehouse.close();
    }

    @Test
    void unavailableThenSuccessIsRetriedOnBothApis() {
        warehouse.fakes.faults().failNext("CreateTransferConfig", 1, Fault.grpc(Status.Code.UNAVAILABLE));
        warehouse.fakes.faults().failNext("tables.insert", 1, Fault.unavailable());
        warehouse.fakes.faults().failNext("StartManualTransferRuns", 1, Fault.grpc(Status.Code.DEADLINE_EXCEEDED));
        warehouse.fakes.faults().failNext("jobs.insert", 1, Fault.http(403, "rateLimitExceeded"));

        warehouse.apply(refreshes, false);

        assertConverged();
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundInsteadOfDuplicated() {
        warehouse.fakes.faults().failNextAfterApplying("CreateTransferConfig", 1, Fault.grpc(Status.Code.UNAVAILABLE));
        warehouse.fakes.faults().failNextAfterApplying("tables.insert", 1, Fault.unavailable());

        warehouse.apply(refreshes, false);

        assertConverged();
    }

    @Test
    void aRateLimitStormBeyondTheBudgetFailsClearlyAndTheNextApplyResumes() {
        warehouse.apply(List.of(refreshes.get(0)), false);
        warehouse.fakes.faults().failNext("CreateTransferConfig", 50, Fault.grpc(Status.Code.RESOURCE_EXHAUSTED));

        TransientFailureException storm =
                assertThrows(TransientFailureException.class, () -> warehouse.apply(refreshes, false));

        assertTrue(
                storm.getMessage().startsWith("creating scheduled query 'segments weekly refresh"), storm.getMessage());
        assertTrue(
                storm.getMessage().contains("failed 4 times in a row (last: RESOURCE_EXHAUSTED"), storm.getMessage());
        assertTrue(storm.getMessage().contains("run apply again later and it resumes"), storm.getMessage());
        warehouse.fakes.faults().clear();
        warehouse.fakes.log().clear();

        warehouse.apply(refreshes, false);

        assertEquals(1, warehouse.fakes.log().calls("CreateTransferConfig").size(), "only the weekly one was missing");
        assertConverged();
    }

    @Test
    void aCrashAfterSomeChangesResumesFromTheTargetsMarkersWithoutDuplicates() {
        warehouse.fakes.faults().crashAfterMutations(4);

        assertThrows(RuntimeException.class, () -> warehouse.apply(refreshes, false));
        warehouse.fakes.faults().restart();
        warehouse.fakes.faults().clear();
        ApplyException held = assertThrows(ApplyException.class, () -> warehouse.apply(refreshes, false));
        assertTrue(
                held.diagnostics().get(0).message().startsWith("another apply holds the BigQuery target"),
                "the stopped apply's lease row is still stored and not expired");
        warehouse.letTheStoppedApplysLeaseExpire();

        warehouse.apply(refreshes, false);

        assertTrue(
                warehouse.notices.stream().anyMatch(n -> n.startsWith("took over the BigQuery apply lease of process")),
                warehouse.notices.toString());
        assertConverged();
    }

    @Test
    void anApplyStoppedBeforeTheRunStartedRunsItNextTime() {
        warehouse.fakes.faults().failNext("StartManualTransferRuns", 50, Fault.grpc(Status.Code.UNAVAILABLE));
        assertThrows(TransientFailureException.class, () -> warehouse.apply(refreshes, false));
        warehouse.fakes.faults().clear();

        Change daily = warehouse.plan(refreshes, false).stream()
                .filter(c -> c.id().name().equals("daily"))
                .findFirst()
                .orElseThrow();
        assertEquals(Action.REPAIR, daily.action());
        assertTrue(daily.reason().contains("has not run successfully since it was last changed"), daily.reason());

        warehouse.apply(refreshes, false);

        assertConverged();
        assertEquals(
                0,
                warehouse.fakes.log().calls("CreateTransferConfig").stream()
                        .filter(c -> !c.ok())
                        .count());
    }

    @Test
    void aFailedRunIsAnErrorNamingTheScheduledQuery() {
        warehouse
                .fakes
                .dataTransfer()
                .setDefaultRunOutcome(FakeDataTransfer.RunOutcome.failed(
                        Code.PERMISSION_DENIED, "P4 service account needs iam.serviceAccounts.getAccessToken"));

        ApplyException failed = assertThrows(ApplyException.class, () -> warehouse.apply(refreshes, false));

        String message = failed.diagnostics().get(0).message();
        assertTrue(message.startsWith("the run of scheduled query 'segments daily refresh [spec "), message);
        assertTrue(message.contains("(" + PARENT + "/transferConfigs/"), message);
        assertTrue(message.contains("FAILED: P4 service account needs iam.serviceAccounts.getAccessToken"), message);
    }

    @Test
    void aSecondApplyLosesTheClaimOnTheStoredLeaseRowUntilItExpiresThenTakesItOver() {
        List<String> notices = new ArrayList<>();
        String stateTable = PROJECT + "." + DATASET + "." + StateTable.NAME;
        try (BigQueryTarget first = warehouse.open(refreshes);
                BigQueryTarget second = warehouse.open(refreshes)) {
            TargetLease held = first.claimLease(Duration.ofMinutes(15), notices::add);

            ApplyException refused =
                    assertThrows(ApplyException.class, () -> second.claimLease(Duration.ofMinutes(15), notices::add));
            assertTrue(
                    refused.diagnostics()
                            .get(0)
                            .message()
                            .startsWith("another apply holds the BigQuery target: process"),
                    refused.diagnostics().get(0).message());
            held.renew(); // the losing claim changed no row: the lease is still the first apply's

            warehouse.letTheStoppedApplysLeaseExpire();
            TargetLease taken = second.claimLease(Duration.ofMinutes(15), notices::add);
            assertTrue(notices.get(0).startsWith("took over the BigQuery apply lease of process"), notices.toString());
            ApplyException lost = assertThrows(ApplyException.class, held::renew);
            assertTrue(lost.diagnostics().get(0).message().contains("taken over by another apply"));

            held.close(); // releases nothing: the row is no longer the first apply's
            assertEquals(1, leaseRows(stateTable));
            taken.close();
            assertEquals(0, leaseRows(stateTable));
        }
    }

    private long leaseRows(String stateTable) {
        return warehouse.fakes.bigQuery().state().rows(stateTable).stream()
                .filter(row -> "LEASE".equals(row.get("kind")))
                .count();
    }

    @Test
    void dryRunsGiveBytesProcessedUnderTheBytesCap() {
        try (BigQueryTarget target = warehouse.open(refreshes)) {
            long bytes = target.jobs().bytesProcessed("SELECT user_id FROM `" + FakeWarehouse.EVENTS + "`");

            assertEquals(5_000_000L, bytes);
            assertEquals(1L << 30, warehouse.fakes.bigQuery().dryRuns().get(0).maximumBytesBilled());
        }
    }

    /** One config per cadence, every table, and a plan with nothing left to do. */
    private void assertConverged() {
        List<TransferConfig> configs = warehouse.fakes.dataTransfer().configs(PARENT);
        assertEquals(2, configs.size(), configs.toString());
        for (String table : List.of("seg_rfm_champions", "seg_rfm_at_risk", "seg_lifecycle_lapsed")) {
            assertTrue(warehouse.fakes.bigQuery().state().hasTable(PROJECT + "." + DATASET + "." + table), table);
        }
        assertEquals(
                List.of(),
                warehouse.plan(refreshes, false).stream()
                        .filter(c -> c.action().changesTarget())
                        .toList());
    }
}

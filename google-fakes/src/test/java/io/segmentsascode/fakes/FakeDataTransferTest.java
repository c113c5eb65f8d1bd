package io.segmentsascode.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.DeadlineExceededException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.ResourceExhaustedException;
import com.google.api.gax.rpc.StatusCode;
import com.google.api.gax.rpc.UnavailableException;
import com.google.cloud.bigquery.datatransfer.v1.CreateTransferConfigRequest;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceClient;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceSettings;
import com.google.cloud.bigquery.datatransfer.v1.ListTransferConfigsRequest;
import com.google.cloud.bigquery.datatransfer.v1.LocationName;
import com.google.cloud.bigquery.datatransfer.v1.StartManualTransferRunsRequest;
import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.cloud.bigquery.datatransfer.v1.TransferRun;
import com.google.cloud.bigquery.datatransfer.v1.TransferState;
import com.google.cloud.bigquery.datatransfer.v1.UpdateTransferConfigRequest;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.rpc.Code;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeDataTransferTest {
    private static final String US = LocationName.of("p", "us").toString();
    private static final String EU = LocationName.of("p", "eu").toString();
    private static final String SA = "segments-runner@p.iam.gserviceaccount.com";

    private GoogleFakes fakes;
    private FakeDataTransfer fake;
    private DataTransferServiceClient client;

    @BeforeEach
    void start() throws Exception {
        fakes = GoogleFakes.start(0, 0);
        fake = fakes.dataTransfer();
        client = Clients.dataTransfer(fake);
        fakes.bigQuery().state().addDataset("p.segments");
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        fakes.close();
    }

    static TransferConfig config(String name, String query) {
        Struct params = Struct.newBuilder()
                .putFields("query", Value.newBuilder().setStringValue(query).build())
                .putFields(
                        "destination_table_name_template",
                        Value.newBuilder().setStringValue(name + "_{run_date}").build())
                .putFields(
                        "write_disposition",
                        Value.newBuilder().setStringValue("WRITE_TRUNCATE").build())
                .build();
        return TransferConfig.newBuilder()
                .setDisplayName("segments:" + name)
                .setDataSourceId("scheduled_query")
                .setDestinationDatasetId("segments")
                .setSchedule("every 24 hours")
                .setParams(params)
                .build();
    }

    private TransferConfig create(String parent, TransferConfig tc, String sa) {
        return client.createTransferConfig(CreateTransferConfigRequest.newBuilder()
                .setParent(parent)
                .setTransferConfig(tc)
                .setServiceAccountName(sa)
                .build());
    }

    private List<TransferConfig> list(String parent) {
        List<TransferConfig> out = new ArrayList<>();
        client.listTransferConfigs(ListTransferConfigsRequest.newBuilder()
                        .setParent(parent)
                        .addDataSourceIds("scheduled_query")
                        .build())
                .iterateAll()
                .forEach(out::add);
        return out;
    }

    @Test
    void createListUpdateRunDelete() {
        TransferConfig created = create(US, config("buyers", "SELECT 1 AS x"), SA);
        assertTrue(created.getName().startsWith(US + "/transferConfigs/"), created.getName());
        assertEquals("us", created.getDatasetRegion());
        assertEquals(SA, fake.serviceAccount(created.getName()), "recorded from the create REQUEST");
        assertFalse(created.hasOwnerInfo(), "owner_info is populated only by GetTransferConfig");
        assertEquals(
                SA, client.getTransferConfig(created.getName()).getOwnerInfo().getEmail());

        // listed per location, and not in another one
        assertEquals(
                List.of(created.getName()),
                list(US).stream().map(TransferConfig::getName).toList());
        assertEquals(List.of(), list(EU));

        // update with a mask: only the masked field changes, even though the request carries another change
        TransferConfig request = created.toBuilder()
                .setSchedule("every day 06:17")
                .setDisplayName("ignored")
                .build();
        TransferConfig updated = client.updateTransferConfig(UpdateTransferConfigRequest.newBuilder()
                .setTransferConfig(request)
                .setUpdateMask(FieldMask.newBuilder().addPaths("schedule"))
                .build());
        assertEquals("every day 06:17", updated.getSchedule());
        assertEquals("segments:buyers", updated.getDisplayName());
        assertEquals(
                List.of(List.of("schedule")),
                fake.updateMasks().stream().map(FieldMask::getPathsList).toList());

        // empty mask rejected like the real service
        InvalidArgumentException empty = assertThrows(
                InvalidArgumentException.class,
                () -> client.updateTransferConfig(UpdateTransferConfigRequest.newBuilder()
                        .setTransferConfig(request)
                        .build()));
        assertEquals(StatusCode.Code.INVALID_ARGUMENT, empty.getStatusCode().getCode());
        assertEquals(
                "every day 06:17", fake.config(created.getName()).orElseThrow().getSchedule());

        // manual run: PENDING, then SUCCEEDED on the next poll; the wired BigQuery fake made the destination table
        var started = client.startManualTransferRuns(StartManualTransferRunsRequest.newBuilder()
                .setParent(created.getName())
                .setRequestedRunTime(Timestamp.newBuilder().setSeconds(1_764_892_800L))
                .build()); // 2025-12-05
        assertEquals(1, started.getRunsCount());
        TransferRun run = started.getRuns(0);
        assertEquals(TransferState.PENDING, run.getState());
        TransferRun done = client.getTransferRun(run.getName());
        assertEquals(TransferState.SUCCEEDED, done.getState());
        assertTrue(fakes.bigQuery().state().hasTable("p.segments.buyers_20251205"));
        assertEquals(
                TransferState.SUCCEEDED,
                client.getTransferConfig(created.getName()).getState());
        assertEquals(
                1,
                fakes.bigQuery().jobs().stream()
                        .filter(j -> j.method().equals("transfer"))
                        .count());

        client.deleteTransferConfig(created.getName());
        NotFoundException nf = assertThrows(NotFoundException.class, () -> client.getTransferConfig(created.getName()));
        assertEquals(StatusCode.Code.NOT_FOUND, nf.getStatusCode().getCode());
        assertEquals(List.of(), list(US));

        assertEquals(
                List.of(
                        "CreateTransferConfig",
                        "UpdateTransferConfig",
                        "UpdateTransferConfig",
                        "StartManualTransferRuns",
                        "DeleteTransferConfig"),
                fake.log().mutatingCalls().stream().map(CallRecord::method).toList());
        assertEquals(4, fake.log().mutatingCount(), "the rejected update changed nothing");
        assertTrue(fake.log()
                .calls("CreateTransferConfig")
                .get(0)
                .request()
                .contains("\"serviceAccountName\":\"" + SA + "\""));
    }

    @Test
    void serviceAccountChangesOnlyWhenMaskedAndDriftIsVisible() {
        TransferConfig c = create(US, config("a", "SELECT 1"), SA);
        client.updateTransferConfig(UpdateTransferConfigRequest.newBuilder()
                .setTransferConfig(c)
                .setServiceAccountName("other@p.iam.gserviceaccount.com")
                .setUpdateMask(FieldMask.newBuilder().addPaths("display_name"))
                .build());
        assertEquals(SA, fake.serviceAccount(c.getName()));
        client.updateTransferConfig(UpdateTransferConfigRequest.newBuilder()
                .setTransferConfig(c)
                .setServiceAccountName("other@p.iam.gserviceaccount.com")
                .setUpdateMask(FieldMask.newBuilder().addPaths("service_account_name"))
                .build());
        assertEquals(
                "other@p.iam.gserviceaccount.com",
                client.getTransferConfig(c.getName()).getOwnerInfo().getEmail());

        fake.driftQuery(c.getName(), "SELECT 2");
        fake.driftSchedule(c.getName(), "every mon 06:00");
        fake.driftServiceAccount(c.getName(), "");
        TransferConfig seen = client.getTransferConfig(c.getName());
        assertEquals("SELECT 2", seen.getParams().getFieldsOrThrow("query").getStringValue());
        assertEquals("every mon 06:00", seen.getSchedule());
        assertEquals(
                "fake-caller@example.com", seen.getOwnerInfo().getEmail(), "no service account: runs as the caller");

        InvalidArgumentException bad = assertThrows(
                InvalidArgumentException.class,
                () -> client.updateTransferConfig(UpdateTransferConfigRequest.newBuilder()
                        .setTransferConfig(c)
                        .setUpdateMask(FieldMask.newBuilder().addPaths("data_source_id"))
                        .build()));
        assertTrue(bad.getMessage().contains("data_source_id"));
    }

    @Test
    void aRunCanFailWithAnErrorStatusAndAQueryErrorFailsTheRun() {
        TransferConfig c = create(US, config("a", "SELECT 1"), SA);
        fake.nextRunOutcome(
                c.getName(),
                FakeDataTransfer.RunOutcome.failed(
                        Code.PERMISSION_DENIED, "P4 service account needs iam.serviceAccounts.getAccessToken"));
        fake.setPollsBeforeDone(2);
        TransferRun run = client.startManualTransferRuns(StartManualTransferRunsRequest.newBuilder()
                        .setParent(c.getName())
                        .setRequestedRunTime(Timestamp.newBuilder().setSeconds(1_764_892_800L))
                        .build())
                .getRuns(0);
        assertEquals(TransferState.RUNNING, client.getTransferRun(run.getName()).getState());
        TransferRun failed = client.getTransferRun(run.getName());
        assertEquals(TransferState.FAILED, failed.getState());
        assertEquals(Code.PERMISSION_DENIED.getNumber(), failed.getErrorStatus().getCode());
        assertFalse(fakes.bigQuery().state().hasTable("p.segments.a_20251205"), "a failed run wrote nothing");
        assertEquals(
                List.of(TransferState.FAILED),
                client.listTransferRuns(c.getName()).getPage().getResponse().getTransferRunsList().stream()
                        .map(TransferRun::getState)
                        .toList());

        // the query itself fails in the BigQuery fake (missing table) -> the run FAILS with that message
        TransferConfig bad = create(US, config("b", "INSERT INTO p.segments.missing SELECT 1"), SA);
        fake.setPollsBeforeDone(1);
        TransferRun r2 = client.startManualTransferRuns(StartManualTransferRunsRequest.newBuilder()
                        .setParent(bad.getName())
                        .setRequestedRunTime(Timestamp.newBuilder().setSeconds(1_764_892_800L))
                        .build())
                .getRuns(0);
        TransferRun f2 = client.getTransferRun(r2.getName());
        assertEquals(TransferState.FAILED, f2.getState());
        assertTrue(
                f2.getErrorStatus().getMessage().contains("Not found: Table p:segments.missing"),
                f2.getErrorStatus().getMessage());
    }

    @Test
    void unavailableOnceIsRetriedByTheClientForReadsButNotForCreate() {
        TransferConfig c = create(US, config("a", "SELECT 1"), SA);
        // list: retryable code in the client's defaults -> one failure, then success, the caller sees only success
        fake.faults().failNext("ListTransferConfigs", 1, Fault.grpc(Status.Code.UNAVAILABLE));
        assertEquals(1, list(US).size());
        assertEquals(List.of("UNAVAILABLE", "OK"), outcomes("ListTransferConfigs"));

        // create: not retried by the client -> the caller sees UNAVAILABLE and must retry (after checking by listing)
        fake.faults().failNext("CreateTransferConfig", 1, Fault.grpc(Status.Code.UNAVAILABLE));
        UnavailableException u =
                assertThrows(UnavailableException.class, () -> create(US, config("b", "SELECT 2"), SA));
        assertFalse(u.isRetryable(), "gax marks it retryable only for methods whose settings retry it");
        create(US, config("b", "SELECT 2"), SA);
        assertEquals(List.of("OK", "UNAVAILABLE", "OK"), outcomes("CreateTransferConfig"));
        assertEquals(2, list(US).size());

        // RESOURCE_EXHAUSTED is retried by no method
        fake.faults().failNext("GetTransferConfig", 1, Fault.grpc(Status.Code.RESOURCE_EXHAUSTED));
        assertThrows(ResourceExhaustedException.class, () -> client.getTransferConfig(c.getName()));
        assertEquals(List.of("RESOURCE_EXHAUSTED"), outcomes("GetTransferConfig"));
    }

    @Test
    void aDelayBeyondTheCallTimeoutIsDeadlineExceeded() throws Exception {
        TransferConfig c = create(US, config("a", "SELECT 1"), SA);
        fake.faults().delay("GetTransferConfig", Duration.ofSeconds(3));
        DataTransferServiceSettings.Builder b = Clients.dataTransferSettings(fake);
        b.getStubSettingsBuilder()
                .getTransferConfigSettings()
                .setRetrySettings(b.getStubSettingsBuilder().getTransferConfigSettings().getRetrySettings().toBuilder()
                        .setInitialRpcTimeoutDuration(Duration.ofMillis(300))
                        .setMaxRpcTimeoutDuration(Duration.ofMillis(300))
                        .setTotalTimeoutDuration(Duration.ofMillis(300))
                        .setMaxAttempts(1)
                        .build());
        try (DataTransferServiceClient impatient = DataTransferServiceClient.create(b.build())) {
            DeadlineExceededException e =
                    assertThrows(DeadlineExceededException.class, () -> impatient.getTransferConfig(c.getName()));
            assertEquals(StatusCode.Code.DEADLINE_EXCEEDED, e.getStatusCode().getCode());
        }
        fake.faults().delay("GetTransferConfig", Duration.ZERO);
    }

    @Test
    void aServiceAccountInParamsIsRejectedAndAScriptWithADestinationTableFailsItsRun() {
        TransferConfig tc = config("a", "SELECT 1");
        TransferConfig withSa = tc.toBuilder()
                .setParams(tc.getParams().toBuilder()
                        .putFields(
                                "service_account_name",
                                Value.newBuilder().setStringValue(SA).build()))
                .build();
        InvalidArgumentException e = assertThrows(InvalidArgumentException.class, () -> create(US, withSa, ""));
        assertTrue(e.getMessage().contains("doesn't define this parameter Id: service_account_name"), e.getMessage());
        assertEquals(List.of(), fake.configs());

        // a script may not have a destination table: the run fails and leaves no table behind
        TransferConfig script = create(US, config("s", "CREATE TABLE p.segments.x (a INT64); SELECT 1"), SA);
        TransferRun run = client.startManualTransferRuns(StartManualTransferRunsRequest.newBuilder()
                        .setParent(script.getName())
                        .setRequestedRunTime(Timestamp.newBuilder().setSeconds(1_764_892_800L))
                        .build())
                .getRuns(0);
        TransferRun failed = client.getTransferRun(run.getName());
        assertEquals(TransferState.FAILED, failed.getState());
        assertTrue(
                failed.getErrorStatus().getMessage().contains("cannot be set for scripts"),
                failed.getErrorStatus().getMessage());
        assertFalse(fakes.bigQuery().state().hasTable("p.segments.x"));
    }

    @Test
    void aLostCreateResponseLeavesTheConfigBehindSoABlindRetryDuplicates() {
        fake.faults().failNextAfterApplying("CreateTransferConfig", 1, Fault.grpc(Status.Code.UNAVAILABLE));
        assertThrows(UnavailableException.class, () -> create(US, config("a", "SELECT 1"), SA));
        assertEquals(1, list(US).size(), "the create happened although the client saw UNAVAILABLE");
        create(US, config("a", "SELECT 1"), SA); // what a naive retry does
        assertEquals(
                2, list(US).size(), "display names are not unique: the fake, like the service, allows the duplicate");
        assertEquals(List.of("UNAVAILABLE (applied)", "OK"), outcomes("CreateTransferConfig"));
        assertEquals(2, fake.log().mutatingCount());
    }

    @Test
    void crashAfterKMutationsLeavesExactlyKConfigs() {
        fake.faults().crashAfterMutations(2);
        create(US, config("a", "SELECT 1"), SA);
        create(US, config("b", "SELECT 2"), SA);
        ApiException e = assertThrows(ApiException.class, () -> create(US, config("c", "SELECT 3"), SA));
        assertEquals(StatusCode.Code.UNAVAILABLE, e.getStatusCode().getCode());
        TransferConfig a = fake.configs().get(0);
        ApiException other = assertThrows(
                ApiException.class,
                () -> client.startManualTransferRuns(StartManualTransferRunsRequest.newBuilder()
                        .setParent(a.getName())
                        .setRequestedRunTime(Timestamp.newBuilder().setSeconds(1_764_892_800L))
                        .build()));
        assertEquals(StatusCode.Code.UNAVAILABLE, other.getStatusCode().getCode(), "every method fails once crashed");
        assertTrue(fake.faults().crashed());
        fake.faults().restart();
        assertEquals(
                List.of("segments:a", "segments:b"),
                list(US).stream().map(TransferConfig::getDisplayName).toList());
    }

    @Test
    void listWithoutLocationAnswersUsOnlyAndPagesAreFollowed() {
        for (int i = 0; i < 5; i++) create(US, config("s" + i, "SELECT " + i), SA);
        create(EU, config("eu", "SELECT 9"), SA);
        List<TransferConfig> all = new ArrayList<>();
        client.listTransferConfigs(ListTransferConfigsRequest.newBuilder()
                        .setParent("projects/p")
                        .setPageSize(2)
                        .build())
                .iterateAll()
                .forEach(all::add);
        assertEquals(5, all.size());
        assertEquals(3, fake.log().calls("ListTransferConfigs").size(), "pages of 2, 2, 1");
        assertEquals(1, list(EU).size());
    }

    private List<String> outcomes(String method) {
        return fake.log().calls(method).stream().map(CallRecord::outcome).toList();
    }
}

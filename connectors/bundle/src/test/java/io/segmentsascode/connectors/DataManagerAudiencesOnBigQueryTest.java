package io.segmentsascode.connectors;

import static io.segmentsascode.connectors.ProjectCopies.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.gson.JsonParser;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.fakes.BigQueryState;
import io.segmentsascode.fakes.CallRecord;
import io.segmentsascode.fakes.FakeDataManager;
import io.segmentsascode.fakes.GoogleFakes;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.AudienceStatus;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled project on the BigQuery target with {@code segments.audiences=datamanager}, through the SegmentsJob the
 * Maven goals run, against the BigQuery fakes (which store and evaluate rows) and the Data Manager fake: members come
 * out of the segment tables by the target's SQL (hashed there), the snapshot of what was sent is kept in
 * {@code _segments_member_snapshots} and read back, so a second apply sends nothing and a change of one segment's rows
 * sends exactly the member added and the member removed.
 */
class DataManagerAudiencesOnBigQueryTest {

    private static final Path REPO = Path.of("..", "..");
    private static final String IDENTITIES = "acme-marketing.analytics.identities";
    private static final int USERS = 40;
    /** A production mapping without holdout, and one of its segments. */
    private static final String CAMPAIGN = "cmp_search_champions";

    private static final String CHANGED = "seg_rfm_champions";
    /** The users each segment table holds once refreshed (user_id rows), by segment; default users 1..40. */
    private final Map<String, List<Map<String, Object>>> refreshed = new HashMap<>();

    @TempDir
    Path project;

    private GoogleFakes google;
    private FakeDataManager dataManager;

    @BeforeEach
    void start() throws IOException {
        copy(REPO.resolve("segments"), project.resolve("segments"));
        copy(REPO.resolve("campaigns"), project.resolve("campaigns"));
        Files.copy(REPO.resolve("segments.lock"), project.resolve("segments.lock"));
        google = GoogleFakes.start(0, 0);
        google.bigQuery().state().addDataset("fake-project.analytics", "EU");
        google.bigQuery().state().addDataset("acme-marketing.analytics", "EU");
        google.bigQuery()
                .seed(JsonParser.parseString(Files.readString(REPO.resolve("google-fakes/seed-bundled-warehouse.json")))
                        .getAsJsonObject());
        dataManager = new FakeDataManager().start(0);
    }

    @AfterEach
    void stop() throws Exception {
        dataManager.close();
        google.close();
    }

    @Test
    void membersFollowTheSegmentTablesAndAReSyncSendsOnlyTheDeltaAgainstTheSnapshotKeptOnTheTarget() throws Exception {
        BigQueryState bigQuery = google.bigQuery().state();
        bigQuery.insertRows(
                IDENTITIES,
                IntStream.rangeClosed(1, USERS + 2).mapToObj(this::identity).toList());
        // every segment holds users 1..40 once refreshed; the changed one also user 42
        refreshed.put(CHANGED, users(Set.of(42)));
        google.dataTransfer().setRunExecutor((config, run) -> refresh(config));

        job().apply();

        Map<String, Set<String>> first = membersByList();
        String list = listOf(CAMPAIGN);
        assertTrue(first.get(list).stream().anyMatch(key -> key.contains(Sha256.hex(email(42)))), first.toString());
        assertTrue(first.values().stream().allMatch(m -> !m.isEmpty()), first.toString());
        String snapshots = bigQuery.tables().keySet().stream()
                .filter(id -> id.endsWith("._segments_member_snapshots"))
                .findFirst()
                .orElseThrow();
        assertTrue(bigQuery.rows(snapshots).size() > USERS, "the snapshot rows are stored on the target");

        dataManager.log().clear();
        job().apply();

        assertEquals(List.of(), memberCalls(), "nothing changed: nothing sent");
        assertEquals(first, membersByList());

        // the nightly refresh, an hour after the sync: user 41 joined the segment, user 42 left it; the mapping is
        // unchanged, yet its list is synced again, against the snapshot read back from the target
        bigQuery.setClock(Instant.now().plus(Duration.ofHours(1)).toEpochMilli());
        refreshed.put(CHANGED, users(Set.of(41)));
        writeRows(segmentTable(CHANGED));
        PlannedChange resync = job().plan().changes().stream()
                .filter(c -> c.kind() == ResourceKind.AUDIENCE && c.name().equals(CAMPAIGN))
                .findFirst()
                .orElseThrow();
        assertEquals(Action.UPDATE, resync.action(), resync.toString());
        assertTrue(
                resync.reason().contains("changed at") && resync.reason().contains("after the last sync"),
                resync.reason());
        dataManager.log().clear();
        google.log().clear();

        job().apply();

        assertTrue(google.log().calls().stream()
                .anyMatch(c -> c.ok()
                        && c.request().contains("UNIX_SECONDS(MAX(last_sent))")
                        && c.request().contains("'" + CAMPAIGN + "'")));
        Map<String, Set<String>> second = membersByList();
        Set<String> added = new TreeSet<>(second.get(list));
        added.removeAll(first.get(list));
        Set<String> gone = new TreeSet<>(first.get(list));
        gone.removeAll(second.get(list));
        assertEquals(1, added.size(), added.toString());
        assertTrue(added.iterator().next().contains(Sha256.hex(email(41))), added.toString());
        assertEquals(1, gone.size(), gone.toString());
        assertTrue(gone.iterator().next().contains(Sha256.hex(email(42))), gone.toString());
        List<CallRecord> sent = memberCalls();
        assertEquals(
                List.of("audienceMembers.ingest", "audienceMembers.remove"),
                sent.stream().map(CallRecord::method).sorted().toList(),
                "one request each: " + sent);
        for (CallRecord call : sent) {
            String member = call.method().endsWith("ingest") ? email(41) : email(42);
            assertTrue(call.request().contains(Sha256.hex(member)), call.request());
            for (int other = 1; other <= USERS; other++) {
                assertFalse(call.request().contains(Sha256.hex(email(other))), "member " + other + " sent again");
            }
        }

        Plan next = job().plan();
        AudienceStatus status = next.audiences().stream()
                .filter(s -> s.audience().equals(CAMPAIGN))
                .findFirst()
                .orElseThrow();
        assertEquals(2, status.membersSent(), "the last sync's outcome, read back from the snapshot table: " + status);
        assertTrue(status.lastSync() != null && !status.lastSync().isEmpty(), status.toString());
    }

    /** The scheduled query's run, as the refresh would fill the segment tables its query writes. */
    private void refresh(TransferConfig config) {
        String query = config.getParams().getFieldsOrThrow("query").getStringValue();
        google.bigQuery().state().tables().keySet().stream()
                .filter(id -> id.substring(id.lastIndexOf('.') + 1).startsWith("seg_"))
                .filter(id -> query.contains(id))
                .forEach(this::writeRows);
    }

    private void writeRows(String table) {
        String segment = table.substring(table.lastIndexOf('.') + 1);
        google.bigQuery().state().deleteRows(table);
        google.bigQuery().state().insertRows(table, refreshed.getOrDefault(segment, users(Set.of())));
    }

    private String segmentTable(String segment) {
        return google.bigQuery().state().tables().keySet().stream()
                .filter(id -> id.endsWith("." + segment))
                .findFirst()
                .orElseThrow();
    }

    private String listOf(String campaign) {
        return dataManager.userLists().stream()
                .filter(l -> l.getDisplayName().equals(campaign))
                .findFirst()
                .orElseThrow()
                .getName();
    }

    private List<CallRecord> memberCalls() {
        return dataManager.log().mutatingCalls().stream()
                .filter(c -> c.method().startsWith("audienceMembers"))
                .toList();
    }

    /** Each list's member keys in the Data Manager fake, by list name. */
    private Map<String, Set<String>> membersByList() {
        Map<String, Set<String>> members = new TreeMap<>();
        dataManager.userLists().forEach(list -> members.put(list.getName(), dataManager.members(list.getName())));
        return members;
    }

    private List<Map<String, Object>> users(Set<Integer> extra) {
        Set<Integer> ids = new TreeSet<>(extra);
        IntStream.rangeClosed(1, USERS).forEach(ids::add);
        return ids.stream().map(i -> Map.<String, Object>of("user_id", "u" + i)).toList();
    }

    private Map<String, Object> identity(int i) {
        Map<String, Object> row = new HashMap<>();
        row.put("user_id", "u" + i);
        row.put("email", email(i));
        row.put("phone", String.format("+49 151 %08d", 10_000_000 + i));
        row.put("consent_ad_user_data", true);
        row.put("consent_ad_personalization", true);
        row.put("opted_out", false);
        return row;
    }

    private static String email(int i) {
        return "user" + i + "@example.com";
    }

    private SegmentsJob job() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(Parameters.SAMPLE_USERS, "2000");
        parameters.put(Parameters.TARGET, "bigquery");
        parameters.put(Parameters.BIGQUERY_PROJECT, "fake-project");
        parameters.put(Parameters.BIGQUERY_ENDPOINT, google.bigQuery().endpoint());
        parameters.put(Parameters.DATA_TRANSFER_ENDPOINT, google.dataTransfer().endpoint());
        parameters.put(Parameters.GOOGLE_CREDENTIALS, "none");
        parameters.put(Parameters.AUDIENCES, "datamanager");
        parameters.put(Parameters.DATA_MANAGER_ENDPOINT, dataManager.endpoint());
        var settings = new SettingsResolver(parameters, Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()));
    }
}

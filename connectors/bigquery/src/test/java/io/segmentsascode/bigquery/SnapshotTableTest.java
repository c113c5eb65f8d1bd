package io.segmentsascode.bigquery;

import static io.segmentsascode.bigquery.FakeWarehouse.DATASET;
import static io.segmentsascode.bigquery.FakeWarehouse.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.apply.LastSync;
import io.segmentsascode.apply.MemberSnapshots;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.fakes.FakeBigQuery;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Member snapshots on the BigQuery target, through the fake, which stores the rows of {@code
 * _segments_member_snapshots} and evaluates the statements the target sends on them: what is recorded reads back,
 * statements stay under BigQuery's size limit, and the table expires what Google has expired too.
 */
class SnapshotTableTest {

    private static final String TABLE = PROJECT + "." + DATASET + "." + SnapshotTable.NAME;

    @TempDir
    Path state;

    private FakeWarehouse warehouse;

    @BeforeEach
    void start() throws Exception {
        warehouse = new FakeWarehouse(state);
    }

    @AfterEach
    void stop() throws Exception {
        warehouse.close();
    }

    @Test
    void whatIsRecordedReadsBackWithTheLatestSendAndRemovalsAndForgettingTakeRowsAway() {
        List<String> keys =
                IntStream.range(0, 12_000).mapToObj(SnapshotTableTest::key).toList();
        Instant first = Instant.parse("2026-12-01T00:00:00Z");
        Instant later = Instant.parse("2026-12-20T00:00:00Z");
        try (BigQueryTarget target = warehouse.open(List.of())) {
            MemberSnapshots snapshots = target.members().snapshots().orElseThrow();

            snapshots.record("cmp_a", keys, List.of(), first);
            assertEquals(12_000, snapshots.read("cmp_a").size());
            assertEquals(first, snapshots.read("cmp_a").get(keys.get(0)));
            assertEquals(
                    3, statements().stream().filter(s -> s.startsWith("INSERT")).count(), "5,000 rows a statement");
            assertTrue(statements().stream().allMatch(s -> s.length() < 1_000_000), "under BigQuery's 1 MB");

            snapshots.record("cmp_a", keys.subList(0, 10), keys.subList(10, 20), later);
            Map<String, Instant> read = snapshots.read("cmp_a");
            assertEquals(11_990, read.size());
            assertEquals(later, read.get(keys.get(0)), "a re-sent member carries its latest send");
            assertEquals(1, storedRows("cmp_a", keys.get(0)), "and one row, not two");
            assertFalse(read.containsKey(keys.get(10)));
            assertEquals(Map.of(), snapshots.read("cmp_b"), "per audience");

            snapshots.forget("cmp_a");
            assertEquals(Map.of(), snapshots.read("cmp_a"));
        }
        String create = statements().stream()
                .filter(s -> s.startsWith("CREATE TABLE IF NOT EXISTS"))
                .findFirst()
                .orElseThrow();
        assertTrue(create.contains("PARTITION BY DATE(last_sent)"), create);
        assertTrue(create.contains("partition_expiration_days = 545"), create);
    }

    @Test
    void aMemberWithSeveralRowsReadsBackWithItsLatestSend() {
        try (BigQueryTarget target = warehouse.open(List.of())) {
            MemberSnapshots snapshots = target.members().snapshots().orElseThrow();
            snapshots.record("cmp_a", List.of(key(1)), List.of(), Instant.parse("2026-12-01T00:00:00Z"));
            // a second row for the same member, as a crash between a sync's DELETE and INSERT can leave behind
            warehouse
                    .fakes
                    .bigQuery()
                    .state()
                    .insertRows(
                            TABLE,
                            List.of(Map.of(
                                    "audience",
                                    "cmp_a",
                                    "member",
                                    key(1),
                                    "last_sent",
                                    OffsetDateTime.parse("2026-12-09T00:00:00Z"))));

            assertEquals(Map.of(key(1), Instant.parse("2026-12-09T00:00:00Z")), snapshots.read("cmp_a"));
        }
    }

    @Test
    void theLastSyncsOutcomeIsKeptBesideTheSnapshotAndReadBackForTheNextPlan() {
        LastSync sync = new LastSync(
                Instant.parse("2026-12-01T10:00:00Z"),
                12,
                3,
                0,
                List.of(
                        new LastSync.Request(
                                "req-1", "add", 12, "PARTIAL_SUCCESS", Optional.of(new LastSync.MatchRate(20, 30))),
                        new LastSync.Request("req-2", "remove", 3, "SUCCESS", Optional.empty())));
        try (BigQueryTarget target = warehouse.open(List.of())) {
            MemberSnapshots snapshots = target.members().snapshots().orElseThrow();
            assertEquals(Optional.empty(), snapshots.lastSync("cmp_a"));

            snapshots.recordSync("cmp_a", sync);
            snapshots.recordSync("cmp_a", sync);

            assertEquals(Optional.of(sync), snapshots.lastSync("cmp_a"));
            assertEquals(Map.of(), snapshots.read("cmp_a"), "the outcome row is no member");
            snapshots.forget("cmp_a");
            assertEquals(Optional.empty(), snapshots.lastSync("cmp_a"));
        }
    }

    @Test
    void anythingButADigestKeyIsRefusedBeforeAStatementCarriesIt() {
        try (BigQueryTarget target = warehouse.open(List.of())) {
            MemberSnapshots snapshots = target.members().snapshots().orElseThrow();
            IllegalArgumentException refused = assertThrows(
                    IllegalArgumentException.class,
                    () -> snapshots.record("cmp_a", List.of("jane@example.com,"), List.of(), Instant.EPOCH));
            assertFalse(refused.getMessage().contains("jane"));
        }
        assertTrue(
                statements().stream().noneMatch(s -> s.contains("jane")),
                statements().toString());
    }

    private static String key(int i) {
        return Sha256.hex("email" + i) + "," + (i % 2 == 0 ? Sha256.hex("phone" + i) : "");
    }

    /** The statements the target sent to BigQuery. */
    private List<String> statements() {
        return warehouse.fakes.bigQuery().jobs().stream()
                .map(FakeBigQuery.JobRecord::sql)
                .toList();
    }

    /** Rows the fake stores for a member of an audience. */
    private long storedRows(String audience, String member) {
        return warehouse.fakes.bigQuery().state().rows(TABLE).stream()
                .filter(row -> audience.equals(row.get("audience")) && member.equals(row.get("member")))
                .count();
    }
}

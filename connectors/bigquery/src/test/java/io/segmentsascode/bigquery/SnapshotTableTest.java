package io.segmentsascode.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.segmentsascode.apply.LastSync;
import io.segmentsascode.apply.MemberSnapshots;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.fakes.QueryEngine;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Member snapshots on the BigQuery target, through the fake: the statements the target sends are answered by a
 * small stand-in for BigQuery's storage of that one table (the fake stores no rows), so what is recorded reads back,
 * statements stay under BigQuery's size limit, and the table expires what Google has expired too.
 */
class SnapshotTableTest {

    private static final Pattern SELECT = Pattern.compile(
            "SELECT member, UNIX_SECONDS\\(MAX\\(last_sent\\)\\) AS last_sent FROM \\S+ WHERE audience = '([^']+)' AND member != '#last-sync' GROUP BY member");
    private static final Pattern DELETE_SYNC =
            Pattern.compile("DELETE FROM \\S+ WHERE audience = '([^']+)' AND member = '#last-sync'");
    private static final Pattern INSERT_SYNC = Pattern.compile(
            "INSERT INTO \\S+ \\(audience, member, last_sent, outcome\\) VALUES \\('([^']+)', '#last-sync', TIMESTAMP_SECONDS\\(\\d+\\), '([^']*)'\\)");
    private static final Pattern SELECT_SYNC =
            Pattern.compile("SELECT outcome FROM \\S+ WHERE audience = '([^']+)' AND member = '#last-sync'");
    private static final Pattern DELETE_SOME =
            Pattern.compile("DELETE FROM \\S+ WHERE audience = '([^']+)' AND member IN \\((.*)\\)");
    private static final Pattern DELETE_ALL = Pattern.compile("DELETE FROM \\S+ WHERE audience = '([^']+)'");
    private static final Pattern INSERT =
            Pattern.compile("INSERT INTO \\S+ \\(audience, member, last_sent\\) VALUES (.*)");
    private static final Pattern ROW = Pattern.compile("\\('([^']+)', '([^']+)', TIMESTAMP_SECONDS\\((\\d+)\\)\\)");
    private static final Pattern LITERAL = Pattern.compile("'([^']+)'");

    @TempDir
    Path state;

    private FakeWarehouse warehouse;
    /** audience → member → send times (a member may have several rows, as in BigQuery). */
    private final Map<String, Map<String, List<Long>>> rows = new TreeMap<>();

    private final List<String> statements = new ArrayList<>();
    /** audience → the last sync row's outcome, as the statement wrote it. */
    private final Map<String, String> outcomes = new TreeMap<>();

    @BeforeEach
    void start() throws Exception {
        warehouse = new FakeWarehouse(state);
        warehouse.fakes.bigQuery().setQueryEngine((request, bigQueryState) -> answer(request.sql()));
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
                    3, statements.stream().filter(s -> s.startsWith("INSERT")).count(), "5,000 rows a statement");
            assertTrue(statements.stream().allMatch(s -> s.length() < 1_000_000), "under BigQuery's 1 MB");

            snapshots.record("cmp_a", keys.subList(0, 10), keys.subList(10, 20), later);
            Map<String, Instant> read = snapshots.read("cmp_a");
            assertEquals(11_990, read.size());
            assertEquals(later, read.get(keys.get(0)), "a re-sent member carries its latest send");
            assertEquals(1, rows.get("cmp_a").get(keys.get(0)).size(), "and one row, not two");
            assertFalse(read.containsKey(keys.get(10)));
            assertEquals(Map.of(), snapshots.read("cmp_b"), "per audience");

            snapshots.forget("cmp_a");
            assertEquals(Map.of(), snapshots.read("cmp_a"));
        }
        String create = statements.stream()
                .filter(s -> s.startsWith("CREATE TABLE IF NOT EXISTS"))
                .findFirst()
                .orElseThrow();
        assertTrue(create.contains("PARTITION BY DATE(last_sent)"), create);
        assertTrue(create.contains("partition_expiration_days = 545"), create);
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
        assertTrue(statements.stream().noneMatch(s -> s.contains("jane")), statements.toString());
    }

    private static String key(int i) {
        return Sha256.hex("email" + i) + "," + (i % 2 == 0 ? Sha256.hex("phone" + i) : "");
    }

    private QueryEngine.Result answer(String sql) {
        statements.add(sql);
        Matcher m;
        if (sql.startsWith("CREATE TABLE IF NOT EXISTS")) {
            return QueryEngine.Result.empty("CREATE_TABLE", true);
        }
        if ((m = SELECT.matcher(sql)).matches()) {
            List<List<String>> out = new ArrayList<>();
            rows.getOrDefault(m.group(1), Map.of())
                    .forEach((member, times) -> out.add(List.of(
                            member,
                            String.valueOf(times.stream()
                                    .mapToLong(Long::longValue)
                                    .max()
                                    .orElseThrow()))));
            JsonArray schema = new JsonArray();
            schema.add(field("member", "STRING"));
            schema.add(field("last_sent", "INTEGER"));
            return new QueryEngine.Result(schema, out, false, "SELECT", -1);
        }
        if ((m = SELECT_SYNC.matcher(sql)).matches()) {
            JsonArray schema = new JsonArray();
            schema.add(field("outcome", "STRING"));
            String outcome = outcomes.get(m.group(1));
            return new QueryEngine.Result(
                    schema,
                    outcome == null ? List.of() : List.of(List.of(outcome.replace("\\n", "\n"))),
                    false,
                    "SELECT",
                    -1);
        }
        if ((m = DELETE_SYNC.matcher(sql)).matches()) {
            return new QueryEngine.Result(
                    new JsonArray(), List.of(), true, "DELETE", outcomes.remove(m.group(1)) == null ? 0 : 1);
        }
        if ((m = INSERT_SYNC.matcher(sql)).matches()) {
            outcomes.put(m.group(1), m.group(2));
            return new QueryEngine.Result(new JsonArray(), List.of(), true, "INSERT", 1);
        }
        if ((m = DELETE_SOME.matcher(sql)).matches()) {
            Map<String, List<Long>> audience = rows.getOrDefault(m.group(1), new TreeMap<>());
            long deleted = 0;
            Matcher literal = LITERAL.matcher(m.group(2));
            while (literal.find()) {
                List<Long> gone = audience.remove(literal.group(1));
                deleted += gone == null ? 0 : gone.size();
            }
            return new QueryEngine.Result(new JsonArray(), List.of(), true, "DELETE", deleted);
        }
        if ((m = DELETE_ALL.matcher(sql)).matches()) {
            outcomes.remove(m.group(1));
            Map<String, List<Long>> gone = rows.remove(m.group(1));
            return new QueryEngine.Result(new JsonArray(), List.of(), true, "DELETE", gone == null ? 0 : gone.size());
        }
        if ((m = INSERT.matcher(sql)).matches()) {
            Matcher row = ROW.matcher(m.group(1));
            long inserted = 0;
            while (row.find()) {
                rows.computeIfAbsent(row.group(1), a -> new TreeMap<>())
                        .computeIfAbsent(row.group(2), k -> new ArrayList<>())
                        .add(Long.parseLong(row.group(3)));
                inserted++;
            }
            return new QueryEngine.Result(new JsonArray(), List.of(), true, "INSERT", inserted);
        }
        throw new AssertionError("unexpected statement: " + sql);
    }

    private static JsonObject field(String name, String type) {
        JsonObject field = new JsonObject();
        field.addProperty("name", name);
        field.addProperty("type", type);
        field.addProperty("mode", "NULLABLE");
        return field;
    }
}

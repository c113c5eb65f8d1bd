package io.segmentsascode.bigquery;

import io.segmentsascode.apply.Applier;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.fakes.GoogleFakes;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.DesiredResource;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.diff.StateDiff;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A project's BigQuery side on the fakes, planned and applied through the production path: the
 * target's readState and infrastructure, the core's StateDiff and Applier (with its lease).
 * Refreshes are constructed here, in the layout the compiler's one-scan scripts will have.
 */
final class FakeWarehouse implements AutoCloseable {

    static final String PROJECT = "fake-project";
    static final String DATASET = "segments";
    static final String LOCATION = "EU";
    static final String EVENTS = PROJECT + ".analytics.events";

    final GoogleFakes fakes;
    private final Path stateDir;
    private Optional<String> serviceAccount = Optional.empty();
    List<String> notices = new ArrayList<>();

    FakeWarehouse(Path stateDir) throws IOException {
        this.stateDir = stateDir;
        fakes = GoogleFakes.start(0, 0);
        fakes.bigQuery().state().addDataset(PROJECT + "." + DATASET, LOCATION);
        fakes.bigQuery().state().addDataset(PROJECT + ".analytics", LOCATION);
        fakes.bigQuery().state().putTable(EVENTS, "user_id:STRING", "event_ts:TIMESTAMP");
        fakes.bigQuery().state().setNumBytes(EVENTS, 5_000_000L);
    }

    FakeWarehouse runningAs(String serviceAccount) {
        this.serviceAccount = Optional.of(serviceAccount);
        return this;
    }

    /** A refresh writing {@code tables} (each a user_id column) with one transaction, as the one-scan layout does. */
    static ScheduledRefresh refresh(Refresh cadence, String version, String... tables) {
        StringBuilder script = new StringBuilder("BEGIN TRANSACTION;\n");
        for (String table : tables) {
            String name = "`" + PROJECT + "." + DATASET + "." + table + "`";
            script.append("TRUNCATE TABLE ").append(name).append(";\n");
            script.append("INSERT INTO ")
                    .append(name)
                    .append(" SELECT user_id FROM `")
                    .append(EVENTS)
                    .append("` /* ")
                    .append(version)
                    .append(" */;\n");
        }
        script.append("COMMIT TRANSACTION;\n");
        return new ScheduledRefresh(
                cadence,
                script.toString(),
                Sha256.hex(script.toString()),
                List.of(tables).stream()
                        .map(t -> new ScheduledRefresh.SegmentTable(
                                t, List.of(new OutputColumn("user_id", ColumnType.STRING))))
                        .toList());
    }

    static final RetryPolicy NO_WAIT_RETRIES =
            new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4), duration -> {});

    BigQueryTarget open(List<ScheduledRefresh> refreshes) {
        return open(refreshes, NO_WAIT_RETRIES);
    }

    BigQueryTarget open(List<ScheduledRefresh> refreshes, RetryPolicy retry) {
        return open(refreshes, retry, warehouse());
    }

    /** A target whose segments read {@code warehouse}'s tables (its identity table, say). */
    BigQueryTarget open(List<ScheduledRefresh> refreshes, RetryPolicy retry, Warehouse warehouse) {
        SegmentsSettings.GoogleCloud google = new SegmentsSettings.GoogleCloud(
                Optional.empty(),
                Optional.of(fakes.bigQuery().endpoint()),
                Optional.of(fakes.dataTransfer().endpoint()),
                "none",
                serviceAccount,
                1L << 30);
        TargetSettings settings = new TargetSettings(
                PROJECT, PROJECT, LOCATION, DATASET, serviceAccount, 1L << 30, TargetSettings.DEFAULT_RUN_TIMEOUT);
        return new BigQueryTarget(
                GoogleClients.open(PROJECT, google), settings, warehouse, refreshes, retry, Clock.systemUTC());
    }

    /** What the core's DesiredState contributes: a table per segment, its hash from the refresh's spec. */
    static List<DesiredResource> desiredTables(List<ScheduledRefresh> refreshes) {
        List<DesiredResource> desired = new ArrayList<>();
        for (ScheduledRefresh refresh : refreshes) {
            for (ScheduledRefresh.SegmentTable table : refresh.tables()) {
                desired.add(new DesiredResource(
                        new ResourceId(ResourceKind.SEGMENT_TABLE, table.name()),
                        Sha256.hex(table.name() + "\n" + refresh.specHash()),
                        refresh.cadence().label() + " refresh"));
            }
        }
        return desired;
    }

    List<Change> plan(List<ScheduledRefresh> refreshes, boolean prune) {
        try (BigQueryTarget target = open(refreshes)) {
            return plan(target, refreshes, prune);
        }
    }

    static List<Change> plan(BigQueryTarget target, List<ScheduledRefresh> refreshes, boolean prune) {
        List<DesiredResource> desired = new ArrayList<>(desiredTables(refreshes));
        desired.addAll(target.infrastructure());
        return StateDiff.plan(desired, target.readState(), prune);
    }

    /** Plans and applies with a target of its own, as one {@code segments:apply} run does. */
    List<Change> apply(List<ScheduledRefresh> refreshes, boolean prune) {
        try (BigQueryTarget target = open(refreshes)) {
            List<Change> changes = plan(target, refreshes, prune);
            new Applier(
                            stateDir,
                            Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC),
                            Duration.ofMinutes(15),
                            line -> {},
                            notices::add)
                    .apply("test", changes, target);
            return changes.stream().filter(c -> c.action().changesTarget()).toList();
        }
    }

    /**
     * Lets the lease of an apply that stopped without releasing it run out, as its 15 minutes would: the lease row in
     * {@code _segments_state} (stored by the fake) is made to have expired long ago.
     */
    void letTheStoppedApplysLeaseExpire() {
        fakes.bigQuery()
                .runAsTransfer(
                        PROJECT,
                        "UPDATE `" + PROJECT + "." + DATASET + "." + StateTable.NAME
                                + "` SET expires = TIMESTAMP_SECONDS(0) WHERE kind = 'LEASE'",
                        null,
                        null);
    }

    /** {@code "+ segment table seg_a"} lines of the changes an apply would make, for readable assertions. */
    static String summary(List<Change> changes) {
        return changes.stream()
                .filter(c -> c.action() != Action.UNCHANGED)
                .map(c -> c.action().symbol() + " " + c.id())
                .collect(Collectors.joining("\n"));
    }

    /** The warehouse.yaml of the fake's project: tables in {@link #DATASET}, no budget. */
    static Warehouse warehouse() {
        return new Warehouse(
                PROJECT,
                "analytics",
                List.of("rfm"),
                Map.of(),
                List.of(),
                null,
                Map.of(),
                Optional.empty(),
                List.of(),
                "hash",
                Optional.of(LOCATION),
                DATASET,
                Optional.empty());
    }

    @Override
    public void close() throws InterruptedException {
        fakes.close();
    }
}

package io.segmentsascode.bigquery;

import static io.segmentsascode.bigquery.StateTable.literal;

import com.google.cloud.bigquery.FieldValueList;
import io.segmentsascode.apply.LastSync;
import io.segmentsascode.apply.MemberSnapshots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code _segments_member_snapshots} in the output dataset: the members last synced to each audience, as hashed
 * member keys with when each was last sent, kept on the target because CI runners are thrown away. Partitioned by the
 * day of the last send with a partition expiration a little longer than the longest membership (540 days): a member
 * not sent for that long has left Google's list too, so its row goes by itself and no snapshot outlives its use.
 * Holds SHA-256 digests only; every value is checked to be one before it is written into a statement. One more row
 * per audience holds its last sync's outcome (member {@value #LAST_SYNC}; it expires like the others).
 */
final class SnapshotTable implements MemberSnapshots {

    static final String NAME = "_segments_member_snapshots";
    /** Google's longest membership (540 days) and a margin. */
    static final int PARTITION_EXPIRATION_DAYS = 545;
    /** Rows per statement: 5,000 keys of up to 129 characters keep a statement well under BigQuery's 1 MB. */
    static final int ROWS_PER_STATEMENT = 5_000;

    /** The member of the row holding an audience's last sync outcome; no key has this form. */
    static final String LAST_SYNC = "#last-sync";

    private static final Pattern KEY = Pattern.compile("(?:[0-9a-f]{64})?,(?:[0-9a-f]{64})?");
    private static final Pattern AUDIENCE = Pattern.compile("[A-Za-z0-9_.-]+");

    private final BigQueryJobs jobs;
    private final String table;
    private boolean exists;

    SnapshotTable(BigQueryJobs jobs, TargetSettings settings) {
        this.jobs = jobs;
        this.table = settings.qualified(NAME);
    }

    private void ensureExists() {
        if (exists) {
            return;
        }
        jobs.dml(
                "creating the member snapshot table " + NAME,
                "CREATE TABLE IF NOT EXISTS " + table
                        + " (audience STRING NOT NULL, member STRING NOT NULL, last_sent TIMESTAMP NOT NULL, outcome STRING)"
                        + " PARTITION BY DATE(last_sent) CLUSTER BY audience OPTIONS (partition_expiration_days = "
                        + PARTITION_EXPIRATION_DAYS + ", labels = [('" + Markers.MANAGED_BY + "', '" + Markers.SEGMENTS
                        + "')])",
                "snapshots");
        exists = true;
    }

    @Override
    public Map<String, Instant> read(String audience) {
        ensureExists();
        Map<String, Instant> members = new TreeMap<>();
        for (FieldValueList row : jobs.rows(
                "reading the member snapshot of " + audience,
                "SELECT member, UNIX_SECONDS(MAX(last_sent)) AS last_sent FROM " + table + " WHERE audience = "
                        + literal(checked(audience, AUDIENCE)) + " AND member != '" + LAST_SYNC + "' GROUP BY member",
                "snapshots")) {
            members.put(
                    row.get(0).getStringValue(),
                    Instant.ofEpochSecond(row.get(1).getLongValue()));
        }
        return members;
    }

    /**
     * The rows of re-sent and removed members are deleted, then the sent ones inserted with their send time: two
     * statements per chunk. A crash between them loses rows, never adds any, so the next sync sends those members
     * again (harmless: delivery is at least once).
     */
    @Override
    public void record(String audience, Collection<String> sent, Collection<String> removed, Instant at) {
        ensureExists();
        String where = "audience = " + literal(checked(audience, AUDIENCE));
        List<String> touched = new ArrayList<>(removed);
        touched.addAll(sent);
        for (List<String> chunk : chunks(touched)) {
            jobs.dml(
                    "updating the member snapshot of " + audience,
                    "DELETE FROM " + table + " WHERE " + where + " AND member IN (" + keys(chunk) + ")",
                    "snapshots");
        }
        String sentAt = "TIMESTAMP_SECONDS(" + at.getEpochSecond() + ")";
        for (List<String> chunk : chunks(new ArrayList<>(sent))) {
            jobs.dml(
                    "recording the members sent to " + audience,
                    "INSERT INTO " + table + " (audience, member, last_sent) VALUES "
                            + chunk.stream()
                                    .map(k -> "(" + literal(audience) + ", " + literal(checked(k, KEY)) + ", " + sentAt
                                            + ")")
                                    .collect(Collectors.joining(", ")),
                    "snapshots");
        }
    }

    /** The last sync's outcome as one row of member {@value #LAST_SYNC}: ids, counts and statuses, no identifier. */
    @Override
    public void recordSync(String audience, LastSync sync) {
        ensureExists();
        String where = "audience = " + literal(checked(audience, AUDIENCE)) + " AND member = '" + LAST_SYNC + "'";
        jobs.dml("recording the last sync of " + audience, "DELETE FROM " + table + " WHERE " + where, "snapshots");
        jobs.dml(
                "recording the last sync of " + audience,
                "INSERT INTO " + table + " (audience, member, last_sent, outcome) VALUES (" + literal(audience)
                        + ", '" + LAST_SYNC + "', TIMESTAMP_SECONDS("
                        + sync.at().getEpochSecond() + "), "
                        + literal(sync.toText()) + ")",
                "snapshots");
    }

    @Override
    public Optional<LastSync> lastSync(String audience) {
        ensureExists();
        List<FieldValueList> found = jobs.rows(
                "reading the last sync of " + audience,
                "SELECT outcome FROM " + table + " WHERE audience = " + literal(checked(audience, AUDIENCE))
                        + " AND member = '" + LAST_SYNC + "'",
                "snapshots");
        return found.isEmpty()
                ? Optional.empty()
                : Optional.of(LastSync.parse(found.get(0).get(0).getStringValue()));
    }

    @Override
    public void forget(String audience) {
        ensureExists();
        jobs.dml(
                "forgetting the member snapshot of " + audience,
                "DELETE FROM " + table + " WHERE audience = " + literal(checked(audience, AUDIENCE)),
                "snapshots");
    }

    private static String keys(List<String> chunk) {
        return chunk.stream().map(k -> literal(checked(k, KEY))).collect(Collectors.joining(", "));
    }

    private static List<List<String>> chunks(List<String> keys) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(keys.subList(from, Math.min(keys.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }

    /** Never writes anything but a digest key or an audience id into a statement (nothing in clear, no injection). */
    private static String checked(String value, Pattern allowed) {
        if (!allowed.matcher(value).matches()) {
            throw new IllegalArgumentException("not a member key or audience id; refused without being written");
        }
        return value;
    }
}

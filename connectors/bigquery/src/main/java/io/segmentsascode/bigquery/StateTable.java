package io.segmentsascode.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import io.segmentsascode.apply.ApplyException;
import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.TargetLease;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * {@code _segments_state} in the output dataset: the apply lease (one row, claimed with
 * conditional DML and an expiry, so two applies on two machines cannot interleave) and the
 * markers of audience destinations that keep none of their own. On the target, because CI
 * runners are thrown away after each job.
 */
final class StateTable {

    static final String NAME = "_segments_state";
    private static final String LEASE_KIND = "LEASE";
    private static final String LEASE_NAME = "apply";
    private static final String SYNC_KIND = "SYNC";
    private static final String SYNC_NAME = "last";
    private static final String SYNC_ROW = "kind = '" + SYNC_KIND + "' AND name = '" + SYNC_NAME + "'";

    private final BigQuery bigQuery;
    private final BigQueryJobs jobs;
    private final TargetSettings settings;
    private final Steps steps;

    StateTable(BigQuery bigQuery, BigQueryJobs jobs, TargetSettings settings, Steps steps) {
        this.bigQuery = bigQuery;
        this.jobs = jobs;
        this.settings = settings;
        this.steps = steps;
    }

    /**
     * Whether apply has created the table yet: reads go through this, never {@link #ensureExists},
     * so a plan (run by pull requests with a read-only identity) changes nothing on the target.
     */
    private boolean exists() {
        TableId id = TableId.of(settings.dataProject(), settings.dataset(), NAME);
        return steps.call("looking for the state table " + NAME, () -> bigQuery.getTable(id) != null);
    }

    private void ensureExists() {
        Schema schema = Schema.of(
                Field.of("kind", StandardSQLTypeName.STRING),
                Field.of("name", StandardSQLTypeName.STRING),
                Field.of("spec_hash", StandardSQLTypeName.STRING),
                Field.of("content", StandardSQLTypeName.STRING),
                Field.of("expires", StandardSQLTypeName.TIMESTAMP));
        TableId id = TableId.of(settings.dataProject(), settings.dataset(), NAME);
        steps.call("creating the state table " + NAME, () -> {
            if (bigQuery.getTable(id) != null) {
                return null;
            }
            try {
                return bigQuery.create(TableInfo.newBuilder(id, StandardTableDefinition.of(schema))
                        .setLabels(Map.of(Markers.MANAGED_BY, Markers.SEGMENTS))
                        .build());
            } catch (BigQueryException e) {
                if (e.getCode() == 409) {
                    return null; // another apply created it first
                }
                throw e;
            }
        });
    }

    /**
     * Claims the lease: one MERGE that takes the row when it is missing, expired, or already ours
     * (a retried claim whose answer was lost), and changes nothing otherwise. BigQuery serialises
     * DML on a table, so of two racing claims only one changes the row.
     */
    TargetLease claim(Duration lease, Consumer<String> notices) {
        ensureExists();
        String holder = holderName();
        String table = settings.qualified(NAME);
        String expiry = "TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL " + lease.toSeconds() + " SECOND)";
        String row = "kind = '" + LEASE_KIND + "' AND name = '" + LEASE_NAME + "'";
        Optional<String> previous = currentHolder(table, row);
        long claimed = jobs.dml(
                "claiming the apply lease in " + NAME,
                "MERGE " + table + " AS s USING (SELECT '" + LEASE_KIND + "' AS kind, '" + LEASE_NAME
                        + "' AS name) AS c ON s.kind = c.kind AND s.name = c.name"
                        + " WHEN MATCHED AND (s.expires < CURRENT_TIMESTAMP() OR s.content = " + literal(holder)
                        + ") THEN UPDATE SET content = " + literal(holder) + ", expires = " + expiry
                        + " WHEN NOT MATCHED THEN INSERT (kind, name, spec_hash, content, expires) VALUES ('"
                        + LEASE_KIND + "', '" + LEASE_NAME + "', NULL, " + literal(holder) + ", " + expiry + ")",
                "lease");
        if (claimed == 0) {
            throw new ApplyException(
                    NAME,
                    "another apply holds the BigQuery target: "
                            + currentHolder(table, row).orElse("another apply"),
                    "wait for it to finish; a crashed apply's lease expires by itself (" + lease + ")");
        }
        // the claim succeeded over a row another apply wrote: that apply stopped without releasing it
        previous.ifPresent(stopped -> notices.accept("took over the BigQuery apply lease of " + stopped));
        return new TargetLease() {
            @Override
            public void renew() {
                long renewed = jobs.dml(
                        "renewing the apply lease",
                        "UPDATE " + table + " SET expires = " + expiry + " WHERE " + row + " AND content = "
                                + literal(holder),
                        "lease");
                if (renewed == 0) {
                    throw new ApplyException(
                            NAME,
                            "the apply lease was taken over by another apply",
                            "let that apply finish, then plan again");
                }
            }

            @Override
            public void close() {
                jobs.dml(
                        "releasing the apply lease",
                        "DELETE FROM " + table + " WHERE " + row + " AND content = " + literal(holder),
                        "lease");
            }
        };
    }

    /** Who holds the lease row and until when, if anyone does. */
    private Optional<String> currentHolder(String table, String row) {
        return jobs
                .rows(
                        "reading the apply lease",
                        "SELECT content, CAST(expires AS STRING) FROM " + table + " WHERE " + row,
                        "lease")
                .stream()
                .findFirst()
                .map(r ->
                        r.get(0).getStringValue() + " (lease until " + r.get(1).getStringValue() + ")");
    }

    /** The end of the last successful apply, as recorded by {@link #recordSync}; a plan reads it, creating nothing. */
    Optional<Instant> lastSync() {
        if (!exists()) {
            return Optional.empty();
        }
        return jobs
                .rows(
                        "reading the last sync",
                        "SELECT content FROM " + settings.qualified(NAME) + " WHERE " + SYNC_ROW,
                        "markers")
                .stream()
                .findFirst()
                .map(row -> Instant.parse(row.get(0).getStringValue()));
    }

    void recordSync(Instant at) {
        ensureExists();
        String table = settings.qualified(NAME);
        jobs.dml(
                "recording the sync",
                "MERGE " + table + " AS s USING (SELECT '" + SYNC_KIND + "' AS kind, '" + SYNC_NAME
                        + "' AS name) AS c ON s.kind = c.kind AND s.name = c.name"
                        + " WHEN MATCHED THEN UPDATE SET content = " + literal(at.toString())
                        + " WHEN NOT MATCHED THEN INSERT (kind, name, spec_hash, content) VALUES (c.kind, c.name, NULL, "
                        + literal(at.toString()) + ")",
                "markers");
    }

    /** Markers of {@code kind} kept in the state table, each change durable when the statement returns. */
    MarkerStore markers() {
        String table = settings.qualified(NAME);
        return new MarkerStore() {
            @Override
            public Map<ResourceId, Marker> read(ResourceKind kind) {
                Map<ResourceId, Marker> markers = new TreeMap<>();
                if (!exists()) {
                    return markers; // nothing applied yet
                }
                for (FieldValueList row : jobs.rows(
                        "reading markers",
                        "SELECT name, spec_hash, content FROM " + table + " WHERE kind = " + literal(kind.name()),
                        "markers")) {
                    markers.put(
                            new ResourceId(kind, row.get(0).getStringValue()),
                            new Marker(row.get(1).getStringValue(), row.get(2).getStringValue()));
                }
                return markers;
            }

            @Override
            public void record(ResourceId id, Marker marker) {
                ensureExists();
                jobs.dml(
                        "recording the marker of " + id,
                        "MERGE " + table + " AS s USING (SELECT "
                                + literal(id.kind().name()) + " AS kind, "
                                + literal(id.name()) + " AS name) AS c ON s.kind = c.kind AND s.name = c.name"
                                + " WHEN MATCHED THEN UPDATE SET spec_hash = " + literal(marker.specHash())
                                + ", content = " + literal(marker.content())
                                + " WHEN NOT MATCHED THEN INSERT (kind, name, spec_hash, content) VALUES (c.kind, c.name, "
                                + literal(marker.specHash()) + ", " + literal(marker.content()) + ")",
                        "markers");
            }

            @Override
            public void forget(ResourceId id) {
                ensureExists();
                jobs.dml(
                        "forgetting the marker of " + id,
                        "DELETE FROM " + table + " WHERE kind = "
                                + literal(id.kind().name()) + " AND name = " + literal(id.name()),
                        "markers");
            }
        };
    }

    /** Who holds the lease, as a second apply's error names it; unique per apply. */
    private static String holderName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return "process " + ProcessHandle.current().pid() + " on " + host + " (" + UUID.randomUUID() + ")";
    }

    /** A GoogleSQL string literal. */
    static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }
}

package io.segmentsascode.duckdb;

import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.apply.WarehouseTarget;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.render.RenderedSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The embedded {@code local} warehouse target: segment tables materialised in
 * {@code .segments/local.duckdb} from the preview data. The marker of every managed resource (its
 * spec hash and a fingerprint of its content) is a row of {@code _segments_state} in the same
 * database, written in the same transaction as the table, so a crash never leaves a table without
 * its marker. The audience destination keeps its markers in the same table
 * ({@link #audienceMarkers()}), where earlier versions wrote them, so a state folder written
 * before tables and audiences were split reads the same.
 */
public final class LocalTarget implements WarehouseTarget {

    public static final String NAME = "local";
    public static final String DATABASE_FILE = "local.duckdb";
    static final String CATALOG = "target";
    static final String STATE_TABLE = CATALOG + ".main._segments_state";

    private final DuckDbPreviewEngine engine;
    private final Connection connection;
    private final Map<String, RenderedSegment> duckdb;
    private final Instant runTime;

    private LocalTarget(DuckDbPreviewEngine engine, List<RenderedSegment> duckdb, Instant runTime) {
        this.engine = engine;
        this.connection = engine.connection();
        this.duckdb = duckdb.stream()
                .collect(Collectors.toMap(RenderedSegment::segmentId, s -> s, (a, b) -> a, TreeMap::new));
        this.runTime = runTime;
    }

    /** Attaches the target database in {@code stateDir} (created on first use) to the preview engine's session. */
    static LocalTarget open(DuckDbPreviewEngine engine, Path stateDir, List<RenderedSegment> duckdb, Instant runTime) {
        LocalTarget target = new LocalTarget(engine, duckdb, runTime);
        try {
            Files.createDirectories(stateDir);
            DuckDbSql.execute(
                    target.connection,
                    "ATTACH "
                            + DuckDbSql.literal(stateDir.resolve(DATABASE_FILE)
                                    .toAbsolutePath()
                                    .toString()) + " AS " + CATALOG + " (READ_ONLY false)");
            DuckDbSql.execute(
                    target.connection,
                    "CREATE TABLE IF NOT EXISTS " + STATE_TABLE
                            + " (kind VARCHAR, name VARCHAR, spec_hash VARCHAR, content VARCHAR, PRIMARY KEY (kind, name))");
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot open the local target in " + stateDir + ": " + e.getMessage(), e);
        }
        return target;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ActualResource> readState() {
        try {
            Map<ResourceId, MarkerStore.Marker> markers = readMarkers(ResourceKind.SEGMENT_TABLE);
            Set<String> tables = new TreeSet<>(DuckDbSql.queryStrings(
                    connection,
                    "SELECT table_name FROM duckdb_tables() " + "WHERE database_name = '" + CATALOG
                            + "' AND schema_name = 'main' AND table_name LIKE 'seg\\_%' ESCAPE '\\'"));
            List<ActualResource> actual = new ArrayList<>();
            markers.forEach((id, marker) -> {
                ActualResource resource = ActualResource.managed(id, marker.specHash());
                if (!tables.contains(id.name())) {
                    resource = resource.drifted("table was dropped");
                } else if (!tableFingerprint(id.name()).equals(marker.content())) {
                    resource = resource.drifted("table rows were modified");
                }
                actual.add(resource);
            });
            tables.stream()
                    .map(t -> new ResourceId(ResourceKind.SEGMENT_TABLE, t))
                    .filter(id -> !markers.containsKey(id))
                    .forEach(id -> actual.add(ActualResource.unmanaged(id)));
            return actual;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the local target's state failed: " + DuckDbSql.gist(e), e);
        }
    }

    @Override
    public void apply(Change change) {
        if (change.id().kind() != ResourceKind.SEGMENT_TABLE) {
            throw new IllegalArgumentException("the local warehouse holds segment tables only, not " + change.id());
        }
        String table = CATALOG + ".main." + DuckDbSql.identifier(change.id().name());
        try {
            DuckDbSql.execute(connection, "BEGIN TRANSACTION");
            if (change.action() == Action.DELETE) {
                DuckDbSql.execute(connection, "DROP TABLE IF EXISTS " + table);
                deleteMarker(change.id());
            } else {
                RenderedSegment segment = duckdb.get(change.id().name());
                engine.bindRunTime(runTime);
                DuckDbSql.execute(
                        connection,
                        "CREATE OR REPLACE TABLE " + table + " AS SELECT * FROM "
                                + DuckDbPreviewEngine.subquery(segment.sql()) + " ORDER BY user_id");
                writeMarker(
                        change.id(),
                        new MarkerStore.Marker(
                                change.toHash().orElseThrow(),
                                tableFingerprint(change.id().name())));
            }
            DuckDbSql.execute(connection, "COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("applying " + change.id() + " failed: " + DuckDbSql.gist(e), e);
        }
    }

    @Override
    public MemberSource members() {
        return this::contacts;
    }

    /** The row of {@code _segments_state} that holds the end of the last successful apply. */
    private static final String SYNC_ROW = "kind = 'SYNC' AND name = 'last'";

    @Override
    public Optional<Instant> lastSync() {
        try {
            return DuckDbSql.queryStrings(connection, "SELECT content FROM " + STATE_TABLE + " WHERE " + SYNC_ROW)
                    .stream()
                    .findFirst()
                    .map(Instant::parse);
        } catch (SQLException e) {
            throw new IllegalStateException("reading the local target's last sync failed: " + DuckDbSql.gist(e), e);
        }
    }

    @Override
    public void recordSync(Instant at) {
        try {
            DuckDbSql.execute(
                    connection,
                    "INSERT OR REPLACE INTO " + STATE_TABLE + " VALUES ('SYNC', 'last', NULL, "
                            + DuckDbSql.literal(at.toString()) + ")");
        } catch (SQLException e) {
            throw new IllegalStateException("recording the local target's sync failed: " + DuckDbSql.gist(e), e);
        }
    }

    /** Markers in {@code _segments_state}, each change in a transaction of its own: durable when the call returns. */
    @Override
    public MarkerStore audienceMarkers() {
        return new MarkerStore() {
            @Override
            public Map<ResourceId, Marker> read(ResourceKind kind) {
                try {
                    return readMarkers(kind);
                } catch (SQLException e) {
                    throw new IllegalStateException(
                            "reading the local target's markers failed: " + DuckDbSql.gist(e), e);
                }
            }

            @Override
            public void record(ResourceId id, Marker marker) {
                inTransaction(id, () -> writeMarker(id, marker));
            }

            @Override
            public void forget(ResourceId id) {
                inTransaction(id, () -> deleteMarker(id));
            }
        };
    }

    private interface StateChange {
        void run() throws SQLException;
    }

    private void inTransaction(ResourceId id, StateChange change) {
        try {
            DuckDbSql.execute(connection, "BEGIN TRANSACTION");
            change.run();
            DuckDbSql.execute(connection, "COMMIT");
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("recording the marker of " + id + " failed: " + DuckDbSql.gist(e), e);
        }
    }

    private Map<ResourceId, MarkerStore.Marker> readMarkers(ResourceKind kind) throws SQLException {
        Map<ResourceId, MarkerStore.Marker> markers = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT name, spec_hash, content FROM " + STATE_TABLE
                        + " WHERE kind = " + DuckDbSql.literal(kind.name()))) {
            while (rows.next()) {
                markers.put(
                        new ResourceId(kind, rows.getString(1)),
                        new MarkerStore.Marker(rows.getString(2), rows.getString(3)));
            }
        }
        return markers;
    }

    /** Contact rows of the members of the given (already applied) segment tables. */
    private List<ContactRecord> contacts(List<String> segmentIds, CustomerMatch match) {
        String members = segmentIds.stream()
                .map(id -> "SELECT user_id FROM " + CATALOG + ".main." + DuckDbSql.identifier(id))
                .collect(Collectors.joining(" UNION "));
        String sql = "SELECT i.user_id, " + column(match.emailColumn()) + ", " + column(match.phoneColumn()) + ", "
                + column(match.adUserDataConsentColumn()) + ", " + column(match.adPersonalizationConsentColumn()) + ", "
                + column(match.suppressionColumn()) + " FROM " + RawSchema.qualifiedName(match.identityTable())
                + " AS i JOIN (" + members + ") AS m ON m.user_id = i.user_id ORDER BY i.user_id";
        List<ContactRecord> records = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                records.add(new ContactRecord(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        (Boolean) rows.getObject(4),
                        (Boolean) rows.getObject(5),
                        (Boolean) rows.getObject(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "reading the members of " + String.join(", ", segmentIds) + " failed: " + DuckDbSql.gist(e), e);
        }
        return records;
    }

    private static String column(Optional<String> column) {
        return column.map(c -> "i." + DuckDbSql.identifier(c)).orElse("NULL");
    }

    /** Order-independent fingerprint of a table's rows: detects edits made outside segments. */
    private String tableFingerprint(String table) {
        String sql = "SELECT CAST(count(*) AS VARCHAR) || ':' || CAST(coalesce(bit_xor(hash(t)), 0) AS VARCHAR) FROM "
                + CATALOG + ".main." + DuckDbSql.identifier(table) + " AS t";
        try {
            return DuckDbSql.queryStrings(connection, sql).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException("fingerprinting " + table + " failed: " + DuckDbSql.gist(e), e);
        }
    }

    private void writeMarker(ResourceId id, MarkerStore.Marker marker) throws SQLException {
        DuckDbSql.execute(
                connection,
                "INSERT OR REPLACE INTO " + STATE_TABLE + " VALUES ("
                        + DuckDbSql.literal(id.kind().name())
                        + ", " + DuckDbSql.literal(id.name()) + ", " + DuckDbSql.literal(marker.specHash()) + ", "
                        + DuckDbSql.literal(marker.content()) + ")");
    }

    private void deleteMarker(ResourceId id) throws SQLException {
        DuckDbSql.execute(
                connection,
                "DELETE FROM " + STATE_TABLE + " WHERE kind = "
                        + DuckDbSql.literal(id.kind().name()) + " AND name = " + DuckDbSql.literal(id.name()));
    }

    private void rollbackQuietly() {
        try {
            DuckDbSql.execute(connection, "ROLLBACK");
        } catch (SQLException ignored) {
            // no transaction was open
        }
    }

    @Override
    public void close() {
        try {
            DuckDbSql.execute(connection, "DETACH " + CATALOG);
        } catch (SQLException e) {
            throw new IllegalStateException("detaching the local target failed: " + DuckDbSql.gist(e), e);
        }
    }
}

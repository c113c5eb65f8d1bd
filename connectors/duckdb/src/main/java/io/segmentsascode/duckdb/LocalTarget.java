package io.segmentsascode.duckdb;

import io.segmentsascode.apply.Target;
import io.segmentsascode.audience.AudienceBuilder;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.CustomerMatchFile;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.resolve.SpecHash;
import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The embedded {@code local} target: segment tables materialised in {@code .segments/local.duckdb}
 * from the preview data, and one Customer Match upload file per campaign mapping under
 * {@code .segments/audiences/}. The marker of every managed resource (its spec hash and a
 * fingerprint of its content) is a row of {@code _segments_state} in the same database, written
 * in the same transaction as the table, so a crash never leaves a table without its marker.
 * A file cannot share that transaction, so an audience's marker is recorded first, with the
 * fingerprint of the file about to be written: a crash in between leaves a marker whose file is
 * missing or stale, which the next plan repairs. Only apply writes to the audience folder, so a
 * file there without a marker (left by a version that wrote the file first) is reported as
 * ours but unrecorded, and written again while its mapping is defined.
 */
public final class LocalTarget implements Target {

    public static final String NAME = "local";
    public static final String DATABASE_FILE = "local.duckdb";
    public static final String AUDIENCE_DIR = "audiences";
    static final String CATALOG = "target";
    static final String STATE_TABLE = CATALOG + ".main._segments_state";

    private final DuckDbPreviewEngine engine;
    private final Connection connection;
    private final Path audienceDir;
    private final ResolvedProject project;
    private final Map<String, RenderedSegment> duckdb;
    private final Instant runTime;
    private final IdentifierHasher hasher;
    private final Consumer<ResourceId> afterAudienceMarker;

    private LocalTarget(DuckDbPreviewEngine engine, Path stateDir, ResolvedProject project, List<RenderedSegment> duckdb,
            Instant runTime, IdentifierHasher hasher, Consumer<ResourceId> afterAudienceMarker) {
        this.engine = engine;
        this.connection = engine.connection();
        this.audienceDir = stateDir.resolve(AUDIENCE_DIR);
        this.project = project;
        this.duckdb = duckdb.stream().collect(Collectors.toMap(RenderedSegment::segmentId, s -> s, (a, b) -> a, TreeMap::new));
        this.runTime = runTime;
        this.hasher = hasher;
        this.afterAudienceMarker = afterAudienceMarker;
    }

    /** Attaches the target database (created on first use) to the preview engine's session. */
    public static LocalTarget open(DuckDbPreviewEngine engine, Path stateDir, ResolvedProject project,
            List<RenderedSegment> duckdb, Instant runTime, IdentifierHasher hasher) {
        return open(engine, stateDir, project, duckdb, runTime, hasher, id -> { });
    }

    /**
     * {@code afterAudienceMarker}: called between recording an audience's marker and writing its
     * file, so tests can stop an apply exactly there.
     */
    static LocalTarget open(DuckDbPreviewEngine engine, Path stateDir, ResolvedProject project,
            List<RenderedSegment> duckdb, Instant runTime, IdentifierHasher hasher, Consumer<ResourceId> afterAudienceMarker) {
        LocalTarget target = new LocalTarget(engine, stateDir, project, duckdb, runTime, hasher, afterAudienceMarker);
        try {
            Files.createDirectories(stateDir);
            DuckDbSql.execute(target.connection, "ATTACH " + DuckDbSql.literal(stateDir.resolve(DATABASE_FILE).toAbsolutePath()
                    .toString()) + " AS " + CATALOG + " (READ_ONLY false)");
            DuckDbSql.execute(target.connection, "CREATE TABLE IF NOT EXISTS " + STATE_TABLE
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
            Map<ResourceId, String[]> markers = new TreeMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT kind, name, spec_hash, content FROM " + STATE_TABLE)) {
                while (rows.next()) {
                    markers.put(new ResourceId(ResourceKind.valueOf(rows.getString(1)), rows.getString(2)),
                            new String[] {rows.getString(3), rows.getString(4)});
                }
            }
            Set<String> tables = new TreeSet<>(DuckDbSql.queryStrings(connection, "SELECT table_name FROM duckdb_tables() "
                    + "WHERE database_name = '" + CATALOG + "' AND schema_name = 'main' AND table_name LIKE 'seg\\_%' ESCAPE '\\'"));
            Set<String> files = audienceFiles();
            List<ActualResource> actual = new ArrayList<>();
            markers.forEach((id, marker) -> {
                ActualResource resource = ActualResource.managed(id, marker[0]);
                Optional<String> current = id.kind() == ResourceKind.SEGMENT_TABLE
                        ? (tables.contains(id.name()) ? Optional.of(tableFingerprint(id.name())) : Optional.empty())
                        : (files.contains(id.name()) ? Optional.of(fileFingerprint(id.name())) : Optional.empty());
                if (current.isEmpty()) {
                    resource = resource.drifted(id.kind() == ResourceKind.SEGMENT_TABLE ? "table was dropped"
                            : "file is missing (deleted, or an apply stopped before writing it)");
                } else if (!current.get().equals(marker[1])) {
                    resource = resource.drifted(id.kind() == ResourceKind.SEGMENT_TABLE ? "table rows were modified"
                            : "file content changed (edited, or an apply stopped before writing it)");
                }
                actual.add(resource);
            });
            tables.stream().map(t -> new ResourceId(ResourceKind.SEGMENT_TABLE, t)).filter(id -> !markers.containsKey(id))
                    .forEach(id -> actual.add(ActualResource.unmanaged(id)));
            files.stream().map(f -> new ResourceId(ResourceKind.AUDIENCE, f)).filter(id -> !markers.containsKey(id))
                    .forEach(id -> actual.add(ActualResource.unrecorded(id,
                            "file exists without its marker (an apply stopped between writing it and recording it)")));
            return actual;
        } catch (SQLException e) {
            throw new IllegalStateException("reading the local target's state failed: " + DuckDbSql.gist(e), e);
        }
    }

    @Override
    public void apply(Change change) {
        try {
            if (change.id().kind() == ResourceKind.SEGMENT_TABLE) {
                applyTable(change);
            } else {
                applyAudience(change);
            }
        } catch (SQLException e) {
            rollbackQuietly();
            throw new IllegalStateException("applying " + change.id() + " failed: " + DuckDbSql.gist(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("applying " + change.id() + " failed", e);
        }
    }

    private void applyTable(Change change) throws SQLException {
        String table = CATALOG + ".main." + DuckDbSql.identifier(change.id().name());
        DuckDbSql.execute(connection, "BEGIN TRANSACTION");
        if (change.action() == Action.DELETE) {
            DuckDbSql.execute(connection, "DROP TABLE IF EXISTS " + table);
            deleteMarker(change.id());
        } else {
            RenderedSegment segment = duckdb.get(change.id().name());
            engine.bindRunTime(runTime);
            DuckDbSql.execute(connection, "CREATE OR REPLACE TABLE " + table + " AS SELECT * FROM "
                    + DuckDbPreviewEngine.subquery(segment.sql()) + " ORDER BY user_id");
            writeMarker(change.id(), change.toHash().orElseThrow(), tableFingerprint(change.id().name()));
        }
        DuckDbSql.execute(connection, "COMMIT");
    }

    private void applyAudience(Change change) throws SQLException, IOException {
        Path file = audienceFile(change.id().name());
        if (change.action() == Action.DELETE) {
            // file first: stopping in between leaves a marker without its file, still planned for deletion
            Files.deleteIfExists(file);
            DuckDbSql.execute(connection, "BEGIN TRANSACTION");
            deleteMarker(change.id());
            DuckDbSql.execute(connection, "COMMIT");
            return;
        }
        Campaign campaign = project.campaigns().stream().filter(c -> c.id().equals(change.id().name())).findFirst().orElseThrow();
        String csv = CustomerMatchFile.render(new AudienceBuilder(hasher).build(contacts(campaign)));
        // marker first: stopping before the file is written then shows as drift, never as "nothing to do"
        DuckDbSql.execute(connection, "BEGIN TRANSACTION");
        writeMarker(change.id(), change.toHash().orElseThrow(), fingerprint(csv));
        DuckDbSql.execute(connection, "COMMIT");
        afterAudienceMarker.accept(change.id());
        AtomicFiles.write(file, csv);
    }

    /** Contact rows of the members of the campaign's (already applied) segment tables. */
    private List<ContactRecord> contacts(Campaign campaign) throws SQLException {
        CustomerMatch match = project.warehouse().customerMatch().orElseThrow(() -> new IllegalStateException(
                "warehouse.yaml declares no customer_match identity table, so audiences cannot be exported"));
        String members = campaign.segments().stream()
                .map(id -> "SELECT user_id FROM " + CATALOG + ".main." + DuckDbSql.identifier(id))
                .collect(Collectors.joining(" UNION "));
        String sql = "SELECT i.user_id, " + column(match.emailColumn()) + ", " + column(match.phoneColumn()) + ", "
                + column(match.adUserDataConsentColumn()) + ", " + column(match.adPersonalizationConsentColumn()) + ", "
                + column(match.suppressionColumn()) + " FROM " + RawSchema.qualifiedName(match.identityTable())
                + " AS i JOIN (" + members + ") AS m ON m.user_id = i.user_id ORDER BY i.user_id";
        List<ContactRecord> records = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                records.add(new ContactRecord(rows.getString(1), rows.getString(2), rows.getString(3),
                        (Boolean) rows.getObject(4), (Boolean) rows.getObject(5), (Boolean) rows.getObject(6)));
            }
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

    /** Bytes that are not UTF-8 give a fingerprint that matches no marker (drift), not an encoding error. */
    private String fileFingerprint(String campaign) {
        try {
            return fingerprint(new String(Files.readAllBytes(audienceFile(campaign)), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fingerprint(String csv) {
        return Sha256.hex(csv);
    }

    private Set<String> audienceFiles() {
        if (!Files.isDirectory(audienceDir)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(audienceDir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path audienceFile(String campaign) {
        return audienceDir.resolve(campaign + ".csv");
    }

    private void writeMarker(ResourceId id, String specHash, String content) throws SQLException {
        DuckDbSql.execute(connection, "INSERT OR REPLACE INTO " + STATE_TABLE + " VALUES (" + DuckDbSql.literal(id.kind().name())
                + ", " + DuckDbSql.literal(id.name()) + ", " + DuckDbSql.literal(specHash) + ", " + DuckDbSql.literal(content) + ")");
    }

    private void deleteMarker(ResourceId id) throws SQLException {
        DuckDbSql.execute(connection, "DELETE FROM " + STATE_TABLE + " WHERE kind = " + DuckDbSql.literal(id.kind().name())
                + " AND name = " + DuckDbSql.literal(id.name()));
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

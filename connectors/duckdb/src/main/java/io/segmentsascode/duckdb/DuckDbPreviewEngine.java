package io.segmentsascode.duckdb;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.PreviewEngine.TimeRange;
import io.segmentsascode.preview.PreviewException;
import io.segmentsascode.preview.SegmentPreview;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.RenderedSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs segments rendered for the {@code duckdb} dialect on embedded DuckDB, over a generated
 * sample (cached, opened read-only) or the user's extracts (loaded into memory).
 */
public final class DuckDbPreviewEngine implements PreviewEngine {

    public static final String DIALECT = "duckdb";
    /** Shown for members whose label is NULL (a TreeMap of counts cannot hold a null key). */
    static final String NULL_LABEL = "(null)";

    private final Connection connection;
    private final Warehouse warehouse;
    private final SampleSource source;
    /** Computed on first use; empty when no row has a time. */
    private Optional<TimeRange> dataTimeRange;

    private DuckDbPreviewEngine(Connection connection, Warehouse warehouse, SampleSource source) {
        this.connection = connection;
        this.warehouse = warehouse;
        this.source = source;
    }

    /**
     * Opens the preview warehouse. A generated sample is taken from {@code <stateDir>/sample} or
     * generated there first; an extract is loaded and checked ({@link PreviewException} on problems).
     */
    public static DuckDbPreviewEngine open(Warehouse warehouse, SampleSource source, Path stateDir) {
        if (source instanceof SampleSource.Generated generated) {
            Path sample = SampleCache.obtain(stateDir, warehouse, generated.spec());
            return new DuckDbPreviewEngine(connect(sample.toAbsolutePath().toString(), true), warehouse, source);
        }
        SampleSource.Extract extract = (SampleSource.Extract) source;
        Connection connection = connect("", false);
        try {
            ExtractLoader.load(connection, warehouse, extract.path());
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
        return new DuckDbPreviewEngine(connection, warehouse, source);
    }

    /** In-memory when {@code database} is empty. Sessions run in UTC: the raw timestamps are naive UTC. */
    private static Connection connect(String database, boolean readOnly) {
        Properties properties = new Properties();
        if (readOnly) {
            // the cached sample is shared by every later run: previews must not change it
            properties.setProperty("duckdb.read_only", "true");
        }
        try {
            Connection connection = DuckDbSql.connect(database, properties);
            DuckDbSql.execute(connection, "SET TimeZone = 'UTC'");
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot open DuckDB " + (database.isEmpty() ? "in memory" : database) + ": " + DuckDbSql.gist(e),
                    e);
        }
    }

    @Override
    public String dialect() {
        return DIALECT;
    }

    /** The latest value of any table's time column. */
    @Override
    public Instant latestDataTime() {
        return dataTimeRange().map(TimeRange::latest).orElseGet(this::timeWhenDataHasNone);
    }

    /** The earliest and latest values of the tables' time columns, computed once. */
    @Override
    public Optional<TimeRange> dataTimeRange() {
        if (dataTimeRange == null) {
            dataTimeRange = queryDataTimeRange();
        }
        return dataTimeRange;
    }

    /**
     * Members are distinct users. A segment has one row per user: rows that repeat a user fail the
     * segment (intent and sql segments' own check fails the query; the figures then come from
     * their rows without it), and so does SQL DuckDB rejects, each as a {@link SegmentRunException}.
     */
    @Override
    public SegmentPreview run(RenderedSegment segment, Instant runTime) {
        requireDialect(segment);
        long started = System.nanoTime();
        String query = subquery(segment.sql());
        try {
            bindRunTime(runTime);
            RowCount count = countRows(query);
            if (count.repeatsUsers()) {
                throw repeatedUsers(segment, count, null);
            }
            Map<String, Long> labels = segment.hasLabel() ? countLabels(query) : Map.of();
            return new SegmentPreview(
                    segment.segmentId(), count.users(), labels, Duration.ofNanos(System.nanoTime() - started));
        } catch (SQLException e) {
            throw failure(segment, e);
        }
    }

    @Override
    public List<String> members(RenderedSegment segment, Instant runTime) {
        requireDialect(segment);
        String sql =
                "SELECT DISTINCT user_id FROM " + subquery(segment.sql()) + " WHERE user_id IS NOT NULL ORDER BY 1";
        try {
            bindRunTime(runTime);
            return DuckDbSql.queryStrings(connection, sql);
        } catch (SQLException e) {
            throw failure(segment, e);
        }
    }

    @Override
    public List<List<Object>> read(String purpose, String query, Instant runTime) {
        try {
            bindRunTime(runTime);
        } catch (SQLException e) {
            throw new SegmentRunException(purpose, "DuckDB: " + DuckDbSql.gist(e), e);
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            int columns = rows.getMetaData().getColumnCount();
            List<List<Object>> result = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int column = 1; column <= columns; column++) {
                    row.add(rows.getObject(column));
                }
                result.add(Collections.unmodifiableList(row));
            }
            return List.copyOf(result);
        } catch (SQLException e) {
            throw new SegmentRunException(purpose, "DuckDB: " + DuckDbSql.gist(e), e);
        }
    }

    /** Rows of a segment and the users on them; NULL counts as one user, as the one-row-per-user check groups it. */
    record RowCount(long rows, long users) {
        boolean repeatsUsers() {
            return rows != users;
        }
    }

    private RowCount countRows(String query) throws SQLException {
        String sql =
                "SELECT count(*), count(DISTINCT user_id) + (CASE WHEN count(*) > count(user_id) THEN 1 ELSE 0 END) FROM "
                        + query;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return new RowCount(rows.getLong(1), rows.getLong(2));
        }
    }

    /**
     * Why the segment failed: repeated users, with the counts of its rows without the check, when
     * that is what failed its check; otherwise DuckDB's message (our bug, or SQL it cannot run).
     */
    private SegmentRunException failure(RenderedSegment segment, SQLException e) {
        if (!segment.rowsSql().equals(segment.sql())) {
            try {
                RowCount count = countRows(subquery(segment.rowsSql()));
                if (count.repeatsUsers()) {
                    return repeatedUsers(segment, count, e);
                }
            } catch (SQLException unrelated) {
                // the rows themselves cannot be read: DuckDB's first message says why
            }
        }
        return new SegmentRunException(segment.segmentId(), "DuckDB: " + DuckDbSql.gist(e), e);
    }

    private static SegmentRunException repeatedUsers(RenderedSegment segment, RowCount count, SQLException e) {
        return new SegmentRunException(
                segment.segmentId(),
                String.format(
                        Locale.ROOT,
                        "user_id is not unique: %,d rows for %,d users (a segment has one row per user: GROUP BY user_id or "
                                + "SELECT DISTINCT)",
                        count.rows(),
                        count.users()),
                e);
    }

    /** Generated: the cache file's name (spec, generator version, layout); extract: its path, size and time. */
    @Override
    public String dataFingerprint() {
        if (source instanceof SampleSource.Generated generated) {
            return "generated:" + generated.spec().users() + ":"
                    + generated.spec().seed() + ":v" + SampleWarehouse.GENERATOR_VERSION + ":"
                    + WarehouseLayout.hash(warehouse);
        }
        Path path = ((SampleSource.Extract) source).path().toAbsolutePath();
        try (Stream<Path> files = Files.walk(path)) {
            StringBuilder fingerprint = new StringBuilder("extract:" + WarehouseLayout.hash(warehouse));
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                fingerprint
                        .append(':')
                        .append(path.relativize(file))
                        .append('=')
                        .append(Files.size(file))
                        .append('@')
                        .append(Files.getLastModifiedTime(file).toMillis());
            }
            return fingerprint.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String dataLabel() {
        if (source instanceof SampleSource.Generated generated) {
            return String.format(
                    Locale.ROOT,
                    "generated sample, %,d users, seed %d",
                    generated.spec().users(),
                    generated.spec().seed());
        }
        return "extract " + Location.displayPath(((SampleSource.Extract) source).path());
    }

    /** For tests and diagnostics: the session holding {@code raw.*}. Do not change the data through it. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException("closing DuckDB failed: " + DuckDbSql.gist(e), e);
        }
    }

    private static void requireDialect(RenderedSegment segment) {
        if (!DIALECT.equals(segment.dialect())) {
            throw new IllegalArgumentException(
                    "segment '" + segment.segmentId() + "' was rendered for " + segment.dialect() + ", not " + DIALECT);
        }
    }

    /** Segment SQL reads the reference time from this session variable (see DuckDbDialect). */
    void bindRunTime(Instant runTime) throws SQLException {
        DuckDbSql.execute(connection, "SET VARIABLE run_time = " + DuckDbSql.timestampLiteral(runTime));
    }

    /** Newlines keep a trailing line comment from swallowing the closing parenthesis. */
    static String subquery(String sql) {
        String body = sql.strip();
        while (body.endsWith(";")) {
            body = body.substring(0, body.length() - 1).strip();
        }
        return "(\n" + body + "\n) AS segment";
    }

    private Map<String, Long> countLabels(String query) throws SQLException {
        String sql = "SELECT " + OutputColumn.LABEL_COLUMN + ", count(*) FROM " + query + " GROUP BY 1";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            Map<String, Long> counts = new LinkedHashMap<>();
            while (rows.next()) {
                String label = rows.getString(1);
                counts.put(label == null ? NULL_LABEL : label, rows.getLong(2));
            }
            return counts;
        }
    }

    private Optional<TimeRange> queryDataTimeRange() {
        List<String> perTable = timeColumns().stream()
                .map(t -> {
                    String time = "CAST(" + DuckDbSql.identifier(t.timeColumn().orElseThrow()) + " AS TIMESTAMP)";
                    return "SELECT min(" + time + ") AS earliest, max(" + time + ") AS latest FROM "
                            + RawSchema.qualifiedName(t.name());
                })
                .toList();
        if (perTable.isEmpty()) {
            return Optional.empty();
        }
        String sql = "SELECT CAST(epoch_us(min(earliest)) AS VARCHAR), CAST(epoch_us(max(latest)) AS VARCHAR) FROM ("
                + String.join(" UNION ALL ", perTable) + ")";
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            if (rows.getString(1) == null) {
                return Optional.empty();
            }
            return Optional.of(new TimeRange(instantOfMicros(rows.getString(1)), instantOfMicros(rows.getString(2))));
        } catch (SQLException e) {
            throw new IllegalStateException("reading the time range of the data failed: " + DuckDbSql.gist(e), e);
        }
    }

    private static Instant instantOfMicros(String micros) {
        return Instant.EPOCH.plus(Long.parseLong(micros), ChronoUnit.MICROS);
    }

    private List<Table> timeColumns() {
        return warehouse.tables().values().stream()
                .filter(t -> t.timeColumn().filter(c -> t.column(c).isPresent()).isPresent())
                .toList();
    }

    /** Generated data is anchored at its fixed end; an extract without any time needs an explicit reference time. */
    private Instant timeWhenDataHasNone() {
        if (source instanceof SampleSource.Extract extract) {
            List<Table> tables = timeColumns();
            String what = tables.isEmpty()
                    ? "the warehouse declares no time_column, so the sample data has no latest time"
                    : "no rows with a time in "
                            + tables.stream()
                                    .map(t -> t.name() + "." + t.timeColumn().orElseThrow())
                                    .collect(Collectors.joining(", "));
            throw new PreviewException(List.of(Diagnostic.error(
                    Location.startOf(extract.path()), what, "give the preview an explicit reference time (asOf)")));
        }
        return SampleWarehouse.END_TIME;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // already failing with the more useful error
        }
    }
}

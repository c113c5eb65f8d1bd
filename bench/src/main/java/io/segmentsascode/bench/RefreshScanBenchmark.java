package io.segmentsascode.bench;

import io.segmentsascode.duckdb.DuckDbPreviewEngine;
import io.segmentsascode.duckdb.SampleSource;
import io.segmentsascode.duckdb.SampleSpec;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.RefreshPlanner;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedScript;
import io.segmentsascode.render.ScriptRenderer;
import io.segmentsascode.render.SqlRenderer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Bytes scanned per refresh as segments grow: the per-segment layout (one CREATE TABLE AS per
 * segment, each reading the events through its own envelope) against the one-scan layout (the
 * refresh script: feature table, staging tables from it, swap), for N generated structured
 * segments over the same events, measured by DuckDB's own profiler (JSON, detailed): for every
 * TABLE_SCAN of a raw table, its rows scanned and the bytes of the columns it read (rows scanned
 * × the bytes per row of its output, {@code intermediate_size_bytes / intermediate_rows}). The
 * reference is one scan of the events: every row, with the columns the feature table's scan
 * reads. DuckDB evaluates a WITH clause referenced twice once (BigQuery evaluates it at each
 * reference), so a layout's scans here are a lower bound of BigQuery's.
 *
 * <pre>java -cp CLASSPATH RefreshScanBenchmark --users 400000 --sizes 10,100,1000 --work DIR</pre>
 */
public final class RefreshScanBenchmark {

    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);
    private static final String[] LABELS = {"champions", "loyal", "at_risk", "new_high_potential"};
    private static final String EVENTS = "raw.events";

    /** What the profiler saw over a layout's statements: raw-table scans and wall time. */
    record Scans(long eventRows, long eventBytes, long allBytes, double seconds, String eventColumns) {
        Scans plus(Scans other) {
            return new Scans(
                    eventRows + other.eventRows,
                    eventBytes + other.eventBytes,
                    allBytes + other.allBytes,
                    seconds + other.seconds,
                    eventColumns.isEmpty() ? other.eventColumns : eventColumns);
        }
    }

    private final Connection connection;
    private final Path profile;

    private RefreshScanBenchmark(Connection connection, Path profile) {
        this.connection = connection;
        this.profile = profile;
    }

    public static void main(String[] args) throws Exception {
        int users = 40_000;
        List<Integer> sizes = List.of(10, 100, 1000);
        Path work = Path.of("bench", "work", "refresh-scan");
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--users" -> users = Integer.parseInt(args[i + 1]);
                case "--sizes" ->
                    sizes = Stream.of(args[i + 1].split(","))
                            .map(Integer::parseInt)
                            .toList();
                case "--work" -> work = Path.of(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Files.createDirectories(work);
        Path warehouse = Path.of("segments", "warehouse.yaml");
        Instant runTime;
        Path state = work.resolve("state");
        ResolvedProject first = project(work, warehouse, sizes.get(0));
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(
                first.warehouse(), new SampleSource.Generated(new SampleSpec(users, SampleSpec.DEFAULT_SEED)), state)) {
            runTime = engine.latestDataTime();
        }
        Path sample;
        int sampleUsers = users;
        try (Stream<Path> files = Files.walk(state)) {
            String name = "-users" + sampleUsers + "-";
            sample = files.filter(f -> f.getFileName().toString().contains(name)
                            && f.toString().endsWith(".duckdb"))
                    .findFirst()
                    .orElseThrow();
        }
        System.out.printf(Locale.ROOT, "sample: %d users, run time %s%n%n", users, runTime);
        System.out.println("| segments | layout | events rows scanned | × one scan | events bytes read | × one scan "
                + "| all raw bytes read | seconds |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (int n : sizes) {
            ResolvedProject project = n == sizes.get(0) ? first : project(work, warehouse, n);
            List<GeneratedSegment> generated = new Stages().generate(project);
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
                RefreshScanBenchmark bench = new RefreshScanBenchmark(connection, work.resolve("profile.json"));
                bench.execute("SET TimeZone = 'UTC'");
                bench.execute("ATTACH '" + sample.toAbsolutePath() + "' AS sample (READ_ONLY)");
                bench.execute("USE sample");
                bench.execute("ATTACH ':memory:' AS " + DuckDbDialect.OUTPUT_SCHEMA);
                bench.execute("SET VARIABLE " + DuckDbDialect.RUN_TIME_VARIABLE + " = TIMESTAMP '"
                        + MICROS.format(runTime) + "'");
                DuckDbDialect dialect = new DuckDbDialect();
                Scans perSegment = bench.perSegment(project, generated, dialect);
                Scans oneScan = bench.refresh(project, generated, dialect);
                Scans reference = bench.profiled("CREATE OR REPLACE TABLE " + DuckDbDialect.OUTPUT_SCHEMA
                        + ".one_scan AS SELECT " + oneScan.eventColumns() + " FROM " + EVENTS);
                row(n, "per segment", perSegment, reference);
                row(n, "one scan", oneScan, reference);
            }
        }
    }

    private static void row(int n, String layout, Scans scans, Scans reference) {
        System.out.printf(
                Locale.ROOT,
                "| %,d | %s | %,d | %.2f× | %,d | %.2f× | %,d | %.2f |%n",
                n,
                layout,
                scans.eventRows(),
                (double) scans.eventRows() / reference.eventRows(),
                scans.eventBytes(),
                (double) scans.eventBytes() / reference.eventBytes(),
                scans.allBytes(),
                scans.seconds());
    }

    /** N structured segments: RFM labels with conditions, and behavioural rules over a few windows. */
    private static ResolvedProject project(Path work, Path warehouse, int n) throws Exception {
        Path dir = work.resolve("n" + n);
        Path segments = dir.resolve("segments");
        Path campaigns = dir.resolve("campaigns");
        if (!Files.isDirectory(segments)) {
            Files.createDirectories(segments);
            Files.createDirectories(campaigns);
            Files.copy(warehouse, segments.resolve("warehouse.yaml"));
            int[] windows = {7, 30, 90, 180, 365};
            for (int i = 0; i < n; i++) {
                String id;
                String body;
                if (i % 2 == 0) {
                    id = String.format(Locale.ROOT, "seg_rfm_bench_%04d", i);
                    body = "rfm:\n  select: [" + LABELS[i / 2 % LABELS.length] + "]\nwhere: m >= " + (1 + i / 8 % 5)
                            + "\n";
                } else {
                    id = String.format(Locale.ROOT, "seg_lifecycle_bench_%04d", i);
                    int window = windows[i / 2 % windows.length];
                    body = "rules:\n  window_days: " + window + "\n  metrics:\n"
                            + metric("views", "events", "event_name = 'product_view'")
                            + metric("purchases_in_window", "events", "revenue > 0")
                            + metric("email_visits", "sessions", "source = 'email'")
                            + "  include: views >= " + (1 + i % 7) + " and email_visits >= " + (i % 3) + "\n"
                            + "  exclude: purchases_in_window > 0\n  output: [views]\n";
                }
                Files.writeString(
                        segments.resolve(id + ".yaml"),
                        "# yaml-language-server: $schema=../schemas/segment-v1.json\n"
                                + "id: " + id + "\ndescription: Benchmark segment " + i
                                + ".\nowner: bench@example.com\n"
                                + "stage: experimental\nrefresh: daily\n" + body);
            }
        }
        return new Stages().check(segments, campaigns);
    }

    private static String metric(String name, String table, String where) {
        return "    " + name + ":\n      table: " + table + "\n      aggregate: count\n      where: " + where + "\n";
    }

    /** Each segment's own query, materialised as a scheduled query per segment would. */
    private Scans perSegment(ResolvedProject project, List<GeneratedSegment> generated, DuckDbDialect dialect)
            throws Exception {
        SqlRenderer renderer = new SqlRenderer(project.warehouse(), dialect);
        Scans total = new Scans(0, 0, 0, 0, "");
        for (GeneratedSegment segment : generated) {
            total = total.plus(profiled("CREATE OR REPLACE TABLE " + DuckDbDialect.OUTPUT_SCHEMA + ".per_segment_"
                    + segment.segment().id() + " AS\n"
                    + renderer.render(segment).sql()));
        }
        return total;
    }

    /** The refresh script, statement by statement, after apply's DDL (not counted). */
    private Scans refresh(ResolvedProject project, List<GeneratedSegment> generated, DuckDbDialect dialect)
            throws Exception {
        ScriptRenderer renderer = ScriptRenderer.duckDb(project.warehouse(), dialect);
        Scans total = new Scans(0, 0, 0, 0, "");
        for (RenderedScript script : new RefreshPlanner(project.warehouse())
                .plan(generated).stream().map(renderer::render).toList()) {
            for (String statement : script.setup()) {
                execute(statement);
            }
            for (String statement : script.statements()) {
                total = total.plus(profiled(statement));
            }
        }
        return total;
    }

    private Scans profiled(String sql) throws Exception {
        execute("SET enable_profiling = 'json'");
        execute("SET profiling_output = '" + profile.toAbsolutePath() + "'");
        execute("SET profiling_mode = 'detailed'");
        long started = System.nanoTime();
        execute(sql);
        double seconds = (System.nanoTime() - started) / 1e9;
        execute("SET enable_profiling = 'no_output'");
        JsonNode root = new ObjectMapper().readTree(Files.readString(profile));
        long[] sums = new long[3];
        StringBuilder eventColumns = new StringBuilder();
        for (JsonNode operator : root.path("operator")) {
            scans(operator, sums, eventColumns);
        }
        return new Scans(sums[0], sums[1], sums[2], seconds, eventColumns.toString());
    }

    /** Adds every raw-table scan under {@code node}: events rows, events bytes, bytes of all raw tables. */
    private static void scans(JsonNode node, long[] sums, StringBuilder eventColumns) {
        if ("\"TABLE_SCAN\"".equals(node.path("type").toString())) {
            String table = node.path("extra_info").path("Table").toString().replace("\"", "");
            // the bytes of the columns the scan reads, over every row it reads (its output is after the filters)
            long rows = node.path("rows_scanned").asLong();
            long bytes = rows
                    * node.path("intermediate_size_bytes").asLong()
                    / Math.max(1, node.path("intermediate_rows").asLong());
            if (table.contains(".raw.")) {
                sums[2] += bytes;
            }
            if (table.endsWith(".raw.events")) {
                sums[0] += rows;
                sums[1] += bytes;
                if (eventColumns.isEmpty()) {
                    List<String> columns = new ArrayList<>();
                    for (JsonNode column : node.path("extra_info").path("Projections")) {
                        columns.add(column.toString().replace("\"", ""));
                    }
                    eventColumns.append(String.join(", ", columns));
                }
            }
        }
        for (JsonNode child : node.path("children")) {
            scans(child, sums, eventColumns);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

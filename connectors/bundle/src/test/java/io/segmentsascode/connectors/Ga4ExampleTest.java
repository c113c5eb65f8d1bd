package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.ArtifactGuard;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.duckdb.DuckDbPreviewEngine;
import io.segmentsascode.duckdb.SampleSource;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.googlesql.SqlAnalyzers;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.intent.SqlSources;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.SqlRenderer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GA4 example project ({@code examples/ga4}): its day-sharded {@code events_*} table and the
 * segment over {@code event_params} validate, compile to BigQuery SQL that bounds
 * {@code _TABLE_SUFFIX} and that GoogleSQL's analyzer accepts as it will be sent, and preview on a
 * GA4-shaped Parquet extract with nested parameters, selecting exactly the members the test
 * computes from the generated events itself.
 */
class Ga4ExampleTest {

    private static final Path SEGMENTS = Path.of("..", "..", "examples", "ga4", "segments");
    private static final Path CAMPAIGNS = Path.of("..", "..", "examples", "ga4", "campaigns");
    private static final String SEGMENT = "seg_engagement_sale_browsers";
    private static final Instant RUN_TIME = Instant.parse("2026-01-31T18:00:00Z");
    private static final long MICROS_PER_SECOND = 1_000_000L;

    @TempDir
    Path dir;

    /** One GA4 event as the test generates it; a null parameter is absent from event_params. */
    private record Event(
            String user, String name, Instant time, String pageLocation, Long engagementMsec, boolean withoutParams) {}

    @Test
    void compilesWithAShardBoundAndPreviewsTheMembersComputedFromTheEvents() throws SQLException, IOException {
        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(SEGMENTS, CAMPAIGNS);
        AnalyzerProvider analyzers = googleSql();
        SqlSources sources =
                new SqlSources(project.warehouse(), analyzers, new Analyses.Fresh(), Parameters.DEFAULT_MODEL);
        List<GeneratedSegment> generated = compiler.generate(
                project,
                compiler.sources(project, sources, LockFile.empty(), dir.resolve("segments.lock"), true)
                        .sql());
        GeneratedSegment segment = generated.stream()
                .filter(g -> g.segment().id().equals(SEGMENT))
                .findFirst()
                .orElseThrow();

        String bigQuery = new SqlRenderer(project.warehouse(), new BigQueryDialect())
                .render(segment)
                .sql();
        assertTrue(bigQuery.contains("FROM `acme-web-analytics.analytics_123456789.events_*`"), bigQuery);
        // no declared window: the table's lookback_days (30), a day of margin each side for the property's time zone
        assertTrue(
                bigQuery.contains("WHERE _TABLE_SUFFIX BETWEEN FORMAT_DATE('%Y%m%d', DATE_SUB(DATE(@run_time),"
                        + " INTERVAL 31 DAY)) AND FORMAT_DATE('%Y%m%d', DATE_ADD(DATE(@run_time), INTERVAL 1 DAY))"),
                bigQuery);
        Map<String, ?> violations = new ArtifactGuard(project.warehouse(), analyzers, new Analyses.Fresh())
                .check(List.of(new ArtifactGuard.Artifact(SEGMENT, bigQuery, segment.columns(), true)));
        assertEquals(Map.of(), violations, "the compiled file, envelope included, analysed over the physical tables");

        List<Event> events = events();
        writeParquetExtract(events, dir.resolve("extract"));
        SqlRenderer preview =
                new SqlRenderer(project.warehouse(), new DuckDbDialect(new ResolvedTreeDuckDbTranslator()));
        RenderedSegment rendered = preview.render(segment);
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Extract(dir.resolve("extract")), dir.resolve("state"))) {
            List<String> members = engine.members(rendered, RUN_TIME);
            List<String> expected = expectedMembers(events);
            assertTrue(expected.size() >= 5 && expected.size() < 60, "the sample separates members: " + expected);
            assertEquals(expected, members);
        }
    }

    /**
     * The segment's definition computed in Java from the events: page views of a URL with
     * {@code /sale} and summed {@code engagement_time_msec} in (run_time - 14 days, run_time].
     */
    private static List<String> expectedMembers(List<Event> events) {
        Map<String, long[]> byUser = new TreeMap<>();
        Instant from = RUN_TIME.minus(Duration.ofDays(14));
        for (Event event : events) {
            if (!event.time().isAfter(from) || event.time().isAfter(RUN_TIME)) {
                continue;
            }
            long[] totals = byUser.computeIfAbsent(event.user(), u -> new long[2]);
            if (event.name().equals("page_view")
                    && event.pageLocation() != null
                    && event.pageLocation().contains("/sale")) {
                totals[0]++;
            }
            if (event.engagementMsec() != null) {
                totals[1] += event.engagementMsec();
            }
        }
        return byUser.entrySet().stream()
                .filter(e -> e.getValue()[0] >= 3 && e.getValue()[1] >= 60_000)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** 60 visitors over 40 days before the run time, some events without parameters at all. */
    private static List<Event> events() {
        Random random = new Random(4);
        List<String> pages = List.of(
                "https://shop.example/",
                "https://shop.example/sale/shoes",
                "https://shop.example/new",
                "https://shop.example/sale",
                "https://shop.example/cart");
        List<Event> events = new ArrayList<>();
        for (int user = 1; user <= 60; user++) {
            String id = "p" + user;
            int count = 10 + random.nextInt(40);
            for (int i = 0; i < count; i++) {
                Instant time =
                        RUN_TIME.minusSeconds(random.nextInt(40 * 24 * 3600)).plusSeconds(random.nextInt(7200) - 3600);
                String name = random.nextInt(4) == 0 ? "scroll" : "page_view";
                boolean withoutParams = random.nextInt(15) == 0;
                String page = withoutParams || random.nextInt(6) == 0 ? null : pages.get(random.nextInt(pages.size()));
                Long engagement = withoutParams || random.nextInt(3) == 0 ? null : (long) random.nextInt(40_000);
                events.add(new Event(id, name, time, page, engagement, withoutParams));
            }
        }
        return events;
    }

    /** The events as GA4 exports them, written to events.parquet with nested event_params. */
    private static void writeParquetExtract(List<Event> events, Path folder) throws SQLException, IOException {
        Files.createDirectories(folder);
        DateTimeFormatter day = DateTimeFormatter.BASIC_ISO_DATE;
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            statement.execute(
                    "CREATE TABLE events (event_date VARCHAR, event_timestamp BIGINT, event_name VARCHAR,"
                            + " event_params STRUCT(\"key\" VARCHAR, \"value\" STRUCT(string_value VARCHAR, int_value BIGINT,"
                            + " float_value DOUBLE, double_value DOUBLE))[], user_pseudo_id VARCHAR,"
                            + " device STRUCT(category VARCHAR, operating_system VARCHAR), geo STRUCT(country VARCHAR),"
                            + " items STRUCT(item_id VARCHAR, item_name VARCHAR, item_category VARCHAR, price DOUBLE, quantity BIGINT)[])");
            for (Event event : events) {
                List<String> params = new ArrayList<>();
                if (event.pageLocation() != null) {
                    params.add(param("page_location", "'" + event.pageLocation() + "'", "NULL"));
                }
                if (event.engagementMsec() != null) {
                    params.add(param(
                            "engagement_time_msec",
                            "NULL",
                            event.engagementMsec().toString()));
                }
                params.add(param(
                        "ga_session_id", "NULL", String.valueOf(event.time().getEpochSecond() / 1800)));
                long micros = event.time().getEpochSecond() * MICROS_PER_SECOND;
                statement.execute("INSERT INTO events VALUES ('"
                        + LocalDate.ofInstant(event.time(), ZoneOffset.UTC).format(day)
                        + "', " + micros + ", '" + event.name() + "', "
                        + (event.withoutParams() ? "NULL" : params.stream().collect(Collectors.joining(", ", "[", "]")))
                        + ", '" + event.user() + "', {'category': 'mobile', 'operating_system': 'Android'},"
                        + " {'country': 'DE'}, [])");
            }
            statement.execute("COPY events TO '"
                    + folder.resolve("events.parquet")
                            .toAbsolutePath()
                            .toString()
                            .replace("'", "''") + "' (FORMAT PARQUET)");
        }
    }

    private static String param(String key, String stringValue, String intValue) {
        return "{'key': '" + key + "', 'value': {'string_value': " + stringValue + ", 'int_value': " + intValue
                + ", 'float_value': NULL, 'double_value': NULL}}";
    }

    private static AnalyzerProvider googleSql() {
        SqlAnalyzers.Choice choice = SqlAnalyzers.best();
        assertTrue(
                choice.exact(),
                "GoogleSQL's own analyzer loads here: " + choice.message().orElse(""));
        SqlAnalyzer analyzer = choice.analyzer();
        return new AnalyzerProvider() {
            @Override
            public String version() {
                return analyzer.version();
            }

            @Override
            public SqlAnalyzer get() {
                return analyzer;
            }
        };
    }
}

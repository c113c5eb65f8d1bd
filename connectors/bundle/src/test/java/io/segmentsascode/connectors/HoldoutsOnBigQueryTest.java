package io.segmentsascode.connectors;

import static io.segmentsascode.connectors.ProjectCopies.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.segmentsascode.audience.HoldoutGroupsSql;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.evaluate.Comparison;
import io.segmentsascode.evaluate.Evaluation;
import io.segmentsascode.evaluate.HoldoutArmsQuery;
import io.segmentsascode.evaluate.HoldoutGroupsTable;
import io.segmentsascode.fakes.FakeBigQuery;
import io.segmentsascode.fakes.GoogleFakes;
import io.segmentsascode.fakes.QueryEngine;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Holdouts with {@code segments.target=bigquery}: apply has BigQuery compute each synced mapping's groups from
 * its segment tables into {@value HoldoutGroupsTable#NAME} with the guarded query inside a fixed template, and
 * {@code segments:evaluate} compares the groups there with one guarded, capped query per mapping whose sums (fed
 * by a test query engine: the fake stores no rows) become the holdout comparison of every report.
 */
class HoldoutsOnBigQueryTest {

    private static final Path REPO = Path.of("..", "..");
    private static final String MAPPING = "cmp_winback_at_risk";
    private static final String GROUPS_TABLE = "acme-marketing.analytics." + HoldoutGroupsTable.NAME;
    private static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path project;

    private GoogleFakes fakes;
    private final List<String> console = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        fakes = GoogleFakes.start(0, 0);
        fakes.bigQuery().state().addDataset("fake-project.analytics", "EU");
        fakes.bigQuery().state().addDataset("acme-marketing.analytics", "EU");
        LiveWarehouseOnFakesTest.seedBundledSourceTables(fakes.bigQuery());
        copy(REPO.resolve("segments"), project.resolve("segments"));
        Files.copy(REPO.resolve("segments.lock"), project.resolve("segments.lock"));
        Files.copy(
                REPO.resolve("campaigns").resolve(MAPPING + ".yaml"),
                Files.createDirectories(project.resolve("campaigns")).resolve(MAPPING + ".yaml"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        fakes.close();
    }

    @Test
    void applyHasBigQueryWriteTheGroupsWithTheGuardedQueryInsideTheFixedTemplate() {
        ResolvedProject definitions = job().validate();
        Campaign campaign = mapping(definitions);
        String groupsQuery = HoldoutGroupsSql.select(
                new BigQueryDialect(),
                definitions.warehouse(),
                campaign,
                definitions.campaigns(),
                definitions.warehouse().customerMatch().orElseThrow());

        job().apply();

        List<FakeBigQuery.JobRecord> holdout = jobs("holdout");
        assertEquals(2, holdout.size(), holdout.toString());
        String create = holdout.get(0).sql();
        assertTrue(create.startsWith("CREATE TABLE IF NOT EXISTS `" + GROUPS_TABLE + "`"), create);
        assertTrue(create.contains("PARTITION BY DATE(assigned_at)"), create);
        assertTrue(create.contains("partition_expiration_days = 545"), create);
        assertTrue(create.contains("labels = [('managed-by', 'segments')]"), create);
        String script = holdout.get(1).sql();
        assertTrue(
                script.startsWith("BEGIN TRANSACTION;\nDELETE FROM `" + GROUPS_TABLE + "` WHERE mapping = '" + MAPPING
                        + "';\nINSERT INTO `" + GROUPS_TABLE + "`"),
                script);
        assertTrue(
                script.contains(", 'winback_2026', g.user_id, g.holdout_group, CURRENT_TIMESTAMP() FROM (\n"
                        + groupsQuery + "\n) AS g;\nCOMMIT TRANSACTION;"),
                script);
        assertTrue(script.endsWith("COMMIT TRANSACTION;"), script);
        // the query computes the split on BigQuery from the segment tables: no user id is written into it
        assertTrue(groupsQuery.contains("TO_HEX(MD5(CONCAT('winback_2026:', m.user_id)))"), groupsQuery);
        assertTrue(groupsQuery.contains("`acme-marketing.analytics.seg_rfm_at_risk`"), groupsQuery);
        assertTrue(fakes.bigQuery().state().hasTable(GROUPS_TABLE));
        // the groups live where evaluate on BigQuery reads them, and only there: no copy in the runner's state folder
        assertFalse(Files.exists(project.resolve(".segments/holdouts/" + MAPPING + ".csv")));
    }

    @Test
    void evaluateComparesTheGroupsOnBigQueryWithOneGuardedCappedQuery() throws IOException {
        ResolvedProject definitions = job().validate();
        String expectedSql =
                HoldoutArmsQuery.render(new BigQueryDialect(), definitions.warehouse(), mapping(definitions));
        fakes.bigQuery().state().putTable(GROUPS_TABLE, "mapping", "salt", "user_id", "holdout_group", "assigned_at");
        QueryEngine standard = fakes.bigQuery().queryEngine();
        fakes.bigQuery()
                .setQueryEngine((request, state) -> request.sql().equals(expectedSql)
                        ? new QueryEngine.Result(
                                armsSchema(),
                                List.of(
                                        List.of("control", "400", "12", "1500.5", "90000.25"),
                                        List.of("treated", "3600", "180", "21000", "1400000.5")),
                                false,
                                "SELECT",
                                -1)
                        : standard.execute(request, state));

        Evaluation evaluation = job().evaluate();

        assertEquals(1, evaluation.holdouts().size(), console.toString());
        Comparison comparison = evaluation.holdouts().get(0);
        assertEquals("holdout " + MAPPING, comparison.experiment());
        assertEquals(400, comparison.a().orElseThrow().users());
        assertEquals(12, comparison.a().orElseThrow().converted());
        assertEquals(1500.5, comparison.a().orElseThrow().revenue());
        assertEquals(3600, comparison.b().orElseThrow().users());
        assertEquals(180, comparison.b().orElseThrow().converted());
        assertEquals(1400000.5, comparison.b().orElseThrow().revenueSquares());
        // 3 % against 5 % of users converting: the treated members are ahead
        assertTrue(comparison.conversion().defined(), comparison.conversion().toString());
        assertTrue(Files.readString(project.resolve("target/segments/evaluation.md"))
                .contains("holdout " + MAPPING));
        assertTrue(Files.readString(project.resolve("target/segments/evaluation.json"))
                .contains("holdout " + MAPPING));

        List<FakeBigQuery.JobRecord> sent = jobs("holdout");
        assertEquals(1, sent.size(), sent.toString());
        assertEquals(expectedSql, sent.get(0).sql(), "the text sent is the text guarded");
        assertEquals(Parameters.DEFAULT_MAXIMUM_BYTES_BILLED, sent.get(0).maximumBytesBilled());
        assertTrue(expectedSql.contains("FROM `" + GROUPS_TABLE + "` AS g"), expectedSql);
        assertTrue(expectedSql.contains("event_time <= @run_time"), expectedSql);
        // the reference time (segments.asOf) is bound as @run_time, not written into the text
        assertTrue(
                fakes.log().calls().stream()
                        .filter(c -> c.request().contains("segments-purpose")
                                && c.request().contains("\"holdout\"")
                                && c.request().contains("run_time"))
                        .anyMatch(c -> c.request().contains("2026-03-01 00:00:00")),
                fakes.log().calls().toString());
        assertTrue(expectedSql.contains("INTERVAL 60 DAY"), "the mapping's membership window: " + expectedSql);
    }

    @Test
    void beforeAnyApplyEvaluateSaysTheGroupsAreNotWrittenYetAndSendsNoHoldoutQuery() {
        Evaluation evaluation = job().evaluate();

        assertEquals(List.of(), evaluation.holdouts());
        assertTrue(
                console.stream()
                        .anyMatch(l -> l.contains("no groups written yet on BigQuery acme-marketing.analytics")),
                console.toString());
        assertEquals(List.of(), jobs("holdout"));
    }

    private List<FakeBigQuery.JobRecord> jobs(String purpose) {
        return fakes.bigQuery().jobs().stream()
                .filter(j -> purpose.equals(j.labels().get("segments-purpose")))
                .toList();
    }

    private static Campaign mapping(ResolvedProject definitions) {
        return definitions.campaigns().stream()
                .filter(c -> c.id().equals(MAPPING))
                .findFirst()
                .orElseThrow();
    }

    private static JsonArray armsSchema() {
        JsonArray fields = new JsonArray();
        for (String[] field : new String[][] {
            {"holdout_group", "STRING"},
            {"users", "INTEGER"},
            {"converted", "INTEGER"},
            {"revenue", "FLOAT"},
            {"revenue_sq_sum", "FLOAT"}
        }) {
            JsonObject f = new JsonObject();
            f.addProperty("name", field[0]);
            f.addProperty("type", field[1]);
            f.addProperty("mode", "NULLABLE");
            fields.add(f);
        }
        return fields;
    }

    private SegmentsJob job() {
        Map<String, String> parameters = new HashMap<>();
        parameters.put(Parameters.SAMPLE_USERS, "2000");
        parameters.put(Parameters.TARGET, "bigquery");
        parameters.put(Parameters.AS_OF, AS_OF.toString());
        parameters.put(Parameters.BIGQUERY_PROJECT, "fake-project");
        parameters.put(Parameters.BIGQUERY_ENDPOINT, fakes.bigQuery().endpoint());
        parameters.put(Parameters.DATA_TRANSFER_ENDPOINT, fakes.dataTransfer().endpoint());
        parameters.put(Parameters.GOOGLE_CREDENTIALS, "none");
        var settings = new SettingsResolver(parameters, Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        Console out = Console.recording(console);
        return new SegmentsJob(settings, out, new StandardConnectors().create(out, Map.of()));
    }
}

package io.segmentsascode.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.DatasetInfo;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import com.google.cloud.bigquery.TableResult;
import com.google.gson.JsonParser;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeBigQueryTest {
    private FakeBigQuery fake;
    private BigQuery bq;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBigQuery().start(0);
        bq = Clients.bigQuery(fake, "p");
        fake.state().addDataset("p.analytics");
        fake.state().putTable("p.analytics.events", "user_id:STRING", "event_ts:TIMESTAMP", "revenue:FLOAT");
        fake.state().setNumBytes("p.analytics.events", 5_000_000_000L);
        fake.state().putTable("p.analytics.users", "user_id:STRING", "country:STRING");
        fake.state().setNumBytes("p.analytics.users", 70_000L);
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void dryRunAnswersTheSumOfTheTablesTheQueryReads() {
        String sql =
                "-- header p.analytics.nothing\nSELECT e.user_id FROM `p.analytics.events` e JOIN p.analytics.users u USING (user_id)"
                        + " JOIN `p`.analytics.events e2 USING (user_id)";
        Job job = bq.create(JobInfo.of(QueryJobConfiguration.newBuilder(sql)
                .setDryRun(true)
                .setUseLegacySql(false)
                .build()));
        JobStatistics.QueryStatistics st = job.getStatistics();
        assertEquals(5_000_070_000L, st.getTotalBytesProcessed()); // events once, users once
        assertEquals(1, fake.dryRuns().size());
        assertEquals(5_000_070_000L, fake.dryRuns().get(0).totalBytesProcessed());
        assertTrue(fake.log().successfulMutations().isEmpty(), "a dry run mutates nothing");
        assertFalse(fake.state().hasTable("p.analytics.nothing"));
    }

    @Test
    void estimatorIsPluggableAndWildcardsSumShards() {
        fake.state().putTable("p.ga4.events_20261201");
        fake.state().setNumBytes("p.ga4.events_20261201", 10);
        fake.state().putTable("p.ga4.events_20261202");
        fake.state().setNumBytes("p.ga4.events_20261202", 32);
        Job job = bq.create(JobInfo.of(QueryJobConfiguration.newBuilder("SELECT 1 FROM `p.ga4.events_*`")
                .setDryRun(true)
                .build()));
        assertEquals(42L, ((JobStatistics.QueryStatistics) job.getStatistics()).getTotalBytesProcessed());

        fake.setBytesEstimator((project, sql, state) -> sql.length());
        Job again = bq.create(JobInfo.of(
                QueryJobConfiguration.newBuilder("SELECT 12345").setDryRun(true).build()));
        assertEquals(12L, ((JobStatistics.QueryStatistics) again.getStatistics()).getTotalBytesProcessed());
    }

    @Test
    void maximumBytesBilledBelowTheEstimateFailsWithBytesBilledLimitExceeded() {
        String sql = "SELECT user_id FROM `p.analytics.events`";
        // jobs.query fast path (bq.query)
        BigQueryException e = assertThrows(
                BigQueryException.class,
                () -> bq.query(QueryJobConfiguration.newBuilder(sql)
                        .setMaximumBytesBilled(1_000_000L)
                        .setLabels(Map.of("managed-by", "segments"))
                        .build()));
        assertEquals("bytesBilledLimitExceeded", e.getReason());
        assertEquals(400, e.getCode());
        assertFalse(e.isRetryable());
        // jobs.insert path: the job is created and ends DONE with the error
        Job job = bq.create(JobInfo.of(QueryJobConfiguration.newBuilder(sql)
                .setMaximumBytesBilled(1_000_000L)
                .build()));
        assertNotNull(job.getStatus().getError());
        assertEquals("bytesBilledLimitExceeded", job.getStatus().getError().getReason());
        // enough budget: runs
        bq.create(JobInfo.of(QueryJobConfiguration.newBuilder(sql)
                .setMaximumBytesBilled(5_000_000_000L)
                .build()));

        List<FakeBigQuery.JobRecord> jobs = fake.jobs();
        assertEquals(3, jobs.size());
        assertEquals(Map.of("managed-by", "segments"), jobs.get(0).labels());
        assertEquals(1_000_000L, jobs.get(0).maximumBytesBilled());
        assertEquals("bytesBilledLimitExceeded", jobs.get(1).error());
        assertNull(jobs.get(2).error());
    }

    @Test
    void tableLifecycleCreateGetPatchLabelsDelete() {
        TableId id = TableId.of("p", "analytics", "segment_buyers");
        Schema schema = Schema.of(
                Field.of("user_id", StandardSQLTypeName.STRING), Field.of("score", StandardSQLTypeName.INT64));
        bq.create(TableInfo.newBuilder(id, StandardTableDefinition.of(schema))
                .setLabels(Map.of("managed-by", "segments", "spec", "abc"))
                .build());
        BigQueryException dup = assertThrows(
                BigQueryException.class,
                () -> bq.create(TableInfo.newBuilder(id, StandardTableDefinition.of(schema))
                        .build()));
        assertEquals(409, dup.getCode());
        assertEquals("duplicate", dup.getReason());

        Table t = bq.getTable(id);
        assertEquals(Map.of("managed-by", "segments", "spec", "abc"), t.getLabels());
        assertEquals(
                List.of("user_id", "score"),
                t.getDefinition().getSchema().getFields().stream()
                        .map(Field::getName)
                        .toList());
        assertEquals(
                StandardSQLTypeName.INT64,
                t.getDefinition().getSchema().getFields().get("score").getType().getStandardType());

        t.toBuilder().setLabels(Map.of("spec", "def")).build().update();
        assertEquals("def", fake.state().labels("p.analytics.segment_buyers").get("spec"));
        assertEquals(1, fake.log().calls("tables.patch").size());
        assertTrue(fake.log().calls("tables.patch").get(0).request().contains("\"spec\":\"def\""));

        // drift behind the client's back, seen on the next get
        fake.state().setLabels("p.analytics.segment_buyers", Map.of("managed-by", "someone-else"));
        assertEquals(Map.of("managed-by", "someone-else"), bq.getTable(id).getLabels());

        assertTrue(bq.delete(id));
        assertNull(bq.getTable(id), "the client maps our 404 notFound to null");
        assertFalse(bq.delete(id));
        assertEquals(
                List.of(
                        "tables.insert",
                        "tables.insert",
                        "tables.get",
                        "tables.patch",
                        "tables.get",
                        "tables.delete",
                        "tables.get",
                        "tables.delete"),
                fake.calls().stream().map(CallRecord::method).toList());
        assertEquals(3, fake.log().mutatingCount(), "insert, patch, delete succeeded");
    }

    @Test
    void datasetsGetAndInsert() {
        assertNull(bq.getDataset("segments"));
        bq.create(DatasetInfo.newBuilder("p", "segments").setLocation("EU").build());
        assertEquals("EU", bq.getDataset("segments").getLocation());
        BigQueryException e = assertThrows(BigQueryException.class, () -> bq.create(DatasetInfo.of("segments")));
        assertEquals(409, e.getCode());
    }

    @Test
    void ddlScriptsTrackTablesAndInformationSchemaAnswersFromSchemas() throws Exception {
        String script = """
        -- segments-as-code managed
        CREATE TABLE IF NOT EXISTS `p.analytics.seg_a` (user_id STRING NOT NULL, score INT64, tags ARRAY<STRING>);
        CREATE OR REPLACE TABLE p.analytics.features AS SELECT user_id FROM `p.analytics.events`;
        CREATE TEMP TABLE staging AS SELECT 1 AS x;
        BEGIN TRANSACTION;
        TRUNCATE TABLE `p.analytics.seg_a`;
        INSERT INTO `p.analytics.seg_a` SELECT * FROM staging;
        COMMIT TRANSACTION;
        DROP TABLE IF EXISTS p.analytics.old_segment;
        """;
        bq.query(QueryJobConfiguration.newBuilder(script)
                .setLabels(Map.of("segments-run", "apply"))
                .build());
        assertTrue(fake.state().hasTable("p.analytics.seg_a"));
        assertTrue(fake.state().hasTable("p.analytics.features"));
        assertFalse(fake.state().hasTable("p.analytics.staging"));
        assertTrue(fake.log().calls("jobs.query").get(0).mutating());

        TableResult r = bq.query(QueryJobConfiguration.newBuilder(
                        "SELECT column_name, data_type FROM `p.analytics`.INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'seg_a' ORDER BY ordinal_position")
                .build());
        List<String> cols = new ArrayList<>();
        for (FieldValueList row : r.iterateAll())
            cols.add(row.get("column_name").getStringValue() + " "
                    + row.get("data_type").getStringValue() + " "
                    + row.get("is_nullable").getStringValue());
        assertEquals(List.of("user_id STRING NO", "score INT64 YES", "tags ARRAY<STRING> YES"), cols);
        assertFalse(fake.log().calls("jobs.query").get(1).mutating(), "a SELECT is not a mutating call");
    }

    @Test
    void ddlOnPermanentTablesInsideATransactionFailsAndRollbackRestores() {
        BigQueryException e = assertThrows(
                BigQueryException.class,
                () -> bq.query(QueryJobConfiguration.newBuilder(
                                "BEGIN TRANSACTION; CREATE OR REPLACE TABLE p.analytics.x AS SELECT 1; COMMIT TRANSACTION;")
                        .build()));
        assertEquals("invalidQuery", e.getReason());

        fake.state().setNumRows("p.analytics.users", 9);
        bq.create(JobInfo.of(QueryJobConfiguration.newBuilder("BEGIN; TRUNCATE TABLE p.analytics.users; ROLLBACK;")
                .build()));
        assertEquals("9", fake.state().table("p.analytics.users").get("numRows").getAsString());
    }

    @Test
    void missingTableInDmlFailsWithNotFound() throws Exception {
        Job job = bq.create(JobInfo.of(QueryJobConfiguration.newBuilder("INSERT INTO p.analytics.nope SELECT 1")
                .build()));
        assertEquals("notFound", job.getStatus().getError().getReason());
        BigQueryException e = assertThrows(BigQueryException.class, job::getQueryResults);
        assertEquals("notFound", e.getReason());
    }

    @Test
    void dmlAffectedRowsCanBeScriptedForALeaseRace() {
        fake.state().putTable("p.analytics._segments_lease", "id:STRING", "holder:STRING", "expires_at:TIMESTAMP");
        int[] claims = {0};
        fake.setQueryEngine(new DefaultQueryEngine().withDmlAffectedRows(sql -> claims[0]++ == 0 ? 1 : 0));
        String claim = "MERGE `p.analytics._segments_lease` T USING (SELECT 'lease' AS id) S ON T.id = S.id "
                + "WHEN NOT MATCHED THEN INSERT (id, holder, expires_at) VALUES ('lease', 'me', TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 1 HOUR))";
        assertEquals(1L, numDml(claim), "the first claim wins");
        assertEquals(0L, numDml(claim), "the second claim loses");
        assertTrue(fake.log().calls("jobs.insert").stream().allMatch(CallRecord::mutating));
    }

    private long numDml(String sql) {
        try {
            Job job = bq.create(JobInfo.of(QueryJobConfiguration.of(sql))).waitFor();
            return ((JobStatistics.QueryStatistics) job.getStatistics()).getNumDmlAffectedRows();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void queryEngineIsPluggable() throws Exception {
        fake.setQueryEngine((req, state) -> new QueryEngine.Result(
                DefaultQueryEngine.fields("n:INTEGER"), List.of(List.of("42")), false, "SELECT", -1));
        TableResult r = bq.query(QueryJobConfiguration.of("SELECT whatever"));
        assertEquals(42L, r.iterateAll().iterator().next().get("n").getLongValue());
        // and through jobs.insert + getQueryResults
        Job job = bq.create(JobInfo.of(QueryJobConfiguration.of("SELECT whatever")));
        assertEquals(
                42L,
                job.getQueryResults().iterateAll().iterator().next().get("n").getLongValue());
    }

    @Test
    void rateLimitOnceIsRetriedByTheClientOnQueriesButNotOnTableCalls() throws Exception {
        // jobs.query / jobs.insert: the client retries a 429 whose message starts "Exceeded rate limits" (its retry
        // config)
        fake.faults().failNext("jobs.query", 1, Fault.rateLimitExceeded());
        bq.query(QueryJobConfiguration.of("SELECT 1"));
        assertEquals(List.of("429 rateLimitExceeded", "OK"), outcomes("jobs.query"));
        // tables.get: a 429 is NOT retried by the client; the connector's own retry layer must do it
        fake.faults().failNext("tables.get", 1, Fault.rateLimitExceeded());
        BigQueryException e =
                assertThrows(BigQueryException.class, () -> bq.getTable(TableId.of("p", "analytics", "users")));
        assertEquals(429, e.getCode());
        assertEquals("rateLimitExceeded", e.getReason());
        assertEquals(List.of("429 rateLimitExceeded"), outcomes("tables.get"));
        assertNotNull(bq.getTable(TableId.of("p", "analytics", "users")), "and the next call succeeds");
    }

    @Test
    void rateLimitStormBeyondTheClientsSixAttemptsSurfacesA429() {
        fake.faults().failNext("jobs.query", 100, Fault.rateLimitExceeded());
        BigQueryException e = assertThrows(
                BigQueryException.class,
                () -> bq.query(QueryJobConfiguration.newBuilder("CREATE TABLE p.analytics.never (x INT64)")
                        .build()));
        assertEquals(429, e.getCode());
        assertEquals("rateLimitExceeded", e.getReason());
        assertEquals(6, fake.log().calls("jobs.query").size(), "the client's own maxAttempts");
        assertFalse(fake.state().hasTable("p.analytics.never"));
        assertEquals(0, fake.log().mutatingCount());
    }

    @Test
    void serverErrorsAreRetriedOnReadsButNotOnTableMutations() {
        fake.faults()
                .failNext("datasets.get", 1, Fault.backendError())
                .failNext("datasets.get", 1, Fault.unavailable());
        assertNotNull(bq.getDataset("analytics"));
        assertEquals(List.of("500 backendError", "503 backendError", "OK"), outcomes("datasets.get"));

        fake.faults().failNext("tables.patch", 1, Fault.unavailable());
        TableInfo patch = TableInfo.newBuilder(
                        TableId.of("p", "analytics", "users"), StandardTableDefinition.of(Schema.of()))
                .setLabels(Map.of("k", "v"))
                .build();
        BigQueryException e = assertThrows(BigQueryException.class, () -> bq.update(patch));
        assertEquals(503, e.getCode());
        assertTrue(e.isRetryable(), "retryable by the caller, though the client did not retry a PATCH itself");
        assertEquals(List.of("503 backendError"), outcomes("tables.patch"));
    }

    private List<String> outcomes(String method) {
        return fake.log().calls(method).stream().map(CallRecord::outcome).toList();
    }

    @Test
    void aLostInsertResponseLeavesTheTableBehind() {
        fake.faults().failNextAfterApplying("tables.insert", 1, Fault.unavailable());
        TableInfo info = TableInfo.of(
                TableId.of("p", "analytics", "t1"),
                StandardTableDefinition.of(Schema.of(Field.of("x", StandardSQLTypeName.STRING))));
        assertEquals(
                503,
                assertThrows(BigQueryException.class, () -> bq.create(info)).getCode());
        assertTrue(fake.state().hasTable("p.analytics.t1"));
        assertEquals(
                409,
                assertThrows(BigQueryException.class, () -> bq.create(info)).getCode(),
                "a retry finds it: 409 duplicate");
        assertEquals(List.of("503 backendError (applied)", "409 duplicate"), outcomes("tables.insert"));
        assertEquals(1, fake.log().mutatingCount());
    }

    @Test
    void aLostQueryResponseIsRetriedByTheClientWithTheSameRequestIdAndRunsOnce() throws Exception {
        fake.faults().failNextAfterApplying("jobs.query", 1, Fault.rateLimitExceeded());
        bq.query(QueryJobConfiguration.of("CREATE TABLE p.analytics.once (x INT64)"));
        assertTrue(fake.state().hasTable("p.analytics.once"));
        List<CallRecord> calls = fake.log().calls("jobs.query");
        assertEquals(
                List.of("429 rateLimitExceeded (applied)", "OK"),
                calls.stream().map(CallRecord::outcome).toList());
        String id0 = JsonParser.parseString(calls.get(0).request())
                .getAsJsonObject()
                .get("requestId")
                .getAsString();
        String id1 = JsonParser.parseString(calls.get(1).request())
                .getAsJsonObject()
                .get("requestId")
                .getAsString();
        assertEquals(id0, id1, "the client reuses its requestId");
        assertEquals(
                1,
                fake.jobs().size(),
                "the retry was answered from the first execution (a plain CREATE would 409 otherwise)");
    }

    @Test
    void crashAfterKMutationsFailsEverythingAfterwardsUntilRestart() {
        fake.faults().crashAfterMutations(2);
        Schema schema = Schema.of(Field.of("x", StandardSQLTypeName.STRING));
        bq.create(TableInfo.of(TableId.of("p", "analytics", "t1"), StandardTableDefinition.of(schema)));
        bq.create(TableInfo.of(TableId.of("p", "analytics", "t2"), StandardTableDefinition.of(schema)));
        BigQueryException e = assertThrows(
                BigQueryException.class,
                () -> bq.create(TableInfo.of(TableId.of("p", "analytics", "t3"), StandardTableDefinition.of(schema))));
        assertEquals(503, e.getCode());
        assertThrows(BigQueryException.class, () -> bq.getTable(TableId.of("p", "analytics", "t1")), "reads fail too");
        assertTrue(fake.faults().crashed());
        fake.faults().restart();
        assertNotNull(bq.getTable(TableId.of("p", "analytics", "t2")));
        assertNull(bq.getTable(TableId.of("p", "analytics", "t3")));
        assertEquals(2, fake.log().mutatingCount());
    }

    @Test
    void errorsUseBigQuerysJsonShape() throws Exception {
        var conn = (HttpURLConnection)
                URI.create(fake.endpoint() + "/bigquery/v2/projects/p/datasets/analytics/tables/missing")
                        .toURL()
                        .openConnection();
        assertEquals(404, conn.getResponseCode());
        var err = JsonParser.parseString(new String(conn.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .getAsJsonObject()
                .getAsJsonObject("error");
        assertEquals(404, err.get("code").getAsInt());
        assertEquals("NOT_FOUND", err.get("status").getAsString());
        assertEquals(
                "notFound",
                err.getAsJsonArray("errors")
                        .get(0)
                        .getAsJsonObject()
                        .get("reason")
                        .getAsString());
        assertEquals("Not found: Table p:analytics.missing", err.get("message").getAsString());
    }
}

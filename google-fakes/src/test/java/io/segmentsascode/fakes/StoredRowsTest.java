package io.segmentsascode.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.Job;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.JobStatistics;
import com.google.cloud.bigquery.QueryJobConfiguration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake BigQuery stores rows and evaluates GoogleSQL on them, through the real client. */
class StoredRowsTest {
    private static final String STATE = "`p.analytics._segments_state`";
    private FakeBigQuery fake;
    private BigQuery bq;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeBigQuery().start(0);
        bq = Clients.bigQuery(fake, "p");
        fake.state()
                .putTable(
                        "p.analytics._segments_state",
                        "kind:STRING",
                        "name:STRING",
                        "spec_hash:STRING",
                        "content:STRING",
                        "expires:TIMESTAMP");
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aMergeClaimsAMissingRowOnceAndASecondClaimChangesNothing() {
        assertEquals(1L, dml(claim("me")), "the row is missing: the claim inserts it");
        assertEquals(0L, dml(claim("you")), "held and not expired: the second claim changes nothing");
        assertEquals(1L, dml(claim("me")), "a retried claim of the holder renews it");
        assertEquals(List.of(List.of("me")), rows("SELECT content FROM " + STATE + " WHERE kind = 'LEASE'"));
        assertEquals(
                "1",
                fake.state().table("p.analytics._segments_state").get("numRows").getAsString());
    }

    @Test
    void anExpiredRowIsTakenOver() {
        dml(claim("me"));
        dml("UPDATE " + STATE + " SET expires = TIMESTAMP_SECONDS(0) WHERE kind = 'LEASE'");
        assertEquals(1L, dml(claim("you")));
        assertEquals(List.of(List.of("you")), rows("SELECT content FROM " + STATE));
    }

    @Test
    void stringLiteralsKeepTheirGoogleSqlValues() {
        String text = "it\\'s a \\\\ back\\nslash";
        dml("INSERT INTO " + STATE + " (kind, name, content) VALUES ('M', \"n\", '" + text + "')");
        assertEquals(
                List.of(List.of("it's a \\ back\nslash", "true")),
                rows("SELECT content, REGEXP_CONTAINS(content, r'\\\\ back') FROM " + STATE));
    }

    @Test
    void timestampsReadBackAsBigQueryEncodesThem() {
        dml("INSERT INTO " + STATE + " (kind, name, expires) VALUES ('T', 'a', TIMESTAMP_SECONDS(1764806400))");
        assertEquals(
                List.of(List.of("1764806400", "2025-12-04 00:00:00+00")),
                rows("SELECT UNIX_SECONDS(MAX(expires)) AS s, CAST(MAX(expires) AS STRING) FROM " + STATE));
        TableResultRow row = TableResultRow.of(bq, "SELECT expires FROM " + STATE);
        assertEquals(1_764_806_400_000_000L, row.values().get(0).getTimestampValue());
    }

    @Test
    void hashingAndRegularExpressionsFollowBigQuery() {
        dml("INSERT INTO " + STATE + " (kind, name, content) VALUES ('H', 'a', ' A.b+c@x.com ')");
        assertEquals(
                List.of(Arrays.asList(
                        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                        "A.b+c@x.com",
                        "b+c@x.com",
                        null)),
                rows("SELECT TO_HEX(SHA256('abc')), REGEXP_REPLACE(content, ' ', ''),"
                        + " REGEXP_EXTRACT(content, r'\\.(.*) $'), REGEXP_EXTRACT(content, 'zzz') FROM " + STATE));
    }

    @Test
    void rollbackAndAFailedStatementInATransactionRestoreTheRows() {
        dml("INSERT INTO " + STATE + " (kind, name) VALUES ('K', 'kept')");
        run("BEGIN TRANSACTION; DELETE FROM " + STATE + " WHERE TRUE; ROLLBACK TRANSACTION;");
        Job failed = bq.create(JobInfo.of(QueryJobConfiguration.of("BEGIN TRANSACTION; INSERT INTO " + STATE
                + " (kind, name) VALUES ('K', 'lost'); SELECT no_such_column FROM " + STATE
                + "; COMMIT TRANSACTION;")));
        assertEquals("invalidQuery", failed.getStatus().getError().getReason());
        assertEquals(List.of(List.of("kept")), rows("SELECT name FROM " + STATE));
        run("BEGIN TRANSACTION; INSERT INTO " + STATE + " (kind, name) VALUES ('K', 'committed'); COMMIT TRANSACTION;");
        assertEquals(List.of(List.of("committed"), List.of("kept")), rows("SELECT name FROM " + STATE + " ORDER BY 1"));
    }

    @Test
    void aQueryOverStoredRowsTheFakeCannotEvaluateFailsLoudly() {
        dml("INSERT INTO " + STATE + " (kind, name) VALUES ('K', 'a')");
        BigQueryException e = assertThrows(
                BigQueryException.class,
                () -> bq.query(QueryJobConfiguration.of("SELECT FORMAT_TIMESTAMP('%Y', expires) FROM " + STATE)));
        assertEquals("invalidQuery", e.getReason());
        assertTrue(e.getMessage().contains("cannot evaluate"), e.getMessage());
    }

    @Test
    void tablesWithoutRowsKeepAnsweringNoRows() throws Exception {
        fake.state().putTable("p.analytics.events", "user_id:STRING");
        assertEquals(List.of(), rows("SELECT FORMAT_TIMESTAMP('%Y', CURRENT_TIMESTAMP()) FROM p.analytics.events"));
        assertFalse(fake.state().holdsRows("p.analytics.events"));
    }

    @Test
    void createAsSelectOverStoredRowsHoldsTheResult() {
        fake.state().insertRows("p.analytics._segments_state", List.of(Map.of("kind", "A", "name", "x")));
        run("CREATE TABLE `p.analytics.copy` AS SELECT name, 1 AS n FROM " + STATE);
        assertEquals(List.of(Map.of("name", "x", "n", "1")), fake.state().rows("p.analytics.copy"));
        assertEquals("1", fake.state().table("p.analytics.copy").get("numRows").getAsString());
    }

    @Test
    void droppingOrReplacingATableDropsItsRows() {
        fake.state().insertRows("p.analytics._segments_state", List.of(Map.of("kind", "A", "name", "x")));
        run("CREATE OR REPLACE TABLE " + STATE + " (kind STRING, name STRING)");
        assertEquals(List.of(), fake.state().rows("p.analytics._segments_state"));
    }

    private static String claim(String holder) {
        String expiry = "TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 900 SECOND)";
        return "MERGE " + STATE + " AS s USING (SELECT 'LEASE' AS kind, 'apply' AS name) AS c"
                + " ON s.kind = c.kind AND s.name = c.name"
                + " WHEN MATCHED AND (s.expires < CURRENT_TIMESTAMP() OR s.content = '" + holder + "')"
                + " THEN UPDATE SET content = '" + holder + "', expires = " + expiry
                + " WHEN NOT MATCHED THEN INSERT (kind, name, spec_hash, content, expires)"
                + " VALUES ('LEASE', 'apply', NULL, '" + holder + "', " + expiry + ")";
    }

    private long dml(String sql) {
        try {
            Job job = bq.create(JobInfo.of(QueryJobConfiguration.of(sql))).waitFor();
            if (job.getStatus().getError() != null)
                throw new AssertionError(job.getStatus().getError() + ": " + sql);
            return ((JobStatistics.QueryStatistics) job.getStatistics()).getNumDmlAffectedRows();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void run(String sql) {
        try {
            Job job = bq.create(JobInfo.of(QueryJobConfiguration.of(sql))).waitFor();
            if (job.getStatus().getError() != null)
                throw new AssertionError(job.getStatus().getError() + ": " + sql);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<List<String>> rows(String sql) {
        List<List<String>> out = new ArrayList<>();
        try {
            for (FieldValueList row : bq.query(QueryJobConfiguration.of(sql)).iterateAll()) {
                List<String> values = new ArrayList<>();
                row.forEach(v -> values.add(v.isNull() ? null : v.getStringValue()));
                out.add(values);
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private record TableResultRow(FieldValueList values) {
        static TableResultRow of(BigQuery bq, String sql) {
            try {
                return new TableResultRow(bq.query(QueryJobConfiguration.of(sql))
                        .iterateAll()
                        .iterator()
                        .next());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.intent.GenerationException;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.intent.SqlSources;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.BigQueryDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hand-written sql: segments end to end: guardrail violations are reported at the file position of
 * each problem, and output names meet the contract as BigQuery compares them.
 */
class SqlSegmentErrorsTest {

    @TempDir
    Path project;

    @Test
    void guardrailViolationsPointIntoTheYamlFile() throws Exception {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.copy(Path.of("..", "..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        Files.writeString(segments.resolve("seg_lifecycle_bad.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_lifecycle_bad
                description: hand-written SQL with two mistakes
                owner: test@example.com
                stage: experimental
                refresh: daily
                sql: |
                  SELECT
                    user_id,
                    DATE_DIFF(CURRENT_DATE(), signup_date, DAY) AS days
                  FROM users
                columns: {user_id: STRING, days: INT64, country: STRING}
                """);
        Stages compiler = new Stages();
        ResolvedProject resolved = compiler.check(segments, project.resolve("campaigns"));
        try (GoogleSqlAnalyzer analyzer = new GoogleSqlAnalyzer()) {
            GenerationException e = assertThrows(
                    GenerationException.class,
                    () -> compiler.sources(
                            resolved,
                            sources(resolved, analyzer),
                            LockFile.empty(),
                            project.resolve("segments.lock"),
                            true));
            String file = e.diagnostics().get(0).location().file();
            assertEquals(
                    List.of(
                            // at the last column there is, where the missing one would follow
                            file
                                    + ":10:5: error: the query returns 2 columns (user_id STRING, days INT64) but the contract has 3 "
                                    + "(user_id STRING, days INT64, country STRING) (return exactly the contract's columns, in order)",
                            file + ":10:15: error: CURRENT_DATE() is not allowed (use DATE(@run_time))"),
                    e.diagnostics().stream().map(d -> d.format()).toList());
        }
    }

    @Test
    void anUndeclaredTableAndAPiiOutputAreReportedOnceAtTheirLines() throws Exception {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.copy(Path.of("..", "..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        Files.writeString(segments.resolve("seg_lifecycle_orders.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_lifecycle_orders
                description: reads a table the warehouse does not declare
                owner: test@example.com
                stage: experimental
                refresh: daily
                sql: |
                  SELECT user_id
                  FROM users
                  JOIN orders USING (user_id)
                columns: {user_id: STRING}
                """);
        Files.writeString(segments.resolve("seg_lifecycle_contacts.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_lifecycle_contacts
                description: outputs a value derived from an e-mail address
                owner: test@example.com
                stage: experimental
                refresh: daily
                sql: |
                  SELECT
                    user_id,
                    LOWER(email) AS contact
                  FROM identities
                columns: {user_id: STRING, contact: STRING}
                """);
        Stages compiler = new Stages();
        ResolvedProject resolved = compiler.check(segments, project.resolve("campaigns"));
        try (GoogleSqlAnalyzer analyzer = new GoogleSqlAnalyzer()) {
            GenerationException e = assertThrows(
                    GenerationException.class,
                    () -> compiler.sources(
                            resolved,
                            sources(resolved, analyzer),
                            LockFile.empty(),
                            project.resolve("segments.lock"),
                            true));
            List<String> messages =
                    e.diagnostics().stream().map(d -> d.format()).toList();
            String contacts = segments.resolve("seg_lifecycle_contacts.yaml").toString();
            String orders = segments.resolve("seg_lifecycle_orders.yaml").toString();

            assertEquals(2, messages.size(), String.join("\n", messages));
            assertTrue(
                    messages.get(0)
                            .startsWith(contacts + ":10:5: error: output column 'contact' carries PII: "
                                    + "its value is derived from identities.email ("),
                    messages.get(0));
            assertEquals(
                    orders + ":10:8: error: reads undeclared table 'orders' (read only the logical tables of "
                            + "warehouse.yaml: campaigns, events, experiments, identities, sessions, users)",
                    messages.get(1));
        }
    }

    @Test
    void columnNamesMeetTheContractCaseInsensitivelyAndTheTableGetsTheContractSpelling() throws Exception {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.copy(Path.of("..", "..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        Files.writeString(segments.resolve("seg_lifecycle_by_country.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_lifecycle_by_country
                description: output names spelled differently from the contract
                owner: test@example.com
                stage: experimental
                refresh: daily
                sql: |
                  SELECT User_ID, Country FROM users
                columns: {user_id: STRING, country: STRING}
                """);
        Stages compiler = new Stages();
        ResolvedProject resolved = compiler.check(segments, project.resolve("campaigns"));
        try (GoogleSqlAnalyzer analyzer = new GoogleSqlAnalyzer()) {
            Stages.Sources checked = compiler.sources(
                    resolved, sources(resolved, analyzer), LockFile.empty(), project.resolve("segments.lock"), false);
            String sql = compiler.render(resolved, compiler.generate(resolved, checked.sql()), new BigQueryDialect())
                    .get(0)
                    .sql();

            assertTrue(sql.contains("p.user_id AS user_id,"), sql);
            assertTrue(sql.contains("p.country AS country"), sql);
            assertTrue(sql.contains("SELECT User_ID, Country FROM users"), sql);
        }
    }

    private static SqlSources sources(ResolvedProject resolved, GoogleSqlAnalyzer analyzer) {
        AnalyzerProvider provider = new AnalyzerProvider() {
            @Override
            public String version() {
                return analyzer.version();
            }

            @Override
            public SqlAnalyzer get() {
                return analyzer;
            }
        };
        return new SqlSources(resolved.warehouse(), provider, new Analyses.Fresh(), Parameters.DEFAULT_MODEL);
    }
}

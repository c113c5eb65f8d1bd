package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFM scores, labels and members on ten hand-computed users (see the table in
 * {@link #expected()}), through the generated DuckDB SQL. The data has ties on every metric at
 * quintile edges: users with equal values share a score, {@code 1 + 5 * w / 10} in integer
 * division where {@code w} counts the users with a strictly worse value (e.g. frequency 1: four
 * users, w = 0, score 1; frequency 2: w = 4, score 3; monetary 100: w = 3, score 2).
 */
class RfmCorrectnessTest {

    private static final String RUN_TIME = "2026-01-31 00:00:00";

    @TempDir
    Path project;

    @Test
    void scoresLabelsAndMembersMatchTheHandComputation() throws Exception {
        RenderedSegment segment = compile("""
                rfm:
                  select: [champions, loyal, at_risk, new_high_potential, other]
                """);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            RfmCorrectnessTestData.load(connection, RUN_TIME);
            assertEquals(expected(), members(connection, segment.sql()));
        }
    }

    @Test
    void selectingLabelsKeepsOnlyTheirMembers() throws Exception {
        RenderedSegment segment = compile("""
                rfm:
                  select: [champions]
                """);
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            RfmCorrectnessTestData.load(connection, RUN_TIME);
            assertEquals(
                    Map.of("u03", "5 4 4 champions 2 3 600.000000000", "u07", "5 5 5 champions 1 4 1200.000000000"),
                    members(connection, segment.sql()));
        }
    }

    /** user → "r f m label recency_days frequency monetary", computed by hand from {@link #load}. */
    private static Map<String, String> expected() {
        Map<String, String> rows = new TreeMap<>();
        rows.put("u01", "4 1 2 other 5 1 100.000000000");
        rows.put("u02", "3 3 2 other 10 2 100.000000000");
        rows.put("u03", "5 4 4 champions 2 3 600.000000000");
        rows.put("u04", "1 1 1 other 200 1 20.000000000");
        rows.put("u05", "2 5 4 loyal 100 5 500.000000000");
        rows.put("u06", "4 1 2 other 5 1 100.000000000");
        rows.put("u07", "5 5 5 champions 1 4 1200.000000000");
        rows.put("u08", "1 3 1 at_risk 300 2 20.000000000");
        rows.put("u09", "2 1 5 other 50 1 1000.000000000");
        rows.put("u10", "3 4 2 loyal 20 3 90.000000000");
        return rows;
    }

    private RenderedSegment compile(String rfm) throws IOException {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.copy(Path.of("..", "..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        Files.writeString(segments.resolve("seg_rfm_all.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_rfm_all
                description: every RFM label
                owner: test@example.com
                stage: experimental
                refresh: daily
                """ + rfm);
        Stages compiler = new Stages();
        ResolvedProject resolved = compiler.check(segments, project.resolve("campaigns"));
        return compiler.render(resolved, compiler.generate(resolved), new DuckDbDialect())
                .get(0);
    }

    private static Map<String, String> members(Connection connection, String sql) throws SQLException {
        Map<String, String> rows = new TreeMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.put(
                        result.getString("user_id"),
                        result.getInt("r_score") + " " + result.getInt("f_score") + " "
                                + result.getInt("m_score") + " " + result.getString("segment_label") + " "
                                + result.getLong("recency_days") + " " + result.getLong("frequency") + " "
                                + result.getBigDecimal("monetary").toPlainString());
            }
        }
        return rows;
    }
}

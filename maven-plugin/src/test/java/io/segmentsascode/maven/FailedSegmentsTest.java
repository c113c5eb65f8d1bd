package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.connectors.StandardConnectors;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.report.PlanJson;
import io.segmentsascode.preview.PreviewException;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment that fails on the sample warehouse (SQL DuckDB rejects as it runs, rows that repeat a
 * user) is that segment's error: the other segments are still previewed and sized, and the goal
 * fails naming it, with a located message and nothing applied. Driven through the goals' own code
 * path with the real connectors.
 */
class FailedSegmentsTest {

    /** GoogleSQL's analyzer accepts the cast; it fails on the first country that is not a number, as it runs. */
    private static final String REJECTED_AT_RUN_TIME = "seg_lifecycle_country_code";

    private static final String CAST_OF_COUNTRY = "SELECT user_id FROM users WHERE CAST(country AS INT64) > 0";
    private static final String ONE_ROW_PER_EVENT = "seg_lifecycle_every_event";
    private static final String GROUPED_BY_SELECT_ALIAS = "seg_lifecycle_grouped_by_alias";

    @TempDir
    Path project;

    @Test
    void previewShowsEveryOtherSegmentAndFailsNamingTheBrokenOnes() throws IOException {
        List<String> bundled = TestProject.bundledDefinitions(project);
        writeSql(REJECTED_AT_RUN_TIME, CAST_OF_COUNTRY);
        writeSql(ONE_ROW_PER_EVENT, "SELECT user_id FROM events");
        // DuckDB's binder found this alias ambiguous when the preview re-parsed the text; from the resolved tree it
        // runs
        writeSql(
                GROUPED_BY_SELECT_ALIAS,
                "SELECT u.user_id FROM users AS u JOIN events AS e ON e.user_id = u.user_id " + "GROUP BY user_id");

        PreviewException failure = assertThrows(PreviewException.class, () -> job().preview());

        List<String> errors =
                failure.diagnostics().stream().map(Diagnostic::format).toList();
        assertEquals(2, errors.size(), String.join("\n", errors));
        assertTrue(
                errors.get(0)
                        .matches(".*/" + Pattern.quote(file(REJECTED_AT_RUN_TIME)) + ":\\d+:\\d+: error: segment "
                                + REJECTED_AT_RUN_TIME + " failed on the sample warehouse: DuckDB: .*BIGINT.*"),
                errors.get(0));
        assertTrue(
                errors.get(1)
                        .matches(".*/" + Pattern.quote(file(ONE_ROW_PER_EVENT)) + ":\\d+:\\d+: error: segment "
                                + ONE_ROW_PER_EVENT
                                + " failed on the sample warehouse: user_id is not unique: ([0-9,]+) rows for ([0-9,]+) "
                                + "users \\(a segment has one row per user: GROUP BY user_id or SELECT DISTINCT\\) \\(fix the segment; the "
                                + "other " + (bundled.size() + 1)
                                + " segments were previewed \\(.*target/segments/preview.txt\\)\\)"),
                errors.get(1));

        List<String> table = Files.readAllLines(project.resolve("target/segments/preview.txt"));
        for (String id : Stream.concat(bundled.stream(), Stream.of(GROUPED_BY_SELECT_ALIAS))
                .toList()) {
            assertTrue(
                    table.stream().anyMatch(line -> line.matches(id + " +[0-9,]+ .*")),
                    id + " is previewed:\n" + table);
        }
        assertTrue(
                table.stream().anyMatch(line -> line.matches(REJECTED_AT_RUN_TIME + " +error: DuckDB: .*")),
                String.join("\n", table));
        assertTrue(
                table.stream().anyMatch(line -> line.matches(ONE_ROW_PER_EVENT + " +error: user_id is not unique: .*")),
                String.join("\n", table));
    }

    @Test
    void aPlanWithAFailedSegmentIsWrittenWithoutItsFiguresAndNothingIsApplied() throws IOException {
        List<String> bundled = TestProject.bundledDefinitions(project);
        writeSql(REJECTED_AT_RUN_TIME, CAST_OF_COUNTRY);

        PlanException failure = assertThrows(PlanException.class, () -> job().apply());

        assertEquals(1, failure.diagnostics().size(), failure.getMessage());
        assertTrue(
                failure.diagnostics().get(0).format().startsWith(file(REJECTED_AT_RUN_TIME) + ":"),
                failure.getMessage());
        assertTrue(
                failure.getMessage()
                        .contains("[failed-on-sample] failed on the sample warehouse, so it has no figures "
                                + "and nothing is applied: DuckDB: "),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("BIGINT"), failure.getMessage());
        Plan written = PlanJson.parse(Files.readString(project.resolve("target/segments/plan.json")));
        assertEquals(
                bundled,
                written.segments().stream().map(SegmentImpact::id).sorted().toList(),
                "every other segment has its figures, the failed one none");
        assertTrue(
                written.changes().stream()
                        .anyMatch(c -> c.name().equals(REJECTED_AT_RUN_TIME) && c.action() == Action.CREATE),
                "the failed segment's change is still shown: " + written.changes());

        Files.delete(project.resolve(file(REJECTED_AT_RUN_TIME)));
        Plan afterwards = job().plan();
        assertEquals(
                bundled.size(),
                afterwards.changes().stream()
                        .filter(c -> c.action() == Action.CREATE && c.kind() == ResourceKind.SEGMENT_TABLE)
                        .count(),
                "no segment table was applied: " + afterwards.changes());
    }

    private static String file(String segmentId) {
        return "segments/" + segmentId + ".yaml";
    }

    private void writeSql(String id, String sql) throws IOException {
        Files.writeString(project.resolve(file(id)), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: %s
                description: hand-written SQL
                owner: test@example.com
                stage: experimental
                refresh: daily
                sql: |
                  %s
                columns: {user_id: STRING}
                """.formatted(id, sql));
    }

    private SegmentsJob job() {
        var settings = new SettingsResolver(Map.of(Parameters.SAMPLE_USERS, "2000"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()));
    }
}

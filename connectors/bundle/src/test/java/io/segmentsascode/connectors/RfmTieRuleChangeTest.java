package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.duckdb.DuckDbPreviewEngine;
import io.segmentsascode.duckdb.SampleSource;
import io.segmentsascode.duckdb.SampleSpec;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.SqlExpr;
import io.segmentsascode.generate.SqlQuery;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.SqlRenderer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How many sample users the RFM tie rule moves: today's scores (users with equal values share a
 * score, from the share of users with a strictly worse value) against the rule they replaced,
 * {@code NTILE(5) OVER (ORDER BY value, user_id)}, rebuilt here in the IR. Prints the counts the
 * README reports:
 * {@code mvn -o -q -pl compiler,connectors/duckdb,connectors/googlesql,connectors/bundle -am test
 * -Dtest=RfmTieRuleChangeTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RfmTieRuleChangeTest {

    private static final List<String> VALUES = List.of("recency_days", "frequency", "monetary");
    private static final List<String> SCORES = List.of("r_score", "f_score", "m_score");

    @TempDir
    Path state;

    @Test
    void labelsChangeOnlyWhereTheOldRuleSplitUsersWithEqualValues() throws SQLException {
        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        List<GeneratedSegment> rfm =
                PinnedCompile.generate(compiler, project, Path.of("..", "..", "segments.lock"), state.resolve("cache"))
                        .stream()
                        .filter(g -> g.segment().definition() instanceof SegmentDefinition.Rfm)
                        .toList();
        SqlRenderer renderer = new SqlRenderer(project.warehouse(), new DuckDbDialect());
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Generated(SampleSpec.defaults()), state)) {
            Instant runTime = engine.latestDataTime();
            engine.members(renderer.render(rfm.get(0)), runTime); // binds the run time for the queries below
            // every bundled RFM segment uses the warehouse's model: one labelling of every scored user
            GeneratedSegment any = rfm.get(0);
            Map<String, String> now = labels(engine, renderer.render(labelled(any, false)));
            Map<String, String> before = labels(engine, renderer.render(labelled(any, true)));
            assertEquals(before.keySet(), now.keySet(), "both rules score the same users");
            long changedLabels = now.keySet().stream()
                    .filter(u -> !label(now, u).equals(label(before, u)))
                    .count();
            long changedScores = now.keySet().stream()
                    .filter(u -> !now.get(u).equals(before.get(u)))
                    .count();
            System.out.printf(
                    "RFM tie rule: %d scored users, %d with another score, %d with another label%n",
                    now.size(), changedScores, changedLabels);
            assertTrue(changedLabels <= changedScores, "a label changes only with a score");
            assertEquals(0, splitTies(engine, renderer.render(labelled(any, false))), "equal values share a score");
            assertTrue(
                    splitTies(engine, renderer.render(labelled(any, true))) > 0, "NTILE split users with equal values");
            for (GeneratedSegment segment : rfm) {
                Set<String> members = new HashSet<>(engine.members(renderer.render(segment), runTime));
                Set<String> old = new HashSet<>(engine.members(renderer.render(withNtile(segment)), runTime));
                Set<String> joined = new TreeSet<>(members);
                joined.removeAll(old);
                Set<String> left = new TreeSet<>(old);
                left.removeAll(members);
                System.out.printf(
                        "  %s: %d members (was %d), %d joined, %d left%n",
                        segment.segment().id(), members.size(), old.size(), joined.size(), left.size());
                assertFalse(members.isEmpty(), segment.segment().id());
            }
        }
    }

    /** The scores and label of every scored user of {@code segment}'s model (its rfm_labels step). */
    private static GeneratedSegment labelled(GeneratedSegment segment, boolean ntile) {
        GeneratedSegment rules = ntile ? withNtile(segment) : segment;
        List<SqlQuery.Step> steps = new ArrayList<>();
        for (SqlQuery.Step step : rules.query().steps()) {
            steps.add(step);
            if (step.name().equals("rfm_labels")) {
                break;
            }
        }
        List<SqlQuery.SelectItem> items = new ArrayList<>();
        for (String column : List.of(
                "user_id", "segment_label", "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score")) {
            items.add(new SqlQuery.SelectItem(SqlExpr.ColumnRef.of(column), column));
        }
        SqlQuery.Select all = new SqlQuery.Select(
                items, new SqlQuery.StepRef("rfm_labels", "rfm_labels"), List.of(), Optional.empty(), List.of());
        return new GeneratedSegment(
                segment.segment(), new SqlQuery.Query(rules.query().envelope(), steps, all), segment.columns());
    }

    /** The segment with the rule of before: the scale and score steps replaced by NTILE over every user. */
    private static GeneratedSegment withNtile(GeneratedSegment segment) {
        List<SqlQuery.Step> steps = new ArrayList<>();
        for (SqlQuery.Step step : segment.query().steps()) {
            if (step.name().endsWith("_scale")) {
                continue;
            }
            if (!step.name().equals("rfm_scores")) {
                steps.add(step);
                continue;
            }
            List<SqlQuery.SelectItem> items = new ArrayList<>();
            items.add(new SqlQuery.SelectItem(SqlExpr.ColumnRef.of("user_id"), "user_id"));
            VALUES.forEach(v -> items.add(new SqlQuery.SelectItem(SqlExpr.ColumnRef.of(v), v)));
            for (int i = 0; i < VALUES.size(); i++) {
                boolean lowerIsBetter = i == 0;
                items.add(new SqlQuery.SelectItem(
                        new SqlExpr.Ntile(
                                5,
                                List.of(
                                        new SqlExpr.OrderKey(SqlExpr.ColumnRef.of(VALUES.get(i)), lowerIsBetter),
                                        new SqlExpr.OrderKey(SqlExpr.ColumnRef.of("user_id"), false))),
                        SCORES.get(i)));
            }
            steps.add(new SqlQuery.Step(
                    "rfm_scores",
                    new SqlQuery.Select(
                            items,
                            new SqlQuery.StepRef("rfm_base", "rfm_base"),
                            List.of(),
                            Optional.empty(),
                            List.of())));
        }
        return new GeneratedSegment(
                segment.segment(),
                new SqlQuery.Query(
                        segment.query().envelope(), steps, segment.query().result()),
                segment.columns());
    }

    /** "label r f m" per user. */
    private static Map<String, String> labels(DuckDbPreviewEngine engine, RenderedSegment labelled)
            throws SQLException {
        Map<String, String> labels = new TreeMap<>();
        String sql = "SELECT user_id, segment_label || ' ' || r_score || ' ' || f_score || ' ' || m_score FROM (\n"
                + labelled.sql() + "\n)";
        try (Statement statement = engine.connection().createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                labels.put(rows.getString(1), rows.getString(2));
            }
        }
        return labels;
    }

    private static String label(Map<String, String> labels, String user) {
        return labels.get(user).split(" ")[0];
    }

    /** Values whose users got more than one score, over the three scores. */
    private static long splitTies(DuckDbPreviewEngine engine, RenderedSegment labelled) throws SQLException {
        long split = 0;
        for (int i = 0; i < VALUES.size(); i++) {
            String sql = "SELECT count(*) FROM (SELECT " + VALUES.get(i) + " FROM (\n" + labelled.sql()
                    + "\n) GROUP BY "
                    + VALUES.get(i) + " HAVING count(DISTINCT " + SCORES.get(i) + ") > 1)";
            try (Statement statement = engine.connection().createStatement();
                    ResultSet rows = statement.executeQuery(sql)) {
                rows.next();
                split += rows.getLong(1);
            }
        }
        return split;
    }
}

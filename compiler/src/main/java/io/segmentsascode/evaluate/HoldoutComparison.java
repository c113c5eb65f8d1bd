package io.segmentsascode.evaluate;

import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping's control group (A) against its treated members (B), from their purchases in the
 * events table over the mapping's membership window before the reference time: the same tests as
 * an experiment, per user. The groups are the ones apply wrote ({@code user_id,group}).
 */
public final class HoldoutComparison {

    public static final String CONTROL = "control";
    public static final String TREATED = "treated";
    /** The label of a holdout comparison: the mapping's members. */
    public static final String MEMBERS = "(members)";

    private static final List<String> EVENT_COLUMNS = List.of("user_id", "event_time", "revenue");

    private HoldoutComparison() {}

    /** Revenue per user over purchases (revenue > 0) in the window; users without purchases have no row. */
    public static String render(Dialect dialect, Warehouse warehouse, int days) {
        return "SELECT user_id, SUM(revenue) AS revenue\nFROM " + dialect.physicalTable(warehouse, "events")
                + "\nWHERE revenue > 0 AND event_time > " + dialect.timestampMinusDays(dialect.runTime(), days)
                + " AND event_time <= " + dialect.runTime() + "\nGROUP BY user_id";
    }

    /** Empty when the warehouse has no events table with user_id, event_time and revenue. */
    public static Optional<Comparison> compare(
            Campaign campaign,
            Path groupsFile,
            PreviewEngine engine,
            Dialect dialect,
            Warehouse warehouse,
            Instant runTime) {
        if (!hasEvents(warehouse)) {
            return Optional.empty();
        }
        Map<String, Double> revenueByUser = new LinkedHashMap<>();
        try {
            for (List<Object> row : engine.read(
                    "holdout " + campaign.id(), render(dialect, warehouse, campaign.membershipDays()), runTime)) {
                revenueByUser.put(String.valueOf(row.get(0)), ((Number) row.get(1)).doubleValue());
            }
        } catch (SegmentRunException e) {
            throw new EvaluateException(
                    "the events of " + campaign.id() + "'s holdout could not be read: " + e.reason(),
                    "check the events table of the sample data");
        }
        return Optional.of(compare(campaign.id(), groups(groupsFile), revenueByUser));
    }

    /** Whether the warehouse declares an events table with user_id, event_time and revenue: what a comparison reads. */
    public static boolean hasEvents(Warehouse warehouse) {
        Optional<Table> events = warehouse.table("events");
        return events.isPresent()
                && EVENT_COLUMNS.stream().allMatch(c -> events.get().column(c).isPresent());
    }

    /** Each member's group summed into arms: users, purchasers, Σ revenue and Σ revenue² per user. */
    static Comparison compare(String campaign, Map<String, String> groups, Map<String, Double> revenueByUser) {
        Map<String, Arm> arms = new LinkedHashMap<>();
        groups.forEach((user, group) -> {
            double revenue = revenueByUser.getOrDefault(user, 0.0);
            Arm one = new Arm(1, revenue > 0 ? 1 : 0, revenue, revenue * revenue);
            arms.merge(group.equals(CONTROL) ? Comparison.CONTROL : Comparison.TREATMENT, one, Arm::plus);
        });
        return Comparison.of("holdout " + campaign, MEMBERS, arms);
    }

    private static Map<String, String> groups(Path file) {
        Map<String, String> groups = new LinkedHashMap<>();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) { // after the header
                int comma = line.lastIndexOf(',');
                groups.put(line.substring(0, comma), line.substring(comma + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return groups;
    }
}

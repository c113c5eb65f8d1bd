package io.segmentsascode.evaluate;

import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.render.Dialect;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping's holdout comparison where the groups live on the target ({@link HoldoutGroupsTable}):
 * one query sums each group's users, purchasers, revenue and revenue² per user from the events of
 * the membership window before the reference time, so only two rows of sums leave the warehouse.
 * The same arms as {@link HoldoutComparison} sums in Java from a local groups file.
 */
public final class HoldoutArmsQuery {

    private static final DateTimeFormatter LITERAL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private HoldoutArmsQuery() {}

    /**
     * The query, for the groups drawn with the mapping's declared salt (groups drawn with an earlier
     * salt are not this holdout's). {@code referenceTime} is written as a UTC timestamp literal, to
     * the second, so the text sent is the text guarded and needs no query parameter.
     */
    public static String render(Dialect dialect, Warehouse warehouse, Campaign campaign, Instant referenceTime) {
        Campaign.Holdout holdout = campaign.holdout().orElseThrow();
        String end = "TIMESTAMP '" + LITERAL.format(referenceTime.truncatedTo(ChronoUnit.SECONDS)) + "'";
        String real = dialect.typeName(ColumnType.FLOAT64);
        return "SELECT g.holdout_group, COUNT(*) AS users, " + dialect.countIf("r.revenue > 0") + " AS converted,"
                + " COALESCE(SUM(r.revenue), 0) AS revenue, COALESCE(SUM(r.revenue * r.revenue), 0) AS revenue_sq_sum"
                + "\nFROM " + dialect.managedTable(warehouse, HoldoutGroupsTable.NAME) + " AS g"
                + "\nLEFT JOIN (SELECT user_id, CAST(SUM(revenue) AS " + real + ") AS revenue FROM "
                + dialect.physicalTable(warehouse, "events") + " WHERE revenue > 0 AND event_time > "
                + dialect.timestampMinusDays(end, campaign.membershipDays()) + " AND event_time <= " + end
                + " GROUP BY user_id) AS r ON r.user_id = g.user_id"
                + "\nWHERE g.mapping = " + dialect.stringLiteral(campaign.id()) + " AND g.salt = "
                + dialect.stringLiteral(holdout.salt())
                + "\nGROUP BY g.holdout_group\nORDER BY g.holdout_group";
    }

    /** The query's output, which the guard holds it to before it is sent. */
    public static List<OutputColumn> contract() {
        return List.of(
                new OutputColumn("holdout_group", ColumnType.STRING),
                new OutputColumn("users", ColumnType.INT64),
                new OutputColumn("converted", ColumnType.INT64),
                new OutputColumn("revenue", ColumnType.FLOAT64),
                new OutputColumn("revenue_sq_sum", ColumnType.FLOAT64));
    }

    /** The comparison of the query's rows; empty when no groups were written for the mapping and salt. */
    public static Optional<Comparison> comparison(String campaign, List<List<Object>> rows) {
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Arm> arms = new LinkedHashMap<>();
        for (List<Object> row : rows) {
            Arm arm = new Arm(
                    number(row.get(1)).longValue(),
                    number(row.get(2)).longValue(),
                    number(row.get(3)).doubleValue(),
                    number(row.get(4)).doubleValue());
            arms.merge(
                    HoldoutComparison.CONTROL.equals(row.get(0)) ? Comparison.CONTROL : Comparison.TREATMENT,
                    arm,
                    Arm::plus);
        }
        return Optional.of(Comparison.of("holdout " + campaign, HoldoutComparison.MEMBERS, arms));
    }

    private static Number number(Object value) {
        return value == null ? 0 : (Number) value;
    }
}

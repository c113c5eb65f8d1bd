package io.segmentsascode.evaluate;

import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.render.Dialect;
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

    private HoldoutArmsQuery() {}

    /**
     * The query, for the groups drawn with the mapping's declared salt (groups drawn with an earlier
     * salt are not this holdout's). The reference time is the dialect's run time (BigQuery's
     * {@code @run_time}, bound when the query is sent), so the text guarded and sent is the same
     * whatever the time; a day-sharded events table is read only in the window's shards.
     */
    public static String render(Dialect dialect, Warehouse warehouse, Campaign campaign) {
        Campaign.Holdout holdout = campaign.holdout().orElseThrow();
        int days = campaign.membershipDays();
        boolean sharded = warehouse.table("events").flatMap(Table::dayShards).isPresent();
        String shards = sharded
                ? dialect.shardsWithinDays(days).map(bound -> " AND " + bound).orElse("")
                : "";
        return "SELECT g.holdout_group, COUNT(*) AS users, " + dialect.countIf("r.revenue > 0") + " AS converted,"
                + " COALESCE(SUM(r.revenue), 0) AS revenue, COALESCE(SUM(r.revenue * r.revenue), 0) AS revenue_sq_sum"
                + "\nFROM " + dialect.managedTable(warehouse, HoldoutGroupsTable.NAME) + " AS g"
                + "\nLEFT JOIN (SELECT user_id, CAST(SUM(revenue) AS " + dialect.typeName(ColumnType.FLOAT64)
                + ") AS revenue FROM " + dialect.physicalTable(warehouse, "events")
                + " WHERE revenue > 0 AND event_time > "
                + dialect.timestampMinusDays(dialect.runTime(), days) + " AND event_time <= " + dialect.runTime()
                + shards + " GROUP BY user_id) AS r ON r.user_id = g.user_id"
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

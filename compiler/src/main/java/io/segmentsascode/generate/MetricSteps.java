package io.segmentsascode.generate;

import io.segmentsascode.model.Aggregate;
import io.segmentsascode.model.AggregateFunction;
import io.segmentsascode.model.Metric;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One step per table that metrics read: a GROUP BY user_id whose rows are bounded by the widest
 * window of its metrics, each aggregate narrowing to its own window and filter. Reading a table
 * once for all its metrics keeps the scan cost at one pass per table.
 */
final class MetricSteps {

    static final String USER = Table.USER_KEY;

    private final Warehouse warehouse;
    private final int segmentWindowDays;
    private final Map<String, List<Metric>> byTable = new TreeMap<>();

    MetricSteps(Warehouse warehouse, int segmentWindowDays, List<Metric> metrics) {
        this.warehouse = warehouse;
        this.segmentWindowDays = segmentWindowDays;
        for (Metric metric : metrics) {
            byTable.computeIfAbsent(metric.aggregate().table(), t -> new ArrayList<>())
                    .add(metric);
        }
    }

    List<String> tables() {
        return List.copyOf(byTable.keySet());
    }

    /** The widest window of the segment and its metrics; empty when a metric reads a lifetime. */
    OptionalInt widestWindowDays() {
        int widest = segmentWindowDays;
        for (List<Metric> metrics : byTable.values()) {
            for (Metric metric : metrics) {
                for (Aggregate aggregate : aggregatesOf(metric)) {
                    int days = aggregate.window().effectiveDays(segmentWindowDays);
                    if (days < 0) {
                        return OptionalInt.empty();
                    }
                    widest = Math.max(widest, days);
                }
            }
        }
        return OptionalInt.of(widest);
    }

    static String stepName(String table) {
        return "metrics_" + table;
    }

    List<SqlQuery.Step> steps() {
        List<SqlQuery.Step> steps = new ArrayList<>();
        byTable.forEach(
                (tableName, metrics) -> steps.add(step(warehouse.tables().get(tableName), metrics)));
        return steps;
    }

    /** Left joins of every metric step onto {@code population}, and the metric columns, 0 where no rows. */
    Map<String, SqlExpr> joinedColumns(String populationAlias, List<SqlQuery.LeftJoin> joins) {
        Map<String, SqlExpr> columns = new LinkedHashMap<>();
        byTable.forEach((table, metrics) -> {
            String alias = "m_" + table;
            joins.add(new SqlQuery.LeftJoin(
                    new SqlQuery.StepRef(stepName(table), alias),
                    new SqlExpr.Compare(
                            SqlExpr.ColumnRef.of(alias, USER), "=", SqlExpr.ColumnRef.of(populationAlias, USER))));
            for (Metric metric : metrics) {
                SqlExpr value = SqlExpr.ColumnRef.of(alias, metric.name());
                boolean zero =
                        !metric.isRatio() && metric.aggregate().function().zeroWhenNoRows();
                columns.put(
                        metric.name(),
                        zero ? new SqlExpr.Coalesce(value, new SqlExpr.Literal(BigDecimal.ZERO)) : value);
            }
        });
        return columns;
    }

    private SqlQuery.Step step(Table table, List<Metric> metrics) {
        String time = table.timeColumn().orElseThrow();
        int widest = 0;
        for (Metric metric : metrics) {
            for (Aggregate aggregate : aggregatesOf(metric)) {
                int days = aggregate.window().effectiveDays(segmentWindowDays);
                widest = days < 0 || widest < 0 ? -1 : Math.max(widest, days);
            }
        }
        List<SqlQuery.SelectItem> items = new ArrayList<>();
        items.add(new SqlQuery.SelectItem(SqlExpr.ColumnRef.of(USER), USER));
        for (Metric metric : metrics) {
            SqlExpr value = aggregate(metric.aggregate(), time, widest);
            if (metric.isRatio()) {
                value = new SqlExpr.SafeRatio(
                        value, aggregate(metric.denominator().get(), time, widest));
            }
            items.add(new SqlQuery.SelectItem(value, metric.name()));
        }
        List<SqlExpr> where = new ArrayList<>();
        where.add(new SqlExpr.Compare(SqlExpr.ColumnRef.of(time), "<=", new SqlExpr.RunTime()));
        if (widest > 0) {
            where.add(withinDays(time, widest));
        }
        return new SqlQuery.Step(
                stepName(table.name()),
                new SqlQuery.Select(
                        items,
                        new SqlQuery.StepRef(table.name(), table.name()),
                        List.of(),
                        Optional.of(new SqlExpr.Logical("AND", where)),
                        List.of(SqlExpr.ColumnRef.of(USER))));
    }

    private SqlExpr aggregate(Aggregate aggregate, String time, int stepWindow) {
        List<SqlExpr> filter = new ArrayList<>();
        int days = aggregate.window().effectiveDays(segmentWindowDays);
        if (days > 0 && days != stepWindow) {
            filter.add(withinDays(time, days));
        }
        aggregate.where().ifPresent(w -> filter.add(new ConditionTranslator(SqlExpr.ColumnRef::of).translate(w)));
        Optional<SqlExpr> condition = filter.isEmpty()
                ? Optional.empty()
                : Optional.of(filter.size() == 1 ? filter.get(0) : new SqlExpr.Logical("AND", filter));
        Optional<SqlExpr> argument = aggregate.of().map(SqlExpr.ColumnRef::of);
        if (aggregate.function() == AggregateFunction.COUNT) {
            argument = Optional.empty();
        }
        return new SqlExpr.Aggregate(aggregate.function(), argument, condition);
    }

    static SqlExpr withinDays(String time, int days) {
        return new SqlExpr.Compare(
                SqlExpr.ColumnRef.of(time), ">", new SqlExpr.TimestampMinusDays(new SqlExpr.RunTime(), days));
    }

    private static List<Aggregate> aggregatesOf(Metric metric) {
        List<Aggregate> all = new ArrayList<>();
        all.add(metric.aggregate());
        metric.denominator().ifPresent(all::add);
        return all;
    }
}

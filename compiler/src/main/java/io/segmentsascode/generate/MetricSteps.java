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
 * once for all its metrics keeps the scan cost at one pass per table — for one segment, or for
 * every segment of a refresh cadence (the feature table), whose metrics each carry the window of
 * the segment that declared them.
 */
final class MetricSteps {

    static final String USER = Table.USER_KEY;

    /**
     * A metric as one column of a metric step: {@code segmentWindowDays} is the window of the
     * segment it belongs to, which a metric without a window of its own reads.
     */
    record MetricColumn(String column, Metric metric, int segmentWindowDays) {}

    private final Warehouse warehouse;
    private final int baseWindowDays;
    private final Map<String, List<MetricColumn>> byTable = new TreeMap<>();

    /** @param baseWindowDays the window the steps read at least (the segment's, or the widest of a cadence) */
    MetricSteps(Warehouse warehouse, int baseWindowDays, List<MetricColumn> columns) {
        this.warehouse = warehouse;
        this.baseWindowDays = baseWindowDays;
        for (MetricColumn column : columns) {
            byTable.computeIfAbsent(column.metric().aggregate().table(), t -> new ArrayList<>())
                    .add(column);
        }
    }

    /** The metrics of one segment, each a column of its own name. */
    static MetricSteps ofSegment(Warehouse warehouse, int segmentWindowDays, List<Metric> metrics) {
        return new MetricSteps(
                warehouse,
                segmentWindowDays,
                metrics.stream()
                        .map(m -> new MetricColumn(m.name(), m, segmentWindowDays))
                        .toList());
    }

    List<String> tables() {
        return List.copyOf(byTable.keySet());
    }

    /** The widest window of the base and the metrics; empty when a metric reads a lifetime. */
    OptionalInt widestWindowDays() {
        int widest = baseWindowDays;
        for (List<MetricColumn> columns : byTable.values()) {
            int days = widestOf(columns);
            if (days < 0) {
                return OptionalInt.empty();
            }
            widest = Math.max(widest, days);
        }
        return OptionalInt.of(widest);
    }

    static String stepName(String table) {
        return "metrics_" + table;
    }

    List<SqlQuery.Step> steps() {
        List<SqlQuery.Step> steps = new ArrayList<>();
        byTable.forEach(
                (tableName, columns) -> steps.add(step(warehouse.tables().get(tableName), columns)));
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
            for (MetricColumn column : metrics) {
                Metric metric = column.metric();
                SqlExpr value = SqlExpr.ColumnRef.of(alias, column.column());
                boolean zero =
                        !metric.isRatio() && metric.aggregate().function().zeroWhenNoRows();
                columns.put(
                        column.column(),
                        zero ? new SqlExpr.Coalesce(value, new SqlExpr.Literal(BigDecimal.ZERO)) : value);
            }
        });
        return columns;
    }

    /**
     * What a metric computes, free of its name and of where it was written (conditions carry their
     * offsets in the file; the IR does not): equal definitions give equal values for every user.
     */
    record Definition(String table, SqlExpr value) {}

    /** Every window spelt out, as if the step read a lifetime, so equal windows compare equal. */
    static Definition definition(Metric metric, int segmentWindowDays) {
        String time = "row_time";
        SqlExpr value = aggregate(metric.aggregate(), segmentWindowDays, time, 0);
        if (metric.isRatio()) {
            value = new SqlExpr.SafeRatio(value, aggregate(metric.denominator().get(), segmentWindowDays, time, 0));
        }
        return new Definition(metric.aggregate().table(), value);
    }

    private SqlQuery.Step step(Table table, List<MetricColumn> columns) {
        String time = table.timeColumn().orElseThrow();
        int widest = widestOf(columns);
        List<SqlQuery.SelectItem> items = new ArrayList<>();
        items.add(new SqlQuery.SelectItem(SqlExpr.ColumnRef.of(USER), USER));
        for (MetricColumn column : columns) {
            Metric metric = column.metric();
            SqlExpr value = aggregate(metric.aggregate(), column.segmentWindowDays(), time, widest);
            if (metric.isRatio()) {
                value = new SqlExpr.SafeRatio(
                        value, aggregate(metric.denominator().get(), column.segmentWindowDays(), time, widest));
            }
            items.add(new SqlQuery.SelectItem(value, column.column()));
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

    /** The widest window of the columns' aggregates, -1 when one reads a lifetime. */
    private static int widestOf(List<MetricColumn> columns) {
        int widest = 0;
        for (MetricColumn column : columns) {
            for (Aggregate aggregate : aggregatesOf(column.metric())) {
                int days = aggregate.window().effectiveDays(column.segmentWindowDays());
                widest = days < 0 || widest < 0 ? -1 : Math.max(widest, days);
            }
        }
        return widest;
    }

    /** {@code stepWindow}: the rows the step reads; an aggregate over exactly those needs no window filter. */
    private static SqlExpr aggregate(Aggregate aggregate, int segmentWindowDays, String time, int stepWindow) {
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

package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.expr.Expr;
import io.segmentsascode.expr.ValueType;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.model.Aggregate;
import io.segmentsascode.model.AggregateFunction;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Metric;
import io.segmentsascode.model.MetricWindow;
import io.segmentsascode.model.Table;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Resolves metric definitions (shared ones in warehouse.yaml and a rules segment's own) against the tables. */
final class MetricReader {

    private final Map<String, Table> tables;
    private final Diagnostics diagnostics;
    private final ConditionReader conditions;

    MetricReader(Map<String, Table> tables, Diagnostics diagnostics) {
        this.tables = tables;
        this.diagnostics = diagnostics;
        this.conditions = new ConditionReader(diagnostics);
    }

    Optional<Metric> read(String name, YMap definition) {
        String description = Fields.optText(definition, "description").orElse("");
        Optional<YMap> ratio = Fields.optMap(definition, "ratio");
        if (ratio.isEmpty()) {
            return aggregate(definition).map(a -> new Metric(name, description, a, Optional.empty()));
        }
        YMap parts = ratio.get();
        Optional<Aggregate> numerator =
                aggregate(Fields.optMap(parts, "numerator").orElseThrow());
        Optional<Aggregate> denominator =
                aggregate(Fields.optMap(parts, "denominator").orElseThrow());
        if (numerator.isEmpty() || denominator.isEmpty()) {
            return Optional.empty();
        }
        if (!numerator.get().table().equals(denominator.get().table())) {
            YScalar table = Fields.scalar(Fields.optMap(parts, "denominator").orElseThrow(), "table")
                    .orElseThrow();
            diagnostics.error(
                    table.location(),
                    "ratio '" + name + "' divides an aggregate over "
                            + numerator.get().table() + " by an aggregate over "
                            + denominator.get().table(),
                    "numerator and denominator must read the same table");
            return Optional.empty();
        }
        return Optional.of(new Metric(name, description, numerator.get(), denominator));
    }

    private Optional<Aggregate> aggregate(YMap definition) {
        YScalar tableName = Fields.scalar(definition, "table").orElseThrow();
        Table table = tables.get(tableName.text());
        if (table == null) {
            diagnostics.error(
                    tableName.location(),
                    "unknown table '" + tableName.text() + "'",
                    Suggestions.didYouMean(tableName.text(), tables.keySet(), "tables"));
            return Optional.empty();
        }
        boolean ok = true;
        if (!table.isPerUser()) {
            diagnostics.error(
                    tableName.location(),
                    "table '" + table.name() + "' has no user_id column, so it cannot " + "give a per-user metric",
                    "aggregate a table with a user_id column");
            ok = false;
        }
        if (table.timeColumn().isEmpty()) {
            diagnostics.error(
                    tableName.location(),
                    "table '" + table.name() + "' declares no time_column, so its rows "
                            + "cannot be limited to a window",
                    "add time_column to the table in warehouse.yaml");
            ok = false;
        }
        AggregateFunction function =
                AggregateFunction.valueOf(Fields.text(definition, "aggregate").toUpperCase(Locale.ROOT));
        Optional<YScalar> of = Fields.scalar(definition, "of");
        ColumnType resultType = ColumnType.INT64;
        if (function == AggregateFunction.COUNT && of.isPresent()) {
            diagnostics.error(
                    of.get().location(),
                    "'count' counts rows and takes no 'of' column",
                    "remove 'of', or use 'count_distinct' to count distinct values");
            ok = false;
        } else if (function != AggregateFunction.COUNT && of.isEmpty()) {
            diagnostics.error(
                    Fields.scalar(definition, "aggregate").orElseThrow().location(),
                    "'" + function.name().toLowerCase(Locale.ROOT) + "' needs the column to aggregate",
                    "add 'of: <column>' naming a column of " + table.name());
            ok = false;
        } else if (of.isPresent()) {
            Optional<Column> column = table.column(of.get().text());
            if (column.isEmpty()) {
                diagnostics.error(
                        of.get().location(),
                        "unknown column '" + of.get().text() + "' in table '" + table.name() + "'",
                        Suggestions.didYouMean(of.get().text(), table.columns().keySet(), "columns"));
                ok = false;
            } else if (column.get().type().scalar().isEmpty()) {
                diagnostics.error(
                        of.get().location(),
                        "cannot aggregate column '" + of.get().text() + "' of type "
                                + column.get().type() + ": metrics read scalar columns only",
                        "aggregate a scalar column, or read the nested values in a sql: segment with UNNEST");
                ok = false;
            } else if (function == AggregateFunction.SUM && !column.get().type().isNumeric()) {
                diagnostics.error(
                        of.get().location(),
                        "cannot sum column '" + of.get().text() + "' of type "
                                + column.get().type(),
                        "sum a numeric column, or use count_distinct");
                ok = false;
            } else if (column.get().pii()) {
                diagnostics.error(
                        of.get().location(),
                        "column '" + of.get().text() + "' holds personal data and may " + "not feed a metric",
                        "aggregate a non-PII column");
                ok = false;
            } else if (function != AggregateFunction.COUNT_DISTINCT) {
                resultType = column.get().type().scalar().orElseThrow();
            }
        }
        Optional<Expr> where = Optional.empty();
        Optional<YScalar> whereText = Fields.scalar(definition, "where");
        if (whereText.isPresent()) {
            where = conditions.read(whereText.get(), columnScope(table), "columns of " + table.name());
            ok &= where.isPresent();
        }
        MetricWindow window = MetricWindow.SEGMENT_DEFAULT;
        Optional<YScalar> windowText = Fields.scalar(definition, "window_days");
        if (windowText.isPresent()) {
            window = windowText.get().type() == YScalar.ScalarType.INTEGER
                    ? MetricWindow.days(Integer.parseInt(windowText.get().text()))
                    : MetricWindow.LIFETIME;
        }
        return ok
                ? Optional.of(new Aggregate(table.name(), function, of.map(YScalar::text), where, window, resultType))
                : Optional.empty();
    }

    /** Conditions over a table's rows may use its non-PII columns. */
    static Map<String, ValueType> columnScope(Table table) {
        Map<String, ValueType> scope = new LinkedHashMap<>();
        table.columns().values().stream()
                .filter(c -> !c.pii())
                .forEach(c -> scope.put(c.name(), c.type().valueType()));
        return scope;
    }
}

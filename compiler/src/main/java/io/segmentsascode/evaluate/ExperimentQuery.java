package io.segmentsascode.evaluate;

import io.segmentsascode.model.ExperimentMetric;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.Dialect;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The query evaluate runs: the experiments table's sums per experiment, segment label and
 * variant. Only sums travel; the tests are computed in Java from them, so the query is the same
 * plain aggregate in every dialect and only the table's name is the dialect's.
 */
public final class ExperimentQuery {

    /** The columns summed per experiment, label and variant, in the query's order. */
    private static final List<String> SUMS = List.of("users", "conversions", "revenue", "revenue_sq_sum");

    private ExperimentQuery() {}

    /** One row of the query: a variant's sums for one experiment and label. */
    public record VariantTotals(String experiment, String label, String variant, Arm arm) {}

    /** Every column the query reads; all of them must be declared. */
    static List<String> columns() {
        Set<String> columns = new LinkedHashSet<>(ExperimentMetric.KEY_COLUMNS);
        for (ExperimentMetric metric : ExperimentMetric.values()) {
            columns.addAll(metric.columns());
        }
        return List.copyOf(columns);
    }

    /** The columns of {@link ExperimentMetric#TABLE} the warehouse lacks (all of them when there is no such table). */
    public static List<String> missingColumns(Warehouse warehouse) {
        Optional<Table> table = warehouse.table(ExperimentMetric.TABLE);
        return columns().stream()
                .filter(c -> table.flatMap(t -> t.column(c)).isEmpty())
                .toList();
    }

    public static String render(Dialect dialect, Warehouse warehouse) {
        String keys = String.join(
                ", ",
                ExperimentMetric.KEY_COLUMNS.stream().map(dialect::identifier).toList());
        List<String> select = new ArrayList<>(
                ExperimentMetric.KEY_COLUMNS.stream().map(dialect::identifier).toList());
        for (String sum : SUMS) {
            select.add("SUM(" + dialect.identifier(sum) + ") AS " + dialect.identifier(sum));
        }
        return "SELECT " + String.join(", ", select) + "\nFROM "
                + dialect.physicalTable(warehouse, ExperimentMetric.TABLE) + "\nGROUP BY " + keys + "\nORDER BY "
                + keys;
    }

    /** @throws EvaluateException when the warehouse does not declare every column the query reads */
    public static void requireColumns(Warehouse warehouse) {
        List<String> missing = missingColumns(warehouse);
        if (!missing.isEmpty()) {
            throw new EvaluateException(
                    "table '" + ExperimentMetric.TABLE + "' lacks " + String.join(", ", missing) + ": evaluate needs "
                            + String.join(", ", columns()),
                    "declare them in warehouse.yaml (users: distinct users per variant; conversions: converting users;"
                            + " revenue_sq_sum: Σ of each user's revenue squared)");
        }
    }

    /**
     * The query's output columns as the warehouse declares them (a SUM keeps its column's type):
     * the contract the guard holds the query to before it is sent to a remote warehouse.
     */
    public static List<OutputColumn> contract(Warehouse warehouse) {
        Table table = warehouse.table(ExperimentMetric.TABLE).orElseThrow();
        List<String> names = new ArrayList<>(ExperimentMetric.KEY_COLUMNS);
        names.addAll(SUMS);
        return names.stream()
                .map(name -> new OutputColumn(
                        name, table.column(name).orElseThrow().type().scalar().orElseThrow()))
                .toList();
    }

    /** Runs the query on the engine; a warehouse without the table's columns is an {@link EvaluateException}. */
    public static List<VariantTotals> read(PreviewEngine engine, Dialect dialect, Warehouse warehouse) {
        return read(query -> engine.read("evaluate", query, engine.latestDataTime()), dialect, warehouse);
    }

    /**
     * Runs the query, rendered for {@code dialect}, through {@code reader} (where the experiments
     * table lives: the sample engine, or a remote warehouse); a warehouse without the table's
     * columns is an {@link EvaluateException}, and so is a query the reader's engine refuses
     * ({@link SegmentRunException}).
     */
    public static List<VariantTotals> read(
            Function<String, List<List<Object>>> reader, Dialect dialect, Warehouse warehouse) {
        requireColumns(warehouse);
        List<List<Object>> rows;
        try {
            rows = reader.apply(render(dialect, warehouse));
        } catch (SegmentRunException e) {
            throw new EvaluateException(
                    "the experiments table could not be read: " + e.reason(),
                    "check that the sample data has the table '" + ExperimentMetric.TABLE + "' with these columns");
        }
        List<VariantTotals> totals = new ArrayList<>();
        for (List<Object> row : rows) {
            totals.add(new VariantTotals(
                    text(row.get(0)),
                    text(row.get(1)),
                    text(row.get(2)),
                    new Arm(
                            number(row.get(3)).longValue(),
                            number(row.get(4)).longValue(),
                            number(row.get(5)).doubleValue(),
                            number(row.get(6)).doubleValue())));
        }
        return totals;
    }

    private static String text(Object value) {
        return value == null ? "(none)" : value.toString();
    }

    /** A SUM over no non-null value is NULL: counted as zero. */
    private static Number number(Object value) {
        return value == null ? 0 : (Number) value;
    }
}

package io.segmentsascode.generate;

import io.segmentsascode.model.MandatoryFilter;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Binds each logical table a segment reads to one envelope step with the warehouse's mandatory
 * filters applied, so no segment can forget them. Filter tables come first because other steps
 * keep only their keys. A day-sharded table's step also keeps only the shards of the segment's
 * widest window, or of the table's {@code lookback_days} when the segment declares none.
 */
final class EnvelopeBuilder {

    private final Warehouse warehouse;
    /**
     * A step of a table in one piece depends on the warehouse alone: built once, shared by every
     * segment's query (the IR is immutable). Sharded tables' steps depend on the window.
     */
    private final Map<String, SqlQuery.Step> stepByTable = new HashMap<>();

    EnvelopeBuilder(Warehouse warehouse) {
        this.warehouse = warehouse;
        for (Table table : warehouse.tables().values()) {
            if (table.dayShards().isEmpty()) {
                stepByTable.put(table.name(), step(table, OptionalInt.empty()));
            }
        }
    }

    /**
     * @param windowDays the widest window the segment reads, empty when it declares none (intent and
     *                   sql segments) or reads a lifetime
     */
    List<SqlQuery.Step> build(Set<String> usedTables, OptionalInt windowDays) {
        Set<String> ordered = new LinkedHashSet<>();
        for (MandatoryFilter filter : warehouse.mandatoryFilters()) {
            boolean propagates = filter.propagateBy().isPresent()
                    && usedTables.stream()
                            .anyMatch(t -> hasColumn(t, filter.propagateBy().get()));
            if (usedTables.contains(filter.table()) || propagates) {
                ordered.add(filter.table());
            }
        }
        ordered.addAll(new TreeSet<>(usedTables));
        List<SqlQuery.Step> steps = new ArrayList<>();
        for (String tableName : ordered) {
            SqlQuery.Step step = stepByTable.get(tableName);
            steps.add(step != null ? step : step(warehouse.tables().get(tableName), windowDays));
        }
        return steps;
    }

    private SqlQuery.Step step(Table table, OptionalInt windowDays) {
        List<SqlQuery.SelectItem> items = table.columns().keySet().stream()
                .map(c -> new SqlQuery.SelectItem(SqlExpr.ColumnRef.of(c), c))
                .toList();
        List<SqlExpr> conditions = new ArrayList<>();
        ConditionTranslator columns = new ConditionTranslator(SqlExpr.ColumnRef::of);
        table.dayShards()
                .ifPresent(shards ->
                        conditions.add(new SqlExpr.ShardsWithinDays(windowDays.orElse(shards.lookbackDays()))));
        for (MandatoryFilter filter : warehouse.mandatoryFilters()) {
            if (filter.table().equals(table.name())) {
                conditions.add(columns.translate(filter.keep()));
            } else if (filter.propagateBy().isPresent()
                    && table.columns().containsKey(filter.propagateBy().get())) {
                String key = filter.propagateBy().get();
                conditions.add(new SqlExpr.InCte(SqlExpr.ColumnRef.of(key), filter.table(), key));
            }
        }
        Optional<SqlExpr> where = conditions.isEmpty()
                ? Optional.empty()
                : Optional.of(conditions.size() == 1 ? conditions.get(0) : new SqlExpr.Logical("AND", conditions));
        return new SqlQuery.Step(
                table.name(),
                new SqlQuery.Select(items, new SqlQuery.PhysicalTable(table.name()), List.of(), where, List.of()));
    }

    private boolean hasColumn(String table, String column) {
        return warehouse.table(table).map(t -> t.columns().containsKey(column)).orElse(false);
    }
}

package io.segmentsascode.analyze;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The analysis catalog of a warehouse, and its hash (part of every cached analysis). */
public final class Catalogs {

    public static final String RUN_TIME = "run_time";

    private Catalogs() {}

    /** The logical tables, as segment SQL reads them ({@code events}). */
    public static AnalysisCatalog of(Warehouse warehouse) {
        return catalog(warehouse, Table::name, false);
    }

    /**
     * The physical tables, as compiled SQL reads them ({@code project.dataset.events}): what the
     * artifacts sent to BigQuery are analysed against.
     */
    public static AnalysisCatalog physical(Warehouse warehouse) {
        return catalog(warehouse, table -> warehouse.qualifiedName(table.name()), true);
    }

    /**
     * Tables this tool creates in the output dataset ({@code project.dataset.name}, as the BigQuery
     * dialect names them), with their columns, for analysing the queries of a refresh script.
     */
    public static List<AnalysisCatalog.CatalogTable> managed(
            Warehouse warehouse, Map<String, List<OutputColumn>> tables) {
        List<AnalysisCatalog.CatalogTable> managed = new ArrayList<>();
        tables.forEach((name, columns) -> managed.add(new AnalysisCatalog.CatalogTable(
                warehouse.managedName(name),
                columns.stream()
                        .map(c -> new Column(c.name(), c.type(), "", false))
                        .toList())));
        return managed;
    }

    /** {@code physical}: shards are physical; segment SQL reads a sharded table as one logical table. */
    private static AnalysisCatalog catalog(Warehouse warehouse, Function<Table, String> name, boolean physical) {
        List<AnalysisCatalog.CatalogTable> tables = new ArrayList<>();
        for (Table table : warehouse.tables().values()) {
            tables.add(new AnalysisCatalog.CatalogTable(
                    name.apply(table),
                    List.copyOf(table.columns().values()),
                    physical && table.dayShards().isPresent()));
        }
        return new AnalysisCatalog(tables, Map.of(RUN_TIME, ColumnType.TIMESTAMP));
    }

    /** Changes when a table, column, type or PII mark changes; descriptions do not matter here. */
    public static String hash(AnalysisCatalog catalog) {
        StringBuilder text = new StringBuilder();
        for (AnalysisCatalog.CatalogTable table : catalog.tables()) {
            text.append(table.name())
                    .append(table.daySharded() ? " day-sharded" : "")
                    .append('(');
            for (Column column : table.columns()) {
                text.append(column.name())
                        .append(' ')
                        .append(column.type())
                        .append(column.pii() ? " pii" : "")
                        .append(',');
            }
            text.append(")\n");
        }
        catalog.parameters().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append('@')
                        .append(e.getKey())
                        .append(' ')
                        .append(e.getValue())
                        .append('\n'));
        return Sha256.hex(text.toString());
    }
}

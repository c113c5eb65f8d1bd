package io.segmentsascode.analyze;

import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.resolve.SpecHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The analysis catalog of a warehouse, and its hash (part of every cached analysis). */
public final class Catalogs {

    public static final String RUN_TIME = "run_time";

    private Catalogs() {
    }

    public static AnalysisCatalog of(Warehouse warehouse) {
        List<AnalysisCatalog.CatalogTable> tables = new ArrayList<>();
        for (Table table : warehouse.tables().values()) {
            tables.add(new AnalysisCatalog.CatalogTable(table.name(), List.copyOf(table.columns().values())));
        }
        return new AnalysisCatalog(tables, Map.of(RUN_TIME, ColumnType.TIMESTAMP));
    }

    /** Changes when a table, column, type or PII mark changes; descriptions do not matter here. */
    public static String hash(AnalysisCatalog catalog) {
        StringBuilder text = new StringBuilder();
        for (AnalysisCatalog.CatalogTable table : catalog.tables()) {
            text.append(table.name()).append('(');
            for (Column column : table.columns()) {
                text.append(column.name()).append(' ').append(column.type()).append(column.pii() ? " pii" : "").append(',');
            }
            text.append(")\n");
        }
        catalog.parameters().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> text.append('@').append(e.getKey()).append(' ').append(e.getValue()).append('\n'));
        return SpecHash.sha256(text.toString());
    }
}

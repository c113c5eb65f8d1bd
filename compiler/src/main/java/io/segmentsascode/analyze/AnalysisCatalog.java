package io.segmentsascode.analyze;

import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import java.util.List;
import java.util.Map;

/**
 * What generated SQL may refer to: the warehouse's logical tables (by their logical names, e.g.
 * {@code events}) with typed columns, and query parameters ({@code run_time TIMESTAMP}).
 */
public record AnalysisCatalog(List<CatalogTable> tables, Map<String, ColumnType> parameters) {

    public record CatalogTable(String name, List<Column> columns) {
        public CatalogTable {
            columns = List.copyOf(columns);
        }
    }

    public AnalysisCatalog {
        tables = List.copyOf(tables);
        parameters = Map.copyOf(parameters);
    }
}

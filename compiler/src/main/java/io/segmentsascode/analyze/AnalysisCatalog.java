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

    /** BigQuery's pseudo column of a wildcard table: the part of the shard's name the wildcard matched. */
    public static final String TABLE_SUFFIX = "_TABLE_SUFFIX";

    /** {@code daySharded}: the name is a wildcard over day shards, which have {@link #TABLE_SUFFIX}. */
    public record CatalogTable(String name, List<Column> columns, boolean daySharded) {
        public CatalogTable {
            columns = List.copyOf(columns);
        }

        public CatalogTable(String name, List<Column> columns) {
            this(name, columns, false);
        }
    }

    public AnalysisCatalog {
        tables = List.copyOf(tables);
        parameters = Map.copyOf(parameters);
    }
}

package io.segmentsascode.duckdb;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;

/**
 * Fingerprint of what generated data depends on: table names, column names, types and order.
 * Descriptions, filters and metrics do not change the data, so editing them keeps the cache.
 */
final class WarehouseLayout {

    private static final int HASH_CHARS = 12;

    private WarehouseLayout() {}

    static String hash(Warehouse warehouse) {
        StringBuilder layout = new StringBuilder();
        for (Table table : warehouse.tables().values()) {
            layout.append(table.name()).append('(');
            for (Column column : table.columns().values()) {
                layout.append(column.name()).append(' ').append(column.type()).append(',');
            }
            layout.append(")\n");
        }
        return Sha256.hex(layout.toString()).substring(0, HASH_CHARS);
    }
}

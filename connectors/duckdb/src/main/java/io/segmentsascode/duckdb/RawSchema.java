package io.segmentsascode.duckdb;

import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.DataType;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.render.DuckDbDialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * The physical side of the contract with the compiler's DuckDB dialect: every logical table is
 * {@code raw.<name>} with exactly its declared columns, typed as BigQuery would type them.
 */
final class RawSchema {

    static final String SCHEMA = DuckDbDialect.RAW_SCHEMA;
    private static final DuckDbDialect DIALECT = new DuckDbDialect();

    private RawSchema() {}

    /**
     * The dialect's own type names: the raw tables hold exactly what rendered SQL expects. BigQuery's
     * arrays are DuckDB lists ({@code T[]}) and its structs DuckDB structs, field names kept.
     */
    static String duckDbType(DataType type) {
        if (type instanceof DataType.Array array) {
            return duckDbType(array.element()) + "[]";
        }
        if (type instanceof DataType.Struct struct) {
            return struct.fields().stream()
                    .map(field -> DuckDbSql.identifier(field.name()) + " " + duckDbType(field.type()))
                    .collect(Collectors.joining(", ", "STRUCT(", ")"));
        }
        return DIALECT.typeName(type.scalar().orElseThrow());
    }

    static String qualifiedName(String logicalTable) {
        return SCHEMA + "." + DuckDbSql.identifier(logicalTable);
    }

    /**
     * {@code sourceExpression} converted to the declared type. Timestamps go through TIMESTAMPTZ so
     * values written with an offset ({@code ...+02:00}) land as UTC, and naive ones stay as they are.
     */
    static String castTo(DataType type, String sourceExpression) {
        if (type.scalar().orElse(null) == ColumnType.TIMESTAMP) {
            return "CAST(CAST(" + sourceExpression + " AS TIMESTAMPTZ) AS TIMESTAMP)";
        }
        return "CAST(" + sourceExpression + " AS " + duckDbType(type) + ")";
    }

    /** Like {@link #castTo} but NULL where the value cannot be converted: finds the offending values. */
    static String tryCastTo(DataType type, String sourceExpression) {
        if (type.scalar().orElse(null) == ColumnType.TIMESTAMP) {
            return "TRY_CAST(TRY_CAST(" + sourceExpression + " AS TIMESTAMPTZ) AS TIMESTAMP)";
        }
        return "TRY_CAST(" + sourceExpression + " AS " + duckDbType(type) + ")";
    }

    static void create(Connection connection, Warehouse warehouse) throws SQLException {
        DuckDbSql.execute(connection, "CREATE SCHEMA " + SCHEMA);
        for (Table table : warehouse.tables().values()) {
            DuckDbSql.execute(
                    connection, "CREATE TABLE " + qualifiedName(table.name()) + " (" + columnDefinitions(table) + ")");
        }
    }

    private static String columnDefinitions(Table table) {
        return table.columns().values().stream()
                .map(RawSchema::columnDefinition)
                .collect(Collectors.joining(", "));
    }

    private static String columnDefinition(Column column) {
        return DuckDbSql.identifier(column.name()) + " " + duckDbType(column.type());
    }
}

package io.segmentsascode.duckdb;

import io.segmentsascode.diagnostics.Location;
import java.nio.file.Path;

/**
 * Where one logical table's rows are in the user's extract: the file to point diagnostics at,
 * how to name it in a message ({@code events.csv}, {@code table 'events' of shop.duckdb}) and
 * the DuckDB relation that reads it.
 */
record TableSource(Path file, String description, String relation) {

    /** CSV values are read as text and converted by our casts: DuckDB's type sniffing would turn ids like 007 into 7. */
    static TableSource csv(Path file) {
        return new TableSource(
                file,
                file.getFileName().toString(),
                "read_csv(" + DuckDbSql.literal(file.toAbsolutePath().toString())
                        + ", header = true, all_varchar = true)");
    }

    static TableSource parquet(Path file) {
        return new TableSource(
                file,
                file.getFileName().toString(),
                "read_parquet(" + DuckDbSql.literal(file.toAbsolutePath().toString()) + ")");
    }

    static TableSource databaseTable(Path database, String catalog, String table) {
        return new TableSource(
                database,
                "table '" + table + "' of " + database.getFileName(),
                catalog + ".main." + DuckDbSql.identifier(table));
    }

    /** The start of the file; for a CSV that is its header line. */
    Location location() {
        return Location.startOf(file);
    }
}

package io.segmentsascode.duckdb;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.model.Table;
import java.util.Optional;

/** How an extract holds its tables: a folder of files or a DuckDB database. */
sealed interface ExtractLayout extends AutoCloseable permits ExtractFolder, ExtractDatabase {

    /** The table's data, or empty after recording why it cannot be found. */
    Optional<TableSource> locate(Table table, Diagnostics diagnostics);

    @Override
    void close();
}

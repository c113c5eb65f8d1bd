package io.segmentsascode.duckdb;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.model.Table;
import io.segmentsascode.preview.PreviewException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A DuckDB database file whose schema {@code main} has one table (or view) per logical table. */
final class ExtractDatabase implements ExtractLayout {

    private static final String CATALOG = "sample_extract";
    /** A DuckDB file starts with an 8-byte checksum followed by these magic bytes. */
    private static final byte[] MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);

    private static final int MAGIC_OFFSET = 8;

    private final Connection connection;
    private final Path file;
    private final List<String> tables;

    private ExtractDatabase(Connection connection, Path file, List<String> tables) {
        this.connection = connection;
        this.file = file;
        this.tables = tables;
    }

    /** Attaches {@code file} read-only: previewing must never change the user's data. */
    static ExtractDatabase attach(Connection connection, Path file) {
        if (!isDuckDbFile(file)) {
            throw failure(file, "not a DuckDB database", ExtractLoader.SAMPLE_DATA_HINT);
        }
        try {
            DuckDbSql.execute(
                    connection,
                    "ATTACH " + DuckDbSql.literal(file.toAbsolutePath().toString()) + " AS " + CATALOG
                            + " (READ_ONLY)");
        } catch (SQLException e) {
            throw failure(file, "cannot open the DuckDB database: " + DuckDbSql.gist(e), "");
        }
        try {
            List<String> tables = DuckDbSql.queryStrings(
                    connection,
                    "SELECT table_name FROM information_schema.tables" + " WHERE table_catalog = "
                            + DuckDbSql.literal(CATALOG) + " AND table_schema = 'main' ORDER BY 1");
            return new ExtractDatabase(connection, file, tables);
        } catch (SQLException e) {
            throw new IllegalStateException("listing the tables of " + file + " failed: " + DuckDbSql.gist(e), e);
        }
    }

    @Override
    public Optional<TableSource> locate(Table table, Diagnostics diagnostics) {
        // DuckDB resolves names case-insensitively, so Events serves events
        Optional<String> found =
                tables.stream().filter(t -> t.equalsIgnoreCase(table.name())).findFirst();
        if (found.isEmpty()) {
            diagnostics.error(
                    Location.startOf(file),
                    "no table '" + table.name() + "' in " + file.getFileName(),
                    tablesHint(table));
        }
        return found.map(name -> TableSource.databaseTable(file, CATALOG, name));
    }

    private String tablesHint(Table table) {
        if (tables.isEmpty()) {
            return "the database has no tables in schema main";
        }
        return Suggestions.closest(table.name(), tables)
                .map(t -> "did you mean '" + t + "'?")
                .orElse("tables found: " + String.join(", ", tables));
    }

    @Override
    public void close() {
        try {
            DuckDbSql.execute(connection, "DETACH " + CATALOG);
        } catch (SQLException e) {
            throw new IllegalStateException("detaching " + file + " failed: " + DuckDbSql.gist(e), e);
        }
    }

    private static boolean isDuckDbFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] header = in.readNBytes(MAGIC_OFFSET + MAGIC.length);
            return header.length == MAGIC_OFFSET + MAGIC.length
                    && Arrays.equals(header, MAGIC_OFFSET, header.length, MAGIC, 0, MAGIC.length);
        } catch (IOException e) {
            throw failure(file, "cannot read the file: " + e.getMessage(), "");
        }
    }

    private static PreviewException failure(Path file, String message, String hint) {
        return new PreviewException(List.of(Diagnostic.error(Location.startOf(file), message, hint)));
    }
}

package io.segmentsascode.duckdb;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Loads the user's own extracts into {@code raw.<table>}, each declared column cast to its
 * declared type (file columns may come in any order; extra ones are ignored). Every problem of
 * every table is reported at once as a {@link PreviewException} located at the file concerned.
 */
public final class ExtractLoader {

    static final String SAMPLE_DATA_HINT =
            "segments.sampleData must name a DuckDB database file or a folder with one <table>.csv or <table>.parquet per table";

    private ExtractLoader() {}

    /** Creates schema {@code raw} on {@code connection} and fills it from {@code source} (a DuckDB file or a folder). */
    public static void load(Connection connection, Warehouse warehouse, Path source) {
        if (!Files.exists(source)) {
            throw new PreviewException(List.of(
                    Diagnostic.error(Location.startOf(source), "sample data path does not exist", SAMPLE_DATA_HINT)));
        }
        Diagnostics diagnostics = new Diagnostics();
        try {
            // naive timestamps in the files are UTC, and offsets convert to UTC, whatever the caller's session said
            DuckDbSql.execute(connection, "SET TimeZone = 'UTC'");
            RawSchema.create(connection, warehouse);
            try (ExtractLayout layout = Files.isDirectory(source)
                    ? new ExtractFolder(source)
                    : ExtractDatabase.attach(connection, source)) {
                for (Table table : warehouse.tables().values()) {
                    Optional<TableSource> found = layout.locate(table, diagnostics);
                    if (found.isPresent()) {
                        copy(connection, table, found.get(), diagnostics);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("loading sample data from " + source + " failed: " + DuckDbSql.gist(e), e);
        }
        if (diagnostics.hasErrors()) {
            throw new PreviewException(diagnostics.sorted());
        }
    }

    private static void copy(Connection connection, Table table, TableSource source, Diagnostics diagnostics)
            throws SQLException {
        Optional<Map<String, String>> fileColumns = fileColumns(connection, source, diagnostics);
        if (fileColumns.isEmpty()) {
            return;
        }
        Optional<Map<Column, String>> matched = matchColumns(table, source, fileColumns.get(), diagnostics);
        if (matched.isEmpty()) {
            return;
        }
        String casts = matched.get().entrySet().stream()
                .map(e -> RawSchema.castTo(e.getKey().type(), DuckDbSql.identifier(e.getValue())))
                .collect(Collectors.joining(", "));
        try {
            DuckDbSql.execute(
                    connection,
                    "INSERT INTO " + RawSchema.qualifiedName(table.name()) + " SELECT " + casts + " FROM "
                            + source.relation());
        } catch (SQLException e) {
            reportUnconvertibleValues(connection, source, matched.get(), fileColumns.get(), e, diagnostics);
        }
    }

    /** Column name to DuckDB type as the file declares or DuckDB reads them, in file order. */
    private static Optional<Map<String, String>> fileColumns(
            Connection connection, TableSource source, Diagnostics diagnostics) {
        try {
            return Optional.of(DuckDbSql.queryPairs(
                    connection,
                    "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM " + source.relation() + ")"));
        } catch (SQLException e) {
            diagnostics.error(source.location(), "cannot read " + source.description() + ": " + DuckDbSql.gist(e), "");
            return Optional.empty();
        }
    }

    /** Declared column to the file's column; names match case-insensitively, as DuckDB matches them. */
    private static Optional<Map<Column, String>> matchColumns(
            Table table, TableSource source, Map<String, String> fileColumns, Diagnostics diagnostics) {
        Map<Column, String> matched = new LinkedHashMap<>();
        boolean complete = true;
        for (Column column : table.columns().values()) {
            Optional<String> found = fileColumns.keySet().stream()
                    .filter(c -> c.equalsIgnoreCase(column.name()))
                    .findFirst();
            if (found.isPresent()) {
                matched.put(column, found.get());
            } else {
                complete = false;
                diagnostics.error(
                        source.location(),
                        source.description() + " has no column '" + column.name() + "' (table " + table.name()
                                + " declares it as " + column.type() + ")",
                        columnsHint(column.name(), fileColumns.keySet().stream().toList()));
            }
        }
        return complete ? Optional.of(matched) : Optional.empty();
    }

    private static String columnsHint(String missing, List<String> found) {
        String columnsFound = "columns found: " + String.join(", ", found);
        return Suggestions.closest(missing, found)
                .map(c -> "did you mean '" + c + "'? " + columnsFound)
                .orElse(columnsFound);
    }

    /**
     * The load failed: names each column holding a value its declared type cannot take, with the
     * first such value and DuckDB's own words about it.
     */
    private static void reportUnconvertibleValues(
            Connection connection,
            TableSource source,
            Map<Column, String> matched,
            Map<String, String> fileColumns,
            SQLException loadFailure,
            Diagnostics diagnostics)
            throws SQLException {
        List<Diagnostic> found = new ArrayList<>();
        for (Map.Entry<Column, String> entry : matched.entrySet()) {
            Column column = entry.getKey();
            String fileColumn = DuckDbSql.identifier(entry.getValue());
            List<String> badValue = DuckDbSql.queryStrings(
                    connection,
                    "SELECT CAST(" + fileColumn + " AS VARCHAR) FROM "
                            + source.relation() + " WHERE " + fileColumn + " IS NOT NULL AND "
                            + RawSchema.tryCastTo(column.type(), fileColumn) + " IS NULL LIMIT 1");
            if (!badValue.isEmpty()) {
                String why = castFailure(connection, column, badValue.get(0), fileColumns.get(entry.getValue()));
                found.add(Diagnostic.error(
                        source.location(),
                        "column '" + column.name() + "' of " + source.description() + " cannot be read as "
                                + column.type() + ": " + why,
                        "fix the value, or declare the column's real type in the warehouse"));
            }
        }
        if (found.isEmpty()) {
            diagnostics.error(
                    source.location(), "cannot load " + source.description() + ": " + DuckDbSql.gist(loadFailure), "");
        }
        diagnostics.addAll(found);
    }

    /** DuckDB's message for converting this one value, from its type in the file to the declared type. */
    private static String castFailure(Connection connection, Column column, String value, String fileType)
            throws SQLException {
        String original = "CAST(" + DuckDbSql.literal(value) + " AS " + fileType + ")";
        try {
            DuckDbSql.queryStrings(connection, "SELECT " + RawSchema.castTo(column.type(), original));
            return "the value '" + value + "' does not convert";
        } catch (SQLException e) {
            return DuckDbSql.gist(e);
        }
    }
}

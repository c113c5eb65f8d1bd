package io.segmentsascode.duckdb;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.model.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A folder with one {@code <table>.csv} or {@code <table>.parquet} per logical table. */
final class ExtractFolder implements ExtractLayout {

    private final Path folder;

    ExtractFolder(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<TableSource> locate(Table table, Diagnostics diagnostics) {
        String csvName = table.name() + ".csv";
        String parquetName = table.name() + ".parquet";
        Path csv = folder.resolve(csvName);
        Path parquet = folder.resolve(parquetName);
        boolean hasCsv = Files.isRegularFile(csv);
        boolean hasParquet = Files.isRegularFile(parquet);
        if (hasCsv && hasParquet) {
            diagnostics.error(
                    Location.startOf(folder),
                    "both " + csvName + " and " + parquetName + " exist for table '" + table.name() + "'",
                    "keep only one of them");
            return Optional.empty();
        }
        if (hasCsv) {
            return Optional.of(TableSource.csv(csv));
        }
        if (hasParquet) {
            return Optional.of(TableSource.parquet(parquet));
        }
        diagnostics.error(
                Location.startOf(folder),
                "no file for table '" + table.name() + "': expected " + csvName + " or " + parquetName,
                misspeltFile(csvName, parquetName)
                        .map(f -> "did you mean '" + f + "'?")
                        .orElse(""));
        return Optional.empty();
    }

    /** A data file whose name is close to an expected one, e.g. {@code event.csv} for {@code events.csv}. */
    private Optional<String> misspeltFile(String csvName, String parquetName) {
        List<String> dataFiles = dataFileNames();
        return Suggestions.closest(csvName, dataFiles).or(() -> Suggestions.closest(parquetName, dataFiles));
    }

    private List<String> dataFileNames() {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".csv") || name.endsWith(".parquet"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + folder, e);
        }
    }

    @Override
    public void close() {
        // nothing held open: files are read by the queries that load them
    }
}

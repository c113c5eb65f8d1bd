package io.segmentsascode.duckdb;

import io.segmentsascode.model.Warehouse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import java.util.UUID;

/**
 * Generated samples as DuckDB files under {@code <stateDir>/sample}, named after everything the
 * data depends on (spec, generator version, warehouse layout): a file that exists is the right
 * data, so later runs open it instead of generating again.
 */
final class SampleCache {

    static final String FOLDER = "sample";

    private SampleCache() {}

    static Path fileFor(Path stateDir, Warehouse warehouse, SampleSpec spec) {
        String name = "sample-v" + SampleWarehouse.GENERATOR_VERSION
                + "-users" + spec.users()
                + "-seed" + spec.seed()
                + "-" + WarehouseLayout.hash(warehouse) + ".duckdb";
        return stateDir.resolve(FOLDER).resolve(name);
    }

    /** The cached sample, generated first if absent. */
    static Path obtain(Path stateDir, Warehouse warehouse, SampleSpec spec) {
        Path file = fileFor(stateDir, warehouse, spec);
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Files.createDirectories(file.getParent());
            generateAtomically(file, warehouse, spec);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sample warehouse to " + file, e);
        }
    }

    /**
     * Generates under a unique temporary name and renames when complete: a run killed halfway
     * leaves no file that a later run would take for a finished sample, and concurrent runs do
     * not write into each other's file.
     */
    private static void generateAtomically(Path file, Warehouse warehouse, SampleSpec spec) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        Path temporaryWal = temporary.resolveSibling(temporary.getFileName() + ".wal");
        try {
            try (Connection connection =
                    DuckDbSql.connect(temporary.toAbsolutePath().toString(), new Properties())) {
                SampleWarehouse.generate(connection, warehouse, spec);
                // everything into the main file: the rename moves that file only, not the WAL
                DuckDbSql.execute(connection, "CHECKPOINT");
            } catch (SQLException e) {
                throw new IllegalStateException("generating the sample warehouse failed: " + DuckDbSql.gist(e), e);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
            Files.deleteIfExists(temporaryWal);
        }
    }
}

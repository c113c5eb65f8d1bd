package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.segmentsascode.model.Warehouse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same spec, same rows; another seed, other rows. Each sample is its own database file. */
class SampleDeterminismTest {

    private static final Warehouse WAREHOUSE = TestWarehouses.bundled();

    @TempDir
    Path dir;

    @Test
    void sameSpecGivesIdenticalTablesAndAnotherSeedDifferentOnes() throws SQLException {
        Map<String, String> first = generateAndFingerprint(dir.resolve("first.duckdb"), new SampleSpec(1_500, 7));
        Map<String, String> second = generateAndFingerprint(dir.resolve("second.duckdb"), new SampleSpec(1_500, 7));
        Map<String, String> otherSeed = generateAndFingerprint(dir.resolve("other.duckdb"), new SampleSpec(1_500, 8));

        assertEquals(first, second);
        for (String table : WAREHOUSE.tables().keySet()) {
            assertNotEquals(first.get(table), otherSeed.get(table), table);
        }
    }

    private static Map<String, String> generateAndFingerprint(Path file, SampleSpec spec) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file)) {
            SampleWarehouse.generate(connection, WAREHOUSE, spec);
            Map<String, String> fingerprints = new LinkedHashMap<>();
            for (String table : WAREHOUSE.tables().keySet()) {
                fingerprints.put(table, TestQueries.fingerprint(connection, table));
            }
            return fingerprints;
        }
    }
}

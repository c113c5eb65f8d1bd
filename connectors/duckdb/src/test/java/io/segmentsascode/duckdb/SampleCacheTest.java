package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.TestQueries.longValue;
import static io.segmentsascode.duckdb.TestWarehouses.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCacheTest {

    private static final SampleSource SMALL = new SampleSource.Generated(new SampleSpec(300, 42));

    @TempDir
    Path stateDir;

    @Test
    void secondOpenReusesTheCachedFileInsteadOfGenerating() throws Exception {
        Warehouse warehouse = TestWarehouses.bundled();
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(warehouse, SMALL, stateDir)) {
            assertEquals(300, longValue(engine.connection(), "SELECT count(*) FROM raw.users"));
        }
        List<Path> afterFirst = sampleFolder();
        BasicFileAttributes generated = Files.readAttributes(afterFirst.get(0), BasicFileAttributes.class);

        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(warehouse, SMALL, stateDir)) {
            assertEquals(300, longValue(engine.connection(), "SELECT count(*) FROM raw.users"));
        }
        BasicFileAttributes reopened = Files.readAttributes(afterFirst.get(0), BasicFileAttributes.class);

        // a regenerated sample would be a new file renamed into place: another inode, another time
        assertEquals(afterFirst, sampleFolder());
        assertEquals(generated.fileKey(), reopened.fileKey());
        assertEquals(generated.lastModifiedTime(), reopened.lastModifiedTime());
    }

    @Test
    void generationLeavesOnlyTheFinishedFileNamedAfterSpecVersionAndLayout() throws Exception {
        Warehouse warehouse = TestWarehouses.bundled();
        DuckDbPreviewEngine.open(warehouse, SMALL, stateDir).close();

        assertEquals(
                List.of(stateDir.resolve("sample")
                        .resolve("sample-v" + SampleWarehouse.GENERATOR_VERSION + "-users300-seed42-"
                                + WarehouseLayout.hash(warehouse) + ".duckdb")),
                sampleFolder());
    }

    @Test
    void aChangedWarehouseLayoutGetsItsOwnCacheFile() throws Exception {
        Warehouse bundled = TestWarehouses.bundled();
        Map<String, Table> tables = TestWarehouses.bundledTables();
        tables.put("users", TestWarehouses.withColumn(tables.get("users"), column("language", ColumnType.STRING)));
        Warehouse extended = TestWarehouses.warehouse(tables);

        DuckDbPreviewEngine.open(bundled, SMALL, stateDir).close();
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(extended, SMALL, stateDir)) {
            assertEquals(300, longValue(engine.connection(), "SELECT count(language) FROM raw.users"));
        }

        assertEquals(2, sampleFolder().size());
        assertNotEquals(
                SampleCache.fileFor(stateDir, bundled, new SampleSpec(300, 42)),
                SampleCache.fileFor(stateDir, extended, new SampleSpec(300, 42)));
    }

    @Test
    void descriptionsDoNotChangeTheLayoutButTypesDo() {
        Map<String, Table> described = TestWarehouses.bundledTables();
        Table users = described.get("users");
        described.put(
                "users", new Table("users", "another description", users.key(), users.timeColumn(), users.columns()));
        Map<String, Table> retyped = TestWarehouses.bundledTables();
        retyped.put(
                "users",
                TestWarehouses.table(
                        "users",
                        users.timeColumn(),
                        column("user_id", ColumnType.STRING),
                        column("signup_date", ColumnType.TIMESTAMP),
                        column("country", ColumnType.STRING),
                        column("device_type", ColumnType.STRING)));

        String bundled = WarehouseLayout.hash(TestWarehouses.bundled());
        assertEquals(bundled, WarehouseLayout.hash(TestWarehouses.warehouse(described)));
        assertNotEquals(bundled, WarehouseLayout.hash(TestWarehouses.warehouse(retyped)));
    }

    @Test
    void defaultSizeHasAtLeastAHundredPremiumBrowsers() throws SQLException {
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(
                TestWarehouses.bundled(), new SampleSource.Generated(SampleSpec.defaults()), stateDir)) {
            long premiumBrowsers = longValue(engine.connection(), SampleWarehouseTest.premiumBrowserCount());
            assertEquals(true, premiumBrowsers >= 100, "premium browsers: " + premiumBrowsers);
        }
    }

    private List<Path> sampleFolder() throws IOException {
        try (Stream<Path> files = Files.list(stateDir.resolve("sample"))) {
            return files.sorted().toList();
        }
    }
}

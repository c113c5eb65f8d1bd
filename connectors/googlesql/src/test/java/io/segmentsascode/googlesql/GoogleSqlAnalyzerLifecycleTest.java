package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalysis.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class GoogleSqlAnalyzerLifecycleTest {

    @Test
    void versionAndExactness() {
        GoogleSqlAnalyzer analyzer = SharedAnalyzer.googleSql();
        assertEquals("googlesql 2025.09.1", analyzer.version());
        assertTrue(analyzer.exact());
    }

    @Test
    void eachCatalogIsItsOwn() {
        AnalysisCatalog withoutIdentities = new AnalysisCatalog(
                Warehouse.CATALOG.tables().stream()
                        .filter(t -> !t.name().equals("identities"))
                        .toList(),
                Map.of());
        GoogleSqlAnalyzer analyzer = SharedAnalyzer.googleSql();

        assertEquals(
                List.of(new Problem(1, 15, "Table not found: identities")),
                analyzer.analyze("SELECT 1 FROM identities", withoutIdentities).errors());
        assertEquals(
                List.of(new Problem(1, 8, "Query parameter 'run_time' not found")),
                analyzer.analyze("SELECT @run_time", withoutIdentities).errors());
        assertEquals(
                List.of(),
                analyzer.analyze("SELECT 1 FROM identities", Warehouse.CATALOG).errors());
    }

    @Test
    void concurrentAnalysesGiveTheSameFacts() throws Exception {
        GoogleSqlAnalyzer analyzer = SharedAnalyzer.googleSql();
        List<SqlAnalysis> expected = new ArrayList<>();
        for (SegmentQueries.Query query : SegmentQueries.ALL) {
            expected.add(analyzer.analyze(query.sql(), Warehouse.CATALOG));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (int i = 0; i < SegmentQueries.ALL.size(); i++) {
                    int index = i;
                    results.add(pool.submit(() -> expected.get(index)
                            .equals(analyzer.analyze(
                                    SegmentQueries.ALL.get(index).sql(), Warehouse.CATALOG))));
                }
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void closeUnregistersAndRefusesFurtherWork() {
        GoogleSqlAnalyzer analyzer = new GoogleSqlAnalyzer();
        assertEquals(
                List.of(),
                analyzer.analyze("SELECT user_id FROM users", Warehouse.CATALOG).errors());
        analyzer.close();
        assertThrows(IllegalStateException.class, () -> analyzer.analyze("SELECT 1", Warehouse.CATALOG));
    }
}

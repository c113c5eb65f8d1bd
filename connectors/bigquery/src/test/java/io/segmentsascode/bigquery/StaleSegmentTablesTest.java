package io.segmentsascode.bigquery;

import static io.segmentsascode.bigquery.FakeWarehouse.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.rpc.Code;
import io.segmentsascode.fakes.FakeDataTransfer.RunOutcome;
import io.segmentsascode.model.Refresh;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The BigQuery target knows its scheduled refreshes' runs: a segment table whose latest refresh failed is stale, so
 * audiences read from it send nothing; the next successful run makes it fresh again. Runs come from the Data Transfer
 * fake, as the scheduler would leave them.
 */
class StaleSegmentTablesTest {

    @TempDir
    Path stateDir;

    private FakeWarehouse warehouse;

    private final List<ScheduledRefresh> refreshes = List.of(
            refresh(Refresh.DAILY, "v1", "seg_rfm_at_risk", "seg_rfm_champions"),
            refresh(Refresh.WEEKLY, "v1", "seg_lifecycle_lapsed"));

    @BeforeEach
    void start() throws Exception {
        warehouse = new FakeWarehouse(stateDir);
        warehouse.apply(refreshes, false);
    }

    @AfterEach
    void stop() throws Exception {
        warehouse.close();
    }

    @Test
    void aFailedLatestRunMakesItsTablesStaleUntilARunSucceeds() {
        List<String> winback = List.of("seg_rfm_at_risk", "seg_lifecycle_lapsed");
        assertEquals(List.of(), stale(winback), "the apply's own runs succeeded");

        long later = Instant.now().plusSeconds(3_600).getEpochSecond();
        warehouse
                .fakes
                .dataTransfer()
                .scheduledRun(daily().getName(), later, RunOutcome.failed(Code.INTERNAL, "quota"));

        List<String> stale = stale(winback);
        assertEquals(1, stale.size(), stale.toString());
        assertTrue(stale.get(0).startsWith("seg_rfm_at_risk (daily refresh): latest run FAILED at "), stale.get(0));
        assertTrue(stale.get(0).endsWith("(quota)"), stale.get(0));
        assertEquals(List.of(), stale(List.of("seg_lifecycle_lapsed")), "the weekly refresh is unaffected");

        warehouse.fakes.dataTransfer().scheduledRun(daily().getName(), later + 60, RunOutcome.succeeded());
        assertEquals(List.of(), stale(winback), "fresh again after a successful run");
    }

    private List<String> stale(List<String> segmentIds) {
        try (BigQueryTarget target = warehouse.open(refreshes)) {
            return target.members().staleTables(segmentIds);
        }
    }

    private TransferConfig daily() {
        return warehouse.fakes.dataTransfer().configs().stream()
                .filter(c -> c.getDisplayName().startsWith("segments daily"))
                .findFirst()
                .orElseThrow();
    }
}

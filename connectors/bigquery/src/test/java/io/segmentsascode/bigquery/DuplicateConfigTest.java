package io.segmentsascode.bigquery;

import static io.segmentsascode.bigquery.FakeWarehouse.PROJECT;
import static io.segmentsascode.bigquery.FakeWarehouse.refresh;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A config created twice (by an older tool's blind retry, say) is repaired down to one. */
class DuplicateConfigTest {

    private static final String PARENT = "projects/" + PROJECT + "/locations/eu";

    @TempDir
    Path stateDir;

    @Test
    void extraConfigsCarryingOurMarkerAreDeletedByTheRepair() throws Exception {
        List<ScheduledRefresh> refreshes = List.of(refresh(Refresh.DAILY, "v1", "seg_rfm_champions"));
        try (FakeWarehouse warehouse = new FakeWarehouse(stateDir)) {
            warehouse.apply(refreshes, false);
            TransferConfig original =
                    warehouse.fakes.dataTransfer().configs(PARENT).get(0);
            warehouse
                    .fakes
                    .dataTransfer()
                    .putConfig(PARENT, original.toBuilder().clearName().build(), "");

            Change repair = warehouse.plan(refreshes, false).stream()
                    .filter(c -> c.id().name().equals("daily"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(Action.REPAIR, repair.action());
            assertTrue(repair.reason().contains("2 configs carry this marker"), repair.reason());

            warehouse.apply(refreshes, false);

            assertEquals(
                    List.of(original.getName()),
                    warehouse.fakes.dataTransfer().configs(PARENT).stream()
                            .map(TransferConfig::getName)
                            .toList());
        }
    }
}

package io.segmentsascode.bigquery;

import static io.segmentsascode.bigquery.FakeWarehouse.DATASET;
import static io.segmentsascode.bigquery.FakeWarehouse.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.bigquery.datatransfer.v1.TransferState;
import io.segmentsascode.fakes.BigQueryState;
import io.segmentsascode.fakes.DefaultQueryEngine;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.render.RenderedScript;
import io.segmentsascode.render.ScriptRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cadence whose swap is too long for one query runs it from procedures: apply creates them before
 * the scheduled query's first run, and the run, calling them, swaps every table in the same order
 * and the same transactions as the whole script would.
 */
class SplitRefreshOnFakesTest {

    @TempDir
    Path stateDir;

    @Test
    void aRunCallingTheSwapProceduresDoesWhatTheWholeScriptWouldDo() throws Exception {
        List<RefreshScript.Swap> swaps = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String id = String.format("seg_many_%04d", i);
            swaps.add(new RefreshScript.Swap(
                    id,
                    RefreshScript.segmentTable(id),
                    RefreshScript.stagingTable(id),
                    List.of(new OutputColumn("user_id", ColumnType.STRING))));
        }
        RefreshScript layout = new RefreshScript(Refresh.DAILY, List.of(), swaps, Map.of());
        RenderedScript whole = ScriptRenderer.bigQuery(FakeWarehouse.warehouse(), Integer.MAX_VALUE)
                .render(layout);
        RenderedScript split = ScriptRenderer.bigQuery(
                        FakeWarehouse.warehouse(), whole.text().length() / 2)
                .render(layout);
        assertTrue(split.procedures().size() > 1, "the swap moved into procedures");

        try (FakeWarehouse warehouse = new FakeWarehouse(stateDir)) {
            // staging tables, as the builds of a real script would have left them
            swaps.forEach(swap -> warehouse
                    .fakes
                    .bigQuery()
                    .state()
                    .putTable(PROJECT + "." + DATASET + "." + swap.stagingTable(), "user_id:STRING"));
            List<String> ran = new ArrayList<>();
            warehouse.fakes.bigQuery().setQueryEngine(new DefaultQueryEngine() {
                @Override
                protected Result statement(
                        Request req, BigQueryState state, String s, Set<String> temps, boolean inTx) {
                    if (req.source().equals("transfer")) {
                        ran.add(s + (inTx ? " [in a transaction]" : ""));
                    }
                    return super.statement(req, state, s, temps, inTx);
                }
            });

            warehouse.apply(List.of(ScheduledRefresh.of(layout, split)), false);

            assertEquals(
                    split.procedures().size(),
                    warehouse.fakes.bigQuery().state().procedureIds().size(),
                    "every procedure was created before the run");
            assertEquals(
                    List.of(TransferState.SUCCEEDED),
                    warehouse.fakes.dataTransfer().runs().stream()
                            .map(run -> run.getState())
                            .toList());
            List<String> expected = whole.statements().stream()
                    .filter(s -> !s.endsWith("TRANSACTION"))
                    .map(s -> s + " [in a transaction]")
                    .toList();
            assertEquals(expected, ran);
        }
    }
}

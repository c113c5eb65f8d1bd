package io.segmentsascode.bigquery;

import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import java.util.List;

/**
 * One refresh to schedule: the BigQuery script that rewrites every segment table of a cadence,
 * the spec hash of that script (what the compiler derived it from), and the tables it writes
 * with their output columns (their contract: apply creates them before the first run).
 */
public record ScheduledRefresh(Refresh cadence, String script, String specHash, List<SegmentTable> tables) {

    /** A table the script writes, in the output dataset. */
    public record SegmentTable(String name, List<OutputColumn> columns) {
        public SegmentTable {
            columns = List.copyOf(columns);
        }
    }

    public ScheduledRefresh {
        tables = List.copyOf(tables);
    }
}

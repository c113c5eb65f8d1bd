package io.segmentsascode.bigquery;

import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.plan.diff.DesiredState;
import io.segmentsascode.render.RenderedScript;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One refresh to schedule: the BigQuery script that rewrites every segment table of a cadence,
 * the spec hash of that script (what the compiler derived it from), and the tables it writes
 * with their output columns (their contract: apply creates them before the first run), and
 * the statements that read data, for the plan's cost estimate.
 */
public record ScheduledRefresh(
        Refresh cadence,
        String script,
        String specHash,
        List<SegmentTable> tables,
        List<String> procedures,
        RefreshReads reads) {

    /**
     * A table the script writes, in the output dataset; {@code specHash}: the spec hash the plan
     * wants on it ({@link DesiredState#tableHash}), empty when not known.
     */
    public record SegmentTable(String name, List<OutputColumn> columns, String specHash) {
        public SegmentTable {
            columns = List.copyOf(columns);
        }

        public SegmentTable(String name, List<OutputColumn> columns) {
            this(name, columns, "");
        }
    }

    public ScheduledRefresh {
        tables = List.copyOf(tables);
        procedures = List.copyOf(procedures);
    }

    /** A refresh whose reads are not known (nothing to estimate its cost from). */
    public ScheduledRefresh(
            Refresh cadence, String script, String specHash, List<SegmentTable> tables, List<String> procedures) {
        this(cadence, script, specHash, tables, procedures, RefreshReads.none(cadence));
    }

    /** A refresh without procedures: its script was short enough to stay in one piece. */
    public ScheduledRefresh(Refresh cadence, String script, String specHash, List<SegmentTable> tables) {
        this(cadence, script, specHash, tables, List.of());
    }

    /**
     * The compiler's refresh of one cadence, as guarded and written by compile: the script the
     * scheduled query runs, the procedures apply creates first when the script had to be split,
     * and the segment tables its swap fills.
     */
    public static ScheduledRefresh of(RefreshScript layout, RenderedScript bigquery) {
        return of(layout, bigquery, Map.of());
    }

    /** As {@link #of(RefreshScript, RenderedScript)}, with each segment's BigQuery SQL for its table's spec hash. */
    public static ScheduledRefresh of(RefreshScript layout, RenderedScript bigquery, Map<String, String> sqlBySegment) {
        return new ScheduledRefresh(
                layout.cadence(),
                bigquery.text(),
                bigquery.specHash(),
                layout.swaps().stream()
                        .map(swap -> new SegmentTable(
                                swap.segmentTable(),
                                swap.columns(),
                                Optional.ofNullable(sqlBySegment.get(swap.segmentId()))
                                        .map(sql -> DesiredState.tableHash(layout.cadence(), sql))
                                        .orElse("")))
                        .toList(),
                bigquery.procedures(),
                RefreshReads.of(layout, bigquery));
    }
}

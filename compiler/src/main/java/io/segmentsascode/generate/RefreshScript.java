package io.segmentsascode.generate;

import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one scheduled run of a refresh cadence does: {@code builds} (the feature table first, then
 * one staging table per segment), then the swap of every staging table into its segment table in
 * one transaction. A run that fails before the commit leaves the segment tables as they were.
 *
 * @param tables the columns of every table the script creates or fills (feature, staging and
 *               segment tables), by name: what its queries are analysed against
 */
public record RefreshScript(
        Refresh cadence,
        List<ScriptStatement.CreateTableAs> builds,
        List<Swap> swaps,
        Map<String, List<OutputColumn>> tables) {

    /** One segment's staging table and the segment table it replaces, with the segment's contract. */
    public record Swap(String segmentId, String segmentTable, String stagingTable, List<OutputColumn> columns) {
        public Swap {
            columns = List.copyOf(columns);
        }
    }

    public RefreshScript {
        builds = List.copyOf(builds);
        swaps = List.copyOf(swaps);
        tables = Map.copyOf(tables);
    }

    /** The transaction that replaces every segment table's rows with its staging table's. */
    public List<ScriptStatement> swapStatements() {
        List<ScriptStatement> statements = new ArrayList<>();
        statements.add(new ScriptStatement.BeginTransaction());
        for (Swap swap : swaps) {
            statements.add(new ScriptStatement.Truncate(swap.segmentTable()));
            statements.add(new ScriptStatement.InsertSelect(swap.segmentTable(), swap.stagingTable(), swap.columns()));
        }
        statements.add(new ScriptStatement.CommitTransaction());
        return statements;
    }

    /** Apply's DDL: the segment tables the swap fills, with their contracts. */
    public List<ScriptStatement.CreateSegmentTable> segmentTables() {
        return swaps.stream()
                .map(s -> new ScriptStatement.CreateSegmentTable(s.segmentTable(), s.columns()))
                .toList();
    }

    /** The name of this cadence's script (and of its file): {@code _refresh_daily}. */
    public String name() {
        return "_refresh_" + cadence.label();
    }

    public static String featureTable(Refresh cadence) {
        return "_segments_features_" + cadence.label();
    }

    public static String stagingTable(String segmentId) {
        return "_segments_staging_" + segmentId;
    }

    /** A segment's table is named after the segment. */
    public static String segmentTable(String segmentId) {
        return segmentId;
    }

    public static String procedure(Refresh cadence, int part) {
        return "_segments_refresh_" + cadence.label() + "_part_" + part;
    }
}

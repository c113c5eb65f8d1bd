package io.segmentsascode.generate;

import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one scheduled run of a refresh cadence does: {@code builds} (the feature table first, then
 * one staging table per segment), then the swap of every staging table into its segment table in
 * one transaction (per 100 tables, BigQuery's limit). A run that fails before the commit leaves
 * the segment tables as they were.
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

    /**
     * BigQuery's limit on the tables one multi-statement transaction may mutate (its
     * "Multi-statement transactions" page, Limitations): a cadence with more segments swaps them in
     * consecutive transactions of this many.
     */
    public static final int TRANSACTION_TABLE_LIMIT = 100;

    /**
     * The transactions that replace every segment table's rows with its staging table's: one for a
     * cadence of up to {@link #TRANSACTION_TABLE_LIMIT} segments, so the refresh is all-or-nothing;
     * beyond, one per group of that many, each all-or-nothing, and all of them only after every
     * build succeeded (a failure in a later group leaves the earlier groups refreshed). Each
     * transaction is its statements from {@code BEGIN TRANSACTION} to {@code COMMIT TRANSACTION}.
     */
    public List<List<ScriptStatement>> swapTransactions() {
        List<List<ScriptStatement>> transactions = new ArrayList<>();
        for (int from = 0; from < swaps.size(); from += TRANSACTION_TABLE_LIMIT) {
            List<ScriptStatement> statements = new ArrayList<>();
            statements.add(new ScriptStatement.BeginTransaction());
            for (Swap swap : swaps.subList(from, Math.min(swaps.size(), from + TRANSACTION_TABLE_LIMIT))) {
                statements.add(new ScriptStatement.Truncate(swap.segmentTable()));
                statements.add(
                        new ScriptStatement.InsertSelect(swap.segmentTable(), swap.stagingTable(), swap.columns()));
            }
            statements.add(new ScriptStatement.CommitTransaction());
            transactions.add(List.copyOf(statements));
        }
        return transactions;
    }

    /** {@link #swapTransactions()} one after the other. */
    public List<ScriptStatement> swapStatements() {
        return swapTransactions().stream().flatMap(List::stream).toList();
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

package io.segmentsascode.render;

import io.segmentsascode.model.OutputColumn;
import java.util.List;

/**
 * A refresh cadence's script in one dialect.
 *
 * @param text       what the scheduled query runs: a header comment with our marker and the spec
 *                   hash, then {@code statements}, each ended by a semicolon
 * @param statements the script's statements one by one, without their semicolons
 * @param procedures {@code CREATE OR REPLACE PROCEDURE} texts apply sends before the script can
 *                   run (empty unless the script was split to stay within the query-length limit)
 * @param setup      apply's DDL of the segment tables the swap fills
 * @param queries    every SELECT the script and its procedures send, for the guardrails
 */
public record RenderedScript(
        String name,
        String dialect,
        String specHash,
        String text,
        List<String> statements,
        List<String> procedures,
        List<String> setup,
        List<SentQuery> queries) {

    /**
     * One SELECT of a script: it fills {@code table}, whose columns are {@code columns}.
     *
     * @param embedsSql whether it holds SQL not produced by the compiler (intent or sql segments)
     */
    public record SentQuery(String table, String sql, List<OutputColumn> columns, boolean embedsSql) {
        public SentQuery {
            columns = List.copyOf(columns);
        }
    }

    public RenderedScript {
        statements = List.copyOf(statements);
        procedures = List.copyOf(procedures);
        setup = List.copyOf(setup);
        queries = List.copyOf(queries);
    }
}

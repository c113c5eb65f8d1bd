package io.segmentsascode.render;

import io.segmentsascode.analyze.AnalysisCatalog;

/**
 * Translates a hand-written or generated GoogleSQL query (over logical table names, with the
 * {@code @run_time} parameter) into another engine's SQL from a tree, never by text
 * substitution. Used by dialects whose engine is not BigQuery (the DuckDB preview).
 */
public interface SqlTranslator {

    /**
     * @param catalog           the logical tables and parameters the query reads, as the analyzer
     *                          resolves them; the translation reads the tables by these names
     * @param runTimeExpression how the target engine reads the reference time, e.g.
     *                          {@code getvariable('run_time')}
     * @throws UnpreviewableSqlException for constructs the engine cannot run with the same meaning
     */
    String translate(String googleSql, AnalysisCatalog catalog, String runTimeExpression);
}

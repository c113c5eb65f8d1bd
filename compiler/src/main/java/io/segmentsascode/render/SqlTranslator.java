package io.segmentsascode.render;

/**
 * Translates a hand-written or generated GoogleSQL query (over logical table names, with the
 * {@code @run_time} parameter) into another engine's SQL on a parsed tree, never by text
 * substitution. Used by dialects whose engine is not BigQuery (the DuckDB preview).
 */
public interface SqlTranslator {

    /**
     * @param runTimeExpression how the target engine reads the reference time, e.g.
     *                          {@code getvariable('run_time')}
     * @throws UnpreviewableSqlException for constructs the engine cannot run with the same meaning
     */
    String translate(String googleSql, String runTimeExpression);
}

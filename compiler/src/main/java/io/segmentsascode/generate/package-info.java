/**
 * Stage 5, generate. Input: the resolved project and the checked SQL of stage 4. Output:
 * {@link io.segmentsascode.generate.GeneratedSegment}, each segment as a dialect-free query
 * ({@link io.segmentsascode.generate.SqlQuery}, {@link io.segmentsascode.generate.SqlExpr}); and
 * per refresh cadence a {@link io.segmentsascode.generate.RefreshScript} (the refresh layout: one
 * feature table, staging tables, the swap), made of typed
 * {@link io.segmentsascode.generate.ScriptStatement}s only.
 * Error: none of its own; its input has been resolved and checked.
 */
package io.segmentsascode.generate;

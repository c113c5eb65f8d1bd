/**
 * Stage 6, render. Input: {@link io.segmentsascode.generate.GeneratedSegment} and a
 * {@link io.segmentsascode.render.Dialect}. Output: {@link io.segmentsascode.render.RenderedSegment},
 * SQL text; and from a {@link io.segmentsascode.generate.RefreshScript}, a
 * {@link io.segmentsascode.render.RenderedScript} (split into procedures over the query-length
 * limit). The only stage that knows dialects (BigQuery, DuckDB).
 * Error: {@link io.segmentsascode.render.UnpreviewableSqlException} when hand-written SQL has no
 * DuckDB equivalent; {@link io.segmentsascode.render.ScriptTooLongException} when a refresh script
 * cannot be split within the limit.
 */
package io.segmentsascode.render;

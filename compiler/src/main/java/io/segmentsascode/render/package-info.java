/**
 * Stage 6, render. Input: {@link io.segmentsascode.generate.GeneratedSegment} and a
 * {@link io.segmentsascode.render.Dialect}. Output: {@link io.segmentsascode.render.RenderedSegment},
 * SQL text. The only stage that knows dialects (BigQuery, DuckDB).
 * Error: {@link io.segmentsascode.render.UnpreviewableSqlException} when hand-written SQL has no
 * DuckDB equivalent.
 */
package io.segmentsascode.render;

/**
 * SQL analysis, used by the SQL-sources stage and by the guard of compiled artifacts: GoogleSQL
 * (through the {@link io.segmentsascode.analyze.AnalyzerProvider} port) analyses a query over the
 * warehouse catalog into {@link io.segmentsascode.analyze.SqlAnalysis}, and
 * {@link io.segmentsascode.analyze.Guardrails} decide what may run.
 * Error: {@link io.segmentsascode.analyze.GuardException} for a compiled artifact that breaks a guardrail.
 */
package io.segmentsascode.analyze;

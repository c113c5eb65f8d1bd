/**
 * Stage 8, plan: the reports. Input: a {@link io.segmentsascode.plan.Plan}. Output: its text,
 * Markdown, JSON and HTML forms. Error: none.
 */
package io.segmentsascode.plan.report;

/**
 * Stage 8b, plan: what the live warehouse says, when the target reaches one (BigQuery with
 * credentials). Input: the facts a {@link io.segmentsascode.plan.live.LiveWarehouse} reads (each
 * cadence's last refresh run and its tables' modification times, the source tables' live columns,
 * the answers of the fixed figure queries) and the plan's run time. Output: refresh health, schema
 * {@link io.segmentsascode.plan.impact.Finding}s located in warehouse.yaml, and sizes and overlaps
 * measured on the materialised segment tables. Errors: none of its own; what is wrong on the
 * warehouse becomes a finding.
 */
package io.segmentsascode.plan.live;

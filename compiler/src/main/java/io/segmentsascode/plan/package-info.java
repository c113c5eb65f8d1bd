/**
 * Stage 8, plan. Input: the diff's changes, the impact, its findings and the review. Output:
 * {@link io.segmentsascode.plan.Plan}, byte-identical for equal inputs, with a fingerprint of what
 * apply would do. Error: {@link io.segmentsascode.plan.PlanException} when a finding is an error.
 */
package io.segmentsascode.plan;

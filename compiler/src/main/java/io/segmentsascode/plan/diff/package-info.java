/**
 * Stage 8, plan: the diff. Input: the desired state of the compiled definitions and the
 * resources a target reports. Output: one {@link io.segmentsascode.plan.diff.Change} per resource,
 * with its {@link io.segmentsascode.plan.diff.Action}. Error: none (inputs are consistent by construction).
 */
package io.segmentsascode.plan.diff;

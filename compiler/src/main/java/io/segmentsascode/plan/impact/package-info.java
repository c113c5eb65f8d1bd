/**
 * Stage 8, plan: the impact. Input: rendered segments and the sample warehouse. Output: sizes,
 * overlaps and governance {@link io.segmentsascode.plan.impact.Finding}s, whose errors are the only
 * findings that fail a plan.
 */
package io.segmentsascode.plan.impact;

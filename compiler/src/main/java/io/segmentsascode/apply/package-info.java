/**
 * Stage 9, apply. Input: a plan's changes and the {@link io.segmentsascode.apply.Target} port.
 * Output: the target changed, under a lease, with a journal that lets an interrupted apply resume.
 * Error: {@link io.segmentsascode.apply.ApplyException} when apply cannot start.
 */
package io.segmentsascode.apply;

/**
 * The goals (validate, compile, lock-check, generate, preview, plan, apply, run) as calls through
 * the stages in order: {@link io.segmentsascode.pipeline.SegmentsJob}. Its errors are the stages'.
 */
package io.segmentsascode.pipeline;

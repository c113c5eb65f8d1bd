/**
 * Stage 8, plan: the review. Input: the definitions at a Git base revision and the working
 * tree's. Output: {@link io.segmentsascode.plan.review.BaseDiff}, what a pull request changes,
 * segment by segment.
 */
package io.segmentsascode.plan.review;

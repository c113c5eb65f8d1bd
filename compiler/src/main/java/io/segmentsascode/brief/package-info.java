/**
 * Stage 7¾, campaign briefs. Input: each mapped segment's SQL in the sample engine's dialect, run
 * inside fixed profile queries we generate ({@link io.segmentsascode.brief.ProfileQuery}), and the
 * briefs lock next to {@code segments.lock}. Output: bucketed
 * {@link io.segmentsascode.brief.SegmentProfile}s, briefs drafted by the model in the article's
 * strategy-prompt shape ({@link io.segmentsascode.brief.BriefGenerator}), and each brief's status
 * (current, stale with the date of its data, missing). Briefs are text for humans: never executed,
 * never applied. Error: {@link io.segmentsascode.brief.BriefException} for an unusable lock or a
 * malformed model answer.
 */
package io.segmentsascode.brief;

package io.segmentsascode.plan.review;

/**
 * How one segment differs from the base revision: status added / changed / removed / renamed
 * (same SQL under a new id), the stage change if any, and a unified diff of its BigQuery SQL.
 */
public record SegmentDiff(String id, String status, String renamedFrom, String stageChange, String sqlDiff) {
}

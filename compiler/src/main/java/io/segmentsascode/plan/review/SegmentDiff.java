package io.segmentsascode.plan.review;

import java.util.Locale;

/**
 * How one segment differs from the base revision: added, changed, removed or renamed (same SQL
 * under a new id), the stage change if any, and a unified diff of its BigQuery SQL.
 */
public record SegmentDiff(String id, Status status, String renamedFrom, String stageChange, String sqlDiff) {

    public enum Status {
        ADDED,
        CHANGED,
        REMOVED,
        RENAMED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}

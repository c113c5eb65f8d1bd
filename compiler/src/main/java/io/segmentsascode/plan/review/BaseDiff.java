package io.segmentsascode.plan.review;

import java.util.List;

/**
 * The review part of a plan: definitions of the working tree versus a Git base revision, and the
 * overlap changes between the two ({@link OverlapChanges}), and the pinned briefs' changes
 * ({@link BriefChange}).
 */
public record BaseDiff(
        String ref,
        String commit,
        List<SegmentDiff> segments,
        List<String> campaignsAdded,
        List<String> campaignsChanged,
        List<String> campaignsRemoved,
        boolean lockChanged,
        List<OverlapChange> overlapChanges,
        List<BriefChange> briefChanges) {

    public BaseDiff {
        segments = List.copyOf(segments);
        campaignsAdded = List.copyOf(campaignsAdded);
        campaignsChanged = List.copyOf(campaignsChanged);
        campaignsRemoved = List.copyOf(campaignsRemoved);
        // a plan.json written before overlap changes were recorded has none
        overlapChanges = overlapChanges == null ? List.of() : List.copyOf(overlapChanges);
        // nor brief changes, before the base's briefs.lock was read
        briefChanges = briefChanges == null ? List.of() : List.copyOf(briefChanges);
    }

    /** Without overlap changes (not yet computed, or no figures). */
    public BaseDiff(
            String ref,
            String commit,
            List<SegmentDiff> segments,
            List<String> campaignsAdded,
            List<String> campaignsChanged,
            List<String> campaignsRemoved,
            boolean lockChanged) {
        this(
                ref,
                commit,
                segments,
                campaignsAdded,
                campaignsChanged,
                campaignsRemoved,
                lockChanged,
                List.of(),
                List.of());
    }

    public BaseDiff withOverlapChanges(List<OverlapChange> changes) {
        return new BaseDiff(
                ref,
                commit,
                segments,
                campaignsAdded,
                campaignsChanged,
                campaignsRemoved,
                lockChanged,
                changes,
                briefChanges);
    }

    public BaseDiff withBriefChanges(List<BriefChange> changes) {
        return new BaseDiff(
                ref,
                commit,
                segments,
                campaignsAdded,
                campaignsChanged,
                campaignsRemoved,
                lockChanged,
                overlapChanges,
                changes);
    }
}

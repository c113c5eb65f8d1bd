package io.segmentsascode.plan.review;

import java.util.List;

/** The review part of a plan: definitions of the working tree versus a Git base revision. */
public record BaseDiff(
        String ref,
        String commit,
        List<SegmentDiff> segments,
        List<String> campaignsAdded,
        List<String> campaignsChanged,
        List<String> campaignsRemoved,
        boolean lockChanged) {

    public BaseDiff {
        segments = List.copyOf(segments);
        campaignsAdded = List.copyOf(campaignsAdded);
        campaignsChanged = List.copyOf(campaignsChanged);
        campaignsRemoved = List.copyOf(campaignsRemoved);
    }
}

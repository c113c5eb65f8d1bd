package io.segmentsascode.plan;

import java.util.List;

/**
 * What a warehouse target measured of one refresh cadence before any price: the bytes its feature
 * build processes, and each segment's own statements (its staging build and its copy into the
 * segment table). {@code basis}: how the figures were obtained, one line each, shown in the plan.
 */
public record RefreshScan(String cadence, long featureBuildBytes, List<SegmentScan> segments, List<String> basis) {

    /** {@code readsFeatures}: its staging build reads the feature table, so it shares the feature build's bytes. */
    public record SegmentScan(String segmentId, long ownBytes, boolean readsFeatures) {}

    public RefreshScan {
        segments = List.copyOf(segments);
        basis = List.copyOf(basis);
    }
}

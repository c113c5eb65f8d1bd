package io.segmentsascode.preview;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** What running one segment on the sample warehouse found: members and, for RFM, labels. */
public record SegmentPreview(String segmentId, long members, Map<String, Long> labelCounts, Duration elapsed) {

    public SegmentPreview {
        labelCounts = Collections.unmodifiableMap(new TreeMap<>(labelCounts));
    }
}

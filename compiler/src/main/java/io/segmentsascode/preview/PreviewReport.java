package io.segmentsascode.preview;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every segment previewed at one reference time, in segment-id order; {@code failures}: why each
 * segment that could not be previewed failed, by segment id.
 */
public record PreviewReport(
        Instant runTime, boolean runTimeFromData, List<SegmentPreview> segments, Map<String, String> failures) {

    public PreviewReport {
        segments = List.copyOf(segments);
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
    }
}

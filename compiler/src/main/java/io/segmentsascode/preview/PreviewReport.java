package io.segmentsascode.preview;

import java.time.Instant;
import java.util.List;

/** Every segment previewed at one reference time, in segment-id order. */
public record PreviewReport(Instant runTime, boolean runTimeFromData, List<SegmentPreview> segments) {

    public PreviewReport {
        segments = List.copyOf(segments);
    }
}

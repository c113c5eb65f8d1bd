package io.segmentsascode.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreviewTableTest {

    @Test
    void aFailedSegmentHasItsErrorInItsPlaceAmongTheOthers() {
        PreviewReport report = new PreviewReport(
                Instant.parse("2026-10-31T23:59:59Z"),
                false,
                List.of(
                        new SegmentPreview("seg_a_first", 1_234, Map.of("champions", 1_234L), Duration.ofMillis(12)),
                        new SegmentPreview("seg_c", 7, Map.of(), Duration.ofMillis(3))),
                Map.of("seg_b_failed_long_name", "user_id is not unique: 9 rows for 7 users"));

        assertEquals(
                List.of(
                        "Preview at @run_time = 2026-10-31T23:59:59Z (segments.asOf)",
                        "segment                 members  labels           elapsed",
                        "---------------------------------------------------------",
                        "seg_a_first               1,234  champions 1,234    12 ms",
                        "seg_b_failed_long_name  error: user_id is not unique: 9 rows for 7 users",
                        "seg_c                         7  -                   3 ms"),
                PreviewTable.lines(report));
    }
}

package io.segmentsascode.preview;

import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a preview as a plain-text table: segment, members, label distribution, elapsed. */
public final class PreviewTable {

    private PreviewTable() {
    }

    public static List<String> lines(PreviewReport report) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"segment", "members", "labels", "elapsed"});
        for (SegmentPreview segment : report.segments()) {
            rows.add(new String[] {segment.segmentId(), String.format(Locale.ROOT, "%,d", segment.members()),
                    labels(segment.labelCounts()), segment.elapsed().toMillis() + " ms"});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("Preview at @run_time = " + DateTimeFormatter.ISO_INSTANT.format(report.runTime().atOffset(ZoneOffset.UTC))
                + (report.runTimeFromData() ? " (latest event in the data; set -Dsegments.asOf to change)" : " (segments.asOf)"));
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            lines.add(String.format(Locale.ROOT, "%-" + widths[0] + "s  %" + widths[1] + "s  %-" + widths[2] + "s  %"
                    + widths[3] + "s", row[0], row[1], row[2], row[3]).stripTrailing());
            if (r == 0) {
                lines.add("-".repeat(widths[0] + widths[1] + widths[2] + widths[3] + 6));
            }
        }
        return lines;
    }

    private static String labels(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "-";
        }
        return counts.entrySet().stream()
                .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}

package io.segmentsascode.preview;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders a preview as a plain-text table: segment, members, label distribution, elapsed. A
 * segment that failed has its row in the same place, with the error instead of figures.
 */
public final class PreviewTable {

    private static final String HEADER = "segment";

    private PreviewTable() {}

    public static List<String> lines(PreviewReport report) {
        Map<String, String[]> figures = new TreeMap<>();
        for (SegmentPreview segment : report.segments()) {
            figures.put(segment.segmentId(), new String[] {
                segment.segmentId(),
                String.format(Locale.ROOT, "%,d", segment.members()),
                labels(segment.labelCounts()),
                segment.elapsed().toMillis() + " ms"
            });
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {HEADER, "members", "labels", "elapsed"});
        rows.addAll(figures.values());
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        // the id column also fits failed segments; their error runs past the other columns
        for (String id : report.failures().keySet()) {
            widths[0] = Math.max(widths[0], id.length());
        }
        Map<String, String> byId = new TreeMap<>();
        figures.forEach((id, row) -> byId.put(id, format(row, widths)));
        report.failures()
                .forEach((id, why) ->
                        byId.put(id, String.format(Locale.ROOT, "%-" + widths[0] + "s  error: %s", id, why)));
        List<String> lines = new ArrayList<>();
        lines.add("Preview at @run_time = "
                + DateTimeFormatter.ISO_INSTANT.format(report.runTime().atOffset(ZoneOffset.UTC))
                + (report.runTimeFromData()
                        ? " (latest event in the data; set -Dsegments.asOf to change)"
                        : " (segments.asOf)"));
        lines.add(format(rows.get(0), widths));
        lines.add("-".repeat(widths[0] + widths[1] + widths[2] + widths[3] + 6));
        lines.addAll(byId.values());
        return lines;
    }

    private static String format(String[] row, int[] widths) {
        return String.format(
                        Locale.ROOT,
                        "%-" + widths[0] + "s  %" + widths[1] + "s  %-" + widths[2] + "s  %" + widths[3] + "s",
                        row[0],
                        row[1],
                        row[2],
                        row[3])
                .stripTrailing();
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

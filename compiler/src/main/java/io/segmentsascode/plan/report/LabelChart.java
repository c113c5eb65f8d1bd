package io.segmentsascode.plan.report;

import static io.segmentsascode.plan.report.BarRows.CHART_WIDTH;
import static io.segmentsascode.plan.report.BarRows.ROW;
import static io.segmentsascode.plan.report.HtmlText.esc;
import static io.segmentsascode.plan.report.HtmlText.integer;
import static io.segmentsascode.plan.report.HtmlText.num;

import io.segmentsascode.plan.impact.SegmentImpact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Each segment's members per RFM label as one stacked bar of shares, with a colour legend. */
final class LabelChart {

    /** Label colours, assigned in sorted label order (Tableau 10); the RFM fallback label is grey. */
    private static final String[] PALETTE = {
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#8cd17d"
    };

    private static final String OTHER_LABEL = "other";
    private static final String OTHER_COLOUR = "#bab0ac";

    private LabelChart() {}

    /** The segments with any labelled member: the others get no bar. */
    static List<SegmentImpact> labelled(List<SegmentImpact> segments) {
        return segments.stream().filter(s -> total(s.labels()) > 0).toList();
    }

    static void append(StringBuilder h, List<SegmentImpact> labelled) {
        Map<String, String> colours = labelColours(labelled);
        h.append("<ul class=\"legend\">");
        colours.forEach((label, colour) -> h.append("<li><span class=\"swatch\" style=\"background:")
                .append(colour)
                .append("\"></span>")
                .append(esc(label))
                .append("</li>"));
        h.append("</ul>\n");
        BarRows.open(h, labelled.size(), "RFM labels per segment (sample figures)");
        for (int i = 0; i < labelled.size(); i++) {
            SegmentImpact s = labelled.get(i);
            double y = i * ROW + 2;
            long total = total(s.labels());
            BarRows.label(h, s.id(), integer(total) + " labelled", y);
            h.append("<g class=\"stack\" data-segment=\"").append(esc(s.id())).append("\">");
            long cumulative = 0;
            for (Map.Entry<String, String> entry : colours.entrySet()) {
                Long count = s.labels().get(entry.getKey());
                if (count == null || count <= 0) {
                    continue;
                }
                double x0 = CHART_WIDTH * cumulative / total;
                cumulative += count;
                double x1 = CHART_WIDTH * cumulative / total;
                String pct = String.format(Locale.ROOT, "%.0f%%", 100.0 * count / total);
                h.append("<rect class=\"part\" x=\"")
                        .append(num(x0))
                        .append("\" y=\"")
                        .append(num(y + 18))
                        .append("\" width=\"")
                        .append(num(x1 - x0))
                        .append("\" height=\"18\" fill=\"")
                        .append(entry.getValue())
                        .append("\"><title>")
                        .append(esc(s.id()))
                        .append(" \u00b7 ")
                        .append(esc(entry.getKey()))
                        .append(": ")
                        .append(integer(count))
                        .append(" (")
                        .append(pct)
                        .append(")</title></rect>");
                if (x1 - x0 >= 34) {
                    h.append("<text x=\"")
                            .append(num((x0 + x1) / 2))
                            .append("\" y=\"")
                            .append(num(y + 31))
                            .append("\" class=\"pct ")
                            .append(TextColour.on(entry.getValue()))
                            .append("\">")
                            .append(pct)
                            .append("</text>");
                }
            }
            h.append("</g>\n");
        }
        h.append("</svg>\n");
    }

    /** Sorted label names, the fallback label last; colours from the fixed palette in that order. */
    private static Map<String, String> labelColours(List<SegmentImpact> segments) {
        TreeSet<String> names = new TreeSet<>();
        segments.forEach(s -> s.labels().forEach((k, v) -> {
            if (v != null && v > 0) {
                names.add(k);
            }
        }));
        Map<String, String> colours = new LinkedHashMap<>();
        int i = 0;
        for (String name : names) {
            if (!name.equals(OTHER_LABEL)) {
                colours.put(name, PALETTE[i++ % PALETTE.length]);
            }
        }
        if (names.contains(OTHER_LABEL)) {
            colours.put(OTHER_LABEL, OTHER_COLOUR);
        }
        return colours;
    }

    private static long total(Map<String, Long> labels) {
        return labels == null
                ? 0
                : labels.values().stream()
                        .filter(Objects::nonNull)
                        .mapToLong(v -> Math.max(0, v))
                        .sum();
    }
}

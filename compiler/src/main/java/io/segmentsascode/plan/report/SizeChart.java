package io.segmentsascode.plan.report;

import static io.segmentsascode.plan.report.BarRows.CHART_WIDTH;
import static io.segmentsascode.plan.report.BarRows.ROW;
import static io.segmentsascode.plan.report.HtmlText.esc;
import static io.segmentsascode.plan.report.HtmlText.integer;
import static io.segmentsascode.plan.report.HtmlText.num;

import io.segmentsascode.plan.impact.SegmentImpact;
import java.util.ArrayList;
import java.util.List;

/**
 * Members per segment as horizontal bars, all on one scale; with a base revision a dashed mark
 * shows the base size and the change follows the count at the bar's end.
 */
final class SizeChart {

    /** Width of a 12px sans-serif digit: the bars leave room for the longest count and change. */
    private static final double SANS_12_DIGIT = 7.7;

    private SizeChart() {}

    static void append(StringBuilder h, List<SegmentImpact> segments) {
        long max = 1;
        int maxChars = 1;
        for (SegmentImpact s : segments) {
            max = Math.max(max, Math.max(s.members(), s.baseMembers() == null ? 0 : s.baseMembers()));
            String delta = deltaText(s);
            maxChars = Math.max(maxChars, integer(s.members()).length() + (delta.isEmpty() ? 0 : 1 + delta.length()));
        }
        double barMax = CHART_WIDTH - (maxChars * SANS_12_DIGIT + 14);
        BarRows.open(h, segments.size(), "Members per segment (sample figures)");
        for (int i = 0; i < segments.size(); i++) {
            SegmentImpact s = segments.get(i);
            double y = i * ROW + 2;
            BarRows.label(h, s.id(), join(" \u00b7 ", s.family(), s.stage().label()), y);
            double w = s.members() <= 0 ? 0 : Math.max(2, barMax * s.members() / max);
            h.append("<rect class=\"bar\" data-segment=\"")
                    .append(esc(s.id()))
                    .append("\" x=\"0\" y=\"")
                    .append(num(y + 19))
                    .append("\" width=\"")
                    .append(num(w))
                    .append("\" height=\"16\" rx=\"2\"><title>")
                    .append(esc(s.id()))
                    .append(": ")
                    .append(integer(s.members()))
                    .append(" members (sample)")
                    .append(s.baseMembers() == null ? "" : ", base " + integer(s.baseMembers()))
                    .append("</title></rect>\n");
            double end = w;
            if (s.baseMembers() != null) {
                double bx = Math.max(1, barMax * s.baseMembers() / max);
                end = Math.max(end, bx);
                h.append("<line class=\"base-mark\" x1=\"")
                        .append(num(bx))
                        .append("\" x2=\"")
                        .append(num(bx))
                        .append("\" y1=\"")
                        .append(num(y + 15))
                        .append("\" y2=\"")
                        .append(num(y + 39))
                        .append("\"/>\n");
            }
            h.append("<text class=\"value\" x=\"")
                    .append(num(end + 6))
                    .append("\" y=\"")
                    .append(num(y + 31))
                    .append("\">")
                    .append(integer(s.members()));
            String delta = deltaText(s);
            if (!delta.isEmpty()) {
                long change = s.members() - s.baseMembers();
                h.append("<tspan class=\"")
                        .append(change > 0 ? "up" : change < 0 ? "down" : "same")
                        .append("\" dx=\"7\">")
                        .append(esc(delta))
                        .append("</tspan>");
            }
            h.append("</text>\n");
        }
        h.append("</svg>\n");
    }

    private static String deltaText(SegmentImpact s) {
        if (s.baseMembers() == null) {
            return "";
        }
        long change = s.members() - s.baseMembers();
        if (change == 0) {
            return "\u00b10";
        }
        return (change > 0 ? "+" : "\u2212") + integer(Math.abs(change));
    }

    private static String join(String separator, String... parts) {
        List<String> present = new ArrayList<>();
        for (String part : parts) {
            if (part != null && !part.isEmpty()) {
                present.add(part);
            }
        }
        return String.join(separator, present);
    }
}

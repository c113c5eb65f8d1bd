package io.segmentsascode.plan.report;

import static io.segmentsascode.plan.report.HtmlText.esc;
import static io.segmentsascode.plan.report.HtmlText.num;
import static io.segmentsascode.plan.report.HtmlText.nz;

/** The layout both bar charts share: one row per segment, its id above a bar across the chart width. */
final class BarRows {

    static final double CHART_WIDTH = 520;
    static final double ROW = 44;
    /** Width of a 12px monospace character, to tell whether a label fits. */
    private static final double MONO_12 = 7.3;

    private BarRows() {}

    /** Opens the chart's SVG, tall enough for {@code rows} rows. */
    static void open(StringBuilder h, int rows, String ariaLabel) {
        double height = rows * ROW + 4;
        h.append("<svg class=\"chart\" viewBox=\"0 0 ")
                .append(num(CHART_WIDTH))
                .append(' ')
                .append(num(height))
                .append("\" role=\"img\" aria-label=\"")
                .append(ariaLabel)
                .append("\">\n");
    }

    /** Segment id in monospace above its bar, with a grey note after it when both fit the chart width. */
    static void label(StringBuilder h, String id, String note, double y) {
        String text = nz(id);
        int maxChars = (int) (CHART_WIDTH / MONO_12);
        String shown = text.length() > maxChars ? text.substring(0, maxChars - 1) + "\u2026" : text;
        h.append("<text class=\"lbl\" x=\"0\" y=\"")
                .append(num(y + 13))
                .append("\"><tspan class=\"id\">")
                .append(esc(shown))
                .append("</tspan>");
        if (!note.isEmpty() && shown.length() * MONO_12 + 8 + note.length() * 6.4 <= CHART_WIDTH) {
            h.append("<tspan class=\"sub\" dx=\"8\">").append(esc(note)).append("</tspan>");
        }
        h.append("</text>\n");
    }
}

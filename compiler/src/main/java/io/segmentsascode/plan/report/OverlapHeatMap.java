package io.segmentsascode.plan.report;

import static io.segmentsascode.plan.report.HtmlText.esc;
import static io.segmentsascode.plan.report.HtmlText.integer;
import static io.segmentsascode.plan.report.HtmlText.jaccard;
import static io.segmentsascode.plan.report.HtmlText.num;
import static io.segmentsascode.plan.report.HtmlText.nz;

import io.segmentsascode.plan.impact.Overlap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Jaccard overlap of segment pairs as a heat map (darker is more overlap), flagged pairs ringed,
 * pairs never compared drawn as dashed empty cells; with its key below.
 */
final class OverlapHeatMap {

    /** Heat map colour stops from Jaccard 0 (light) to 1 (dark). */
    private static final int[][] HEAT = {
        {0xe3, 0xee, 0xf9}, {0xc6, 0xdb, 0xef}, {0x6b, 0xae, 0xd6}, {0x21, 0x71, 0xb5}, {0x08, 0x30, 0x6b}
    };

    /** Width of an 11px monospace character, to make room for the ids. */
    private static final double MONO_11 = 6.7;

    private OverlapHeatMap() {}

    /**
     * Lower triangle of the pair matrix: rows are ids 1..n-1, columns ids 0..n-2, each column's
     * name written diagonally above its first cell, into the empty upper triangle. {@code byPair}
     * is keyed by the two ids joined with NUL, the smaller first; {@code threshold} as shown.
     */
    static void append(StringBuilder h, List<String> ids, Map<String, Overlap> byPair, String threshold) {
        int n = ids.size();
        double cell = n <= 10 ? 44 : n <= 20 ? 36 : 30;
        double diag = Math.sqrt(0.5);
        int longest = ids.stream().mapToInt(String::length).max().orElse(1);
        double left = longest * MONO_11 + 12;
        double top = 0;
        double right = 0;
        for (int j = 0; j < n - 1; j++) {
            double reach = diag * ids.get(j).length() * MONO_11 + 14;
            top = Math.max(top, reach - j * cell);
            right = Math.max(right, left + j * cell + cell / 2 + reach);
        }
        double width = Math.max(left + (n - 1) * cell, right) + 4;
        double height = top + (n - 1) * cell + 4;
        h.append("<div class=\"scroll heat-wrap\"><svg class=\"heat\" viewBox=\"0 0 ")
                .append(num(width))
                .append(' ')
                .append(num(height))
                .append("\" width=\"")
                .append(num(width))
                .append("\" style=\"min-width:")
                .append(num(0.8 * width))
                .append("px\" role=\"img\" aria-label=\"Overlap heat map (sample figures)\">\n");
        double font = cell >= 36 ? 11 : 10;
        StringBuilder rings = new StringBuilder();
        for (int i = 1; i < n; i++) {
            double y = top + (i - 1) * cell;
            h.append("<text class=\"id row\" x=\"")
                    .append(num(left - 8))
                    .append("\" y=\"")
                    .append(num(y + cell / 2 + 4))
                    .append("\">")
                    .append(esc(ids.get(i)))
                    .append("</text>\n");
            for (int j = 0; j < i; j++) {
                double x = left + j * cell;
                Overlap o = byPair.get(ids.get(j) + '\u0000' + ids.get(i));
                if (o == null) {
                    h.append("<rect class=\"cell none\" x=\"")
                            .append(num(x + 1))
                            .append("\" y=\"")
                            .append(num(y + 1))
                            .append("\" width=\"")
                            .append(num(cell - 2))
                            .append("\" height=\"")
                            .append(num(cell - 2))
                            .append("\"><title>")
                            .append(esc(ids.get(j)))
                            .append(" ~ ")
                            .append(esc(ids.get(i)))
                            .append(": not compared</title></rect>\n");
                    continue;
                }
                double value = clamp(o.jaccard());
                String fill = heat(value);
                h.append("<rect class=\"cell")
                        .append(o.flagged() ? " flagged" : "")
                        .append("\" x=\"")
                        .append(num(x + 1))
                        .append("\" y=\"")
                        .append(num(y + 1))
                        .append("\" width=\"")
                        .append(num(cell - 2))
                        .append("\" height=\"")
                        .append(num(cell - 2))
                        .append("\" fill=\"")
                        .append(fill)
                        .append("\"><title>")
                        .append(esc(o.a()))
                        .append(" ~ ")
                        .append(esc(o.b()))
                        .append(": Jaccard ")
                        .append(jaccard(o.jaccard()))
                        .append(", ")
                        .append(integer(o.intersection()))
                        .append(" of ")
                        .append(integer(o.union()))
                        .append(" members")
                        .append(nz(o.sharedBy()).isEmpty() ? "" : "; shared by " + esc(o.sharedBy()))
                        .append(o.flagged() ? "; flagged" : "")
                        .append("</title></rect>\n");
                h.append("<text x=\"")
                        .append(num(x + cell / 2))
                        .append("\" y=\"")
                        .append(num(y + cell / 2 + font / 2 - 1))
                        .append("\" style=\"font-size:")
                        .append(num(font))
                        .append("px\" class=\"cv ")
                        .append(TextColour.on(fill))
                        .append("\">")
                        .append(jaccard(o.jaccard()))
                        .append("</text>\n");
                if (o.flagged()) {
                    rings.append("<rect class=\"flag-ring\" x=\"")
                            .append(num(x + 2.5))
                            .append("\" y=\"")
                            .append(num(y + 2.5))
                            .append("\" width=\"")
                            .append(num(cell - 5))
                            .append("\" height=\"")
                            .append(num(cell - 5))
                            .append("\"/>\n");
                }
            }
        }
        for (int j = 0; j < n - 1; j++) {
            double x = left + j * cell + cell / 2;
            double y = top + j * cell - 6;
            h.append("<text class=\"id col\" transform=\"translate(")
                    .append(num(x - 3))
                    .append(' ')
                    .append(num(y))
                    .append(") rotate(-45)\">")
                    .append(esc(ids.get(j)))
                    .append("</text>\n");
        }
        h.append(rings).append("</svg></div>\n");
        h.append(
                        "<div class=\"heat-legend\"><span class=\"key\"><span class=\"ramp\"></span>0 &hellip; 1 Jaccard</span>")
                .append("<span class=\"key\"><span class=\"ring\"></span>flagged (&ge; ")
                .append(threshold)
                .append(")</span>")
                .append("<span class=\"key\"><span class=\"none\"></span>not compared</span></div>\n");
    }

    private static String heat(double value) {
        double pos = value * (HEAT.length - 1);
        int i = Math.min(HEAT.length - 2, (int) Math.floor(pos));
        double t = pos - i;
        int[] a = HEAT[i];
        int[] b = HEAT[i + 1];
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                Math.round(a[0] + (b[0] - a[0]) * t),
                Math.round(a[1] + (b[1] - a[1]) * t),
                Math.round(a[2] + (b[2] - a[2]) * t));
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
    }
}

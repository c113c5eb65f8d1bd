package io.segmentsascode.plan.report;

import io.segmentsascode.plan.ByteSize;
import io.segmentsascode.plan.CostEstimate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.stream.Collectors;

/**
 * The plan's cost estimate as text, shared by plan.md, the pull-request comment and report.html:
 * one table row per refresh cadence (bytes and cost per refresh and per month) and the segments
 * that cost the most. Amounts show cents; a non-zero amount below a cent shows as {@code < 0.01}.
 */
final class CostText {

    /** How many of the costliest segments the reports list. */
    static final int COSTLIEST = 5;

    static final String TITLE = "Cost of the scheduled refreshes";

    private CostText() {}

    /**
     * The Markdown section: a one-line note where cost does not apply. {@code withBasis}: add how
     * each cadence's figures were obtained (plan.md; the comment leaves it to the artifact).
     */
    static String markdown(CostEstimate cost, boolean withBasis) {
        StringBuilder md = new StringBuilder("### " + TITLE + "\n\n");
        if (!cost.applicable()) {
            return md.append(MarkdownText.escape(cost.note())).append(".\n\n").toString();
        }
        md.append(
                        "| refresh | runs per month | bytes per refresh | cost per refresh | bytes per month | cost per month |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (CostEstimate.RefreshCost refresh : cost.refreshes()) {
            md.append("| ")
                    .append(refresh.cadence())
                    .append(" | ")
                    .append(refresh.runsPerMonth().toPlainString())
                    .append(" | ")
                    .append(ByteSize.format(refresh.bytesPerRefresh()))
                    .append(" | ")
                    .append(money(refresh.costPerRefresh(), cost))
                    .append(" | ")
                    .append(ByteSize.format(refresh.bytesPerMonth()))
                    .append(" | ")
                    .append(money(refresh.costPerMonth(), cost))
                    .append(" |\n");
        }
        md.append("| **total** | | | | **")
                .append(ByteSize.format(cost.bytesPerMonth()))
                .append("** | **")
                .append(money(cost.costPerMonth(), cost))
                .append("** |\n\n");
        String costliest = costliest(cost);
        if (!costliest.isEmpty()) {
            md.append("Costliest segments per month: ").append(costliest).append(".\n\n");
        }
        md.append("<sub>").append(MarkdownText.escape(cost.note())).append(".</sub>\n\n");
        if (withBasis) {
            for (CostEstimate.RefreshCost refresh : cost.refreshes()) {
                md.append("<details><summary>How the ")
                        .append(refresh.cadence())
                        .append(" figures were obtained</summary>\n\n");
                refresh.basis()
                        .forEach(line -> md.append("- ")
                                .append(MarkdownText.escape(line))
                                .append('\n'));
                md.append("\n</details>\n\n");
            }
        }
        return md.toString();
    }

    /** {@code `seg_a` 1.20 GiB (daily)}, most first. */
    static String costliest(CostEstimate cost) {
        return cost.costliest(COSTLIEST).stream()
                .map(s -> "`" + s.segmentId() + "` " + ByteSize.format(s.bytesPerMonth()) + " (" + s.cadence() + ")")
                .collect(Collectors.joining(", "));
    }

    /** {@code 1.23 USD}; {@code < 0.01 USD} for a non-zero amount below a cent. */
    static String money(BigDecimal amount, CostEstimate cost) {
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_EVEN);
        String shown = amount.signum() > 0 && cents.signum() == 0 ? "< 0.01" : cents.toPlainString();
        return shown + " " + cost.currency();
    }

    /** The report.html section: the same table and costliest segments, or the one line where cost does not apply. */
    static String html(CostEstimate cost) {
        StringBuilder h = new StringBuilder("<section id=\"cost\">\n<h2>" + TITLE + "</h2>\n");
        if (!cost.applicable()) {
            return h.append("<p class=\"empty\">")
                    .append(HtmlText.esc(cost.note()))
                    .append(".</p>\n</section>\n")
                    .toString();
        }
        h.append("<div class=\"scroll\"><table class=\"cost\">\n<thead><tr><th>refresh</th><th>runs per month</th>")
                .append("<th>bytes per refresh</th><th>cost per refresh</th><th>bytes per month</th>")
                .append("<th>cost per month</th></tr></thead>\n<tbody>\n");
        for (CostEstimate.RefreshCost refresh : cost.refreshes()) {
            h.append("<tr><td>")
                    .append(HtmlText.esc(refresh.cadence()))
                    .append("</td><td>")
                    .append(refresh.runsPerMonth().toPlainString())
                    .append("</td><td>")
                    .append(ByteSize.format(refresh.bytesPerRefresh()))
                    .append("</td><td>")
                    .append(HtmlText.esc(money(refresh.costPerRefresh(), cost)))
                    .append("</td><td>")
                    .append(ByteSize.format(refresh.bytesPerMonth()))
                    .append("</td><td>")
                    .append(HtmlText.esc(money(refresh.costPerMonth(), cost)))
                    .append("</td></tr>\n");
        }
        h.append("<tr><th>total</th><td></td><td></td><td></td><th>")
                .append(ByteSize.format(cost.bytesPerMonth()))
                .append("</th><th>")
                .append(HtmlText.esc(money(cost.costPerMonth(), cost)))
                .append("</th></tr>\n</tbody></table></div>\n");
        if (!cost.costliest(COSTLIEST).isEmpty()) {
            h.append("<p>Costliest segments per month: ")
                    .append(cost.costliest(COSTLIEST).stream()
                            .map(s -> "<code>" + HtmlText.esc(s.segmentId()) + "</code> "
                                    + ByteSize.format(s.bytesPerMonth()) + " (" + HtmlText.esc(s.cadence()) + ")")
                            .collect(Collectors.joining(", ")))
                    .append(".</p>\n");
        }
        h.append("<p class=\"caption\">").append(HtmlText.esc(cost.note())).append(".</p>\n");
        for (CostEstimate.RefreshCost refresh : cost.refreshes()) {
            h.append("<details><summary>How the ")
                    .append(HtmlText.esc(refresh.cadence()))
                    .append(" figures were obtained</summary>\n<ul>\n");
            refresh.basis()
                    .forEach(line -> h.append("<li>").append(HtmlText.esc(line)).append("</li>\n"));
            h.append("</ul>\n</details>\n");
        }
        return h.append("</section>\n").toString();
    }
}

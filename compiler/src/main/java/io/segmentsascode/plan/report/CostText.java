package io.segmentsascode.plan.report;

import io.segmentsascode.plan.ByteSize;
import io.segmentsascode.plan.CostEstimate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The plan's cost estimate as text, shared by plan.md, the pull-request comment and report.html:
 * one table row per refresh cadence (bytes and cost per refresh and per month), a total, and the
 * segments that cost the most. With a base revision each figure that changed reads
 * {@code before → after}. Amounts show cents; a non-zero amount below a cent shows as {@code < 0.01}.
 */
final class CostText {

    /** How many of the costliest segments the reports list. */
    static final int COSTLIEST = 5;

    static final String TITLE = "Cost of the scheduled refreshes";

    private static final List<String> HEADERS = List.of(
            "refresh", "runs per month", "bytes per refresh", "cost per refresh", "bytes per month", "cost per month");
    private static final String NONE = "—";

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
        md.append("| ").append(String.join(" | ", HEADERS)).append(" |\n|---|---:|---:|---:|---:|---:|\n");
        List<List<String>> rows = rows(cost);
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            boolean total = i == rows.size() - 1;
            md.append("| ")
                    .append(row.stream()
                            .map(cell -> total && !cell.isEmpty() ? "**" + cell + "**" : cell)
                            .collect(Collectors.joining(" | ")))
                    .append(" |\n");
        }
        md.append('\n');
        String costliest = costliest(cost, s -> "`" + s + "`");
        if (!costliest.isEmpty()) {
            md.append("Costliest segments per month: ").append(costliest).append(".\n\n");
        }
        md.append("<sub>").append(MarkdownText.escape(note(cost))).append(".</sub>\n\n");
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

    /** The report.html section: the same table and costliest segments, or the one line where cost does not apply. */
    static String html(CostEstimate cost) {
        StringBuilder h = new StringBuilder("<section id=\"cost\">\n<h2>" + TITLE + "</h2>\n");
        if (!cost.applicable()) {
            return h.append("<p class=\"empty\">")
                    .append(HtmlText.esc(cost.note()))
                    .append(".</p>\n</section>\n")
                    .toString();
        }
        h.append("<div class=\"scroll\"><table class=\"cost\">\n<thead><tr>");
        HEADERS.forEach(header -> h.append("<th>").append(header).append("</th>"));
        h.append("</tr></thead>\n<tbody>\n");
        List<List<String>> rows = rows(cost);
        for (int i = 0; i < rows.size(); i++) {
            String cell = i == rows.size() - 1 ? "th" : "td";
            h.append("<tr>");
            rows.get(i)
                    .forEach(value -> h.append('<')
                            .append(cell)
                            .append('>')
                            .append(HtmlText.esc(value))
                            .append("</")
                            .append(cell)
                            .append('>'));
            h.append("</tr>\n");
        }
        h.append("</tbody></table></div>\n");
        String costliest = costliest(cost, s -> "<code>" + HtmlText.esc(s) + "</code>");
        if (!costliest.isEmpty()) {
            h.append("<p>Costliest segments per month: ").append(costliest).append(".</p>\n");
        }
        h.append("<p class=\"caption\">").append(HtmlText.esc(note(cost))).append(".</p>\n");
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

    /** The console's line: each cadence per refresh, then the month; none where cost does not apply. */
    static Optional<String> line(CostEstimate cost) {
        if (!cost.applicable()) {
            return Optional.empty();
        }
        String perRefresh = cost.refreshes().stream()
                .map(r -> r.cadence() + " " + ByteSize.format(r.bytesPerRefresh()) + " ("
                        + money(r.costPerRefresh(), cost) + ") per refresh")
                .collect(Collectors.joining(", "));
        return Optional.of("  cost: " + (perRefresh.isEmpty() ? "no refreshes" : perRefresh) + "; "
                + ByteSize.format(cost.bytesPerMonth()) + " (" + money(cost.costPerMonth(), cost) + ") per month at "
                + cost.pricePerTib().toPlainString() + " " + cost.currency() + " per TiB");
    }

    /** One row per cadence of this plan or its base, then the total; cells without markup. */
    private static List<List<String>> rows(CostEstimate cost) {
        TreeSet<String> cadences = new TreeSet<>();
        cost.refreshes().forEach(r -> cadences.add(r.cadence()));
        if (cost.base() != null) {
            cost.base().refreshes().forEach(r -> cadences.add(r.cadence()));
        }
        List<List<String>> rows = new ArrayList<>();
        for (String cadence : cadences) {
            CostEstimate.RefreshCost after = cost.refreshes().stream()
                    .filter(r -> r.cadence().equals(cadence))
                    .findFirst()
                    .orElse(null);
            CostEstimate.RefreshCost before = cost.baseRefresh(cadence);
            CostEstimate.RefreshCost any = after != null ? after : before;
            rows.add(List.of(
                    cadence,
                    any.runsPerMonth().toPlainString(),
                    change(cost, before, after, r -> ByteSize.format(r.bytesPerRefresh())),
                    change(cost, before, after, r -> money(r.costPerRefresh(), cost)),
                    change(cost, before, after, r -> ByteSize.format(r.bytesPerMonth())),
                    change(cost, before, after, r -> money(r.costPerMonth(), cost))));
        }
        String bytes = ByteSize.format(cost.bytesPerMonth());
        String money = money(cost.costPerMonth(), cost);
        if (cost.base() != null) {
            bytes = arrow(ByteSize.format(cost.base().bytesPerMonth()), bytes);
            money = arrow(money(cost.base().costPerMonth(), cost), money);
        }
        rows.add(List.of("total", "", "", "", bytes, money));
        return rows;
    }

    /** The figure after the change; {@code before → after} when a base revision's differs. */
    private static String change(
            CostEstimate cost,
            CostEstimate.RefreshCost before,
            CostEstimate.RefreshCost after,
            Function<CostEstimate.RefreshCost, String> figure) {
        String now = after == null ? NONE : figure.apply(after);
        if (cost.base() == null) {
            return now;
        }
        return arrow(before == null ? NONE : figure.apply(before), now);
    }

    private static String arrow(String before, String after) {
        return before.equals(after) ? after : before + " → " + after;
    }

    private static String note(CostEstimate cost) {
        return cost.note()
                + (cost.base() == null ? "" : "; before → after: the base revision's scripts, dry-run alike");
    }

    /** {@code seg_a 1.20 GiB (daily)}, most first, each id shown by {@code id}. */
    private static String costliest(CostEstimate cost, Function<String, String> id) {
        return cost.costliest(COSTLIEST).stream()
                .map(s -> id.apply(s.segmentId()) + " " + ByteSize.format(s.bytesPerMonth()) + " (" + s.cadence() + ")")
                .collect(Collectors.joining(", "));
    }

    /** {@code 1.23 USD}; {@code < 0.01 USD} for a non-zero amount below a cent. */
    static String money(BigDecimal amount, CostEstimate cost) {
        BigDecimal cents = amount.setScale(2, RoundingMode.HALF_EVEN);
        String shown = amount.signum() > 0 && cents.signum() == 0 ? "< 0.01" : cents.toPlainString();
        return shown + " " + cost.currency();
    }
}

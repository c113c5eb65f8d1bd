package io.segmentsascode.plan.report;

import static io.segmentsascode.plan.report.HtmlText.esc;

import io.segmentsascode.brief.Brief;
import io.segmentsascode.brief.BriefPin;
import io.segmentsascode.brief.BriefStatus;
import java.util.List;

/** The campaign briefs in report.html: every text of a brief escaped, as committed text that a pull request can edit. */
public final class BriefsHtml {

    private BriefsHtml() {}

    /** The section placed in the report; empty when no mapping activates a segment. */
    public static String section(List<BriefStatus> briefs) {
        if (briefs.isEmpty()) {
            return "";
        }
        StringBuilder h = new StringBuilder(
                "<section id=\"briefs\">\n<h2>Campaign briefs <span class=\"sample\">drafts for humans, never"
                        + " applied</span></h2>\n");
        for (BriefStatus status : briefs) {
            h.append("<article class=\"brief ")
                    .append(HtmlText.cssName(status.kind().name()))
                    .append("\">\n<h3><code>")
                    .append(esc(status.segmentId()))
                    .append("</code>: ")
                    .append(esc(status.stateText()))
                    .append("</h3>\n");
            if (!status.profile().isEmpty()) {
                h.append("<p>Profile now: ")
                        .append(esc(String.join("; ", status.profile())))
                        .append("</p>\n");
            }
            status.pin().ifPresent(pin -> brief(h, pin));
            h.append("</article>\n");
        }
        return h.append("</section>\n").toString();
    }

    private static void brief(StringBuilder h, BriefPin pin) {
        Brief brief = pin.brief();
        h.append("<p class=\"provenance\"><em>")
                .append(esc(pin.provenance()))
                .append(", data of ")
                .append(esc(pin.dataDate()))
                .append("</em></p>\n<dl>\n<dt>Value proposition</dt><dd>")
                .append(esc(brief.valueProposition()))
                .append("</dd>\n<dt>Channels and budget</dt><dd><ul>");
        brief.channels()
                .forEach(c -> h.append("<li>")
                        .append(esc(c.channel()))
                        .append(" ")
                        .append(c.budgetPercent())
                        .append(" %</li>"));
        h.append("</ul></dd>\n<dt>Message angles</dt><dd><ul>");
        brief.messageAngles().forEach(a -> h.append("<li>").append(esc(a)).append("</li>"));
        h.append("</ul></dd>\n<dt>Offer strategy</dt><dd>")
                .append(esc(brief.offerStrategy()))
                .append("</dd>\n<dt>Primary KPI</dt><dd>")
                .append(esc(brief.primaryKpi().name()))
                .append(" (benchmark: ")
                .append(esc(brief.primaryKpi().benchmark()))
                .append(")</dd>\n</dl>\n");
    }
}

package io.segmentsascode.plan.report;

import io.segmentsascode.brief.Brief;
import io.segmentsascode.brief.BriefPin;
import io.segmentsascode.brief.BriefStatus;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The campaign briefs in plan.md, and their one-line count in the PR comment. A brief is
 * committed text that a pull request can edit, so every character of it is written as a literal:
 * no HTML, no link or image, no emphasis can come out of it.
 */
public final class BriefsMarkdown {

    private BriefsMarkdown() {}

    /** The section appended to plan.md; empty when no mapping activates a segment. */
    public static String section(List<BriefStatus> briefs) {
        if (briefs.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Campaign briefs (drafts for humans, never applied)\n\n");
        for (BriefStatus status : briefs) {
            md.append("#### `")
                    .append(status.segmentId())
                    .append("`: ")
                    .append(literal(status.stateText()))
                    .append("\n\n");
            if (!status.profile().isEmpty()) {
                md.append("Profile now: ")
                        .append(status.profile().stream()
                                .map(BriefsMarkdown::literal)
                                .collect(Collectors.joining("; ")))
                        .append("\n\n");
            }
            status.pin().ifPresent(pin -> brief(md, pin));
        }
        return md.toString();
    }

    /** The PR comment names the briefs' states only; their text is in plan.md and report.html. */
    public static String commentLine(List<BriefStatus> briefs) {
        if (briefs.isEmpty()) {
            return "";
        }
        long current = count(briefs, BriefStatus.Kind.CURRENT);
        long stale = count(briefs, BriefStatus.Kind.STALE);
        long missing = count(briefs, BriefStatus.Kind.MISSING);
        return "\nCampaign briefs: " + current + " current, " + stale + " stale, " + missing
                + " missing (the briefs are in `plan.md` and `report.html`).\n";
    }

    private static long count(List<BriefStatus> briefs, BriefStatus.Kind kind) {
        return briefs.stream().filter(b -> b.kind() == kind).count();
    }

    private static void brief(StringBuilder md, BriefPin pin) {
        Brief brief = pin.brief();
        md.append("*")
                .append(literal(pin.provenance()))
                .append(", data of ")
                .append(literal(pin.dataDate()))
                .append("*\n\n");
        md.append("- **Value proposition:** ")
                .append(literal(brief.valueProposition()))
                .append('\n');
        md.append("- **Channels and budget:** ")
                .append(brief.channels().stream()
                        .map(c -> literal(c.channel()) + " " + c.budgetPercent() + " %")
                        .collect(Collectors.joining(", ")))
                .append('\n');
        md.append("- **Message angles:**\n");
        brief.messageAngles().forEach(a -> md.append("  - ").append(literal(a)).append('\n'));
        md.append("- **Offer strategy:** ")
                .append(literal(brief.offerStrategy()))
                .append('\n');
        md.append("- **Primary KPI:** ")
                .append(literal(brief.primaryKpi().name()))
                .append(" (benchmark: ")
                .append(literal(brief.primaryKpi().benchmark()))
                .append(")\n\n");
    }

    /**
     * Text as a Markdown literal: {@code < > &} as entities, every other ASCII punctuation character
     * backslash-escaped (CommonMark shows it as itself), so no tag, link, image, emphasis or table
     * cell can start in it, and line breaks folded to spaces.
     */
    static String literal(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                out.append(' ');
            } else if (c == '<') {
                out.append("&lt;");
            } else if (c == '>') {
                out.append("&gt;");
            } else if (c == '&') {
                out.append("&amp;");
            } else if (c < 0x7f && !Character.isLetterOrDigit(c) && c != ' ') {
                out.append('\\').append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}

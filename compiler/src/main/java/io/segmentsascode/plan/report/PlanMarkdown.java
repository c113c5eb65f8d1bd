package io.segmentsascode.plan.report;

import io.segmentsascode.plan.AudienceStatus;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.plan.review.SegmentDiff;
import java.util.List;
import java.util.Locale;

/** The plan as a pull-request comment: summary, changes, figures, findings, collapsible SQL diffs. */
public final class PlanMarkdown {

    private static final int TOP_OVERLAPS = 20;

    private PlanMarkdown() {}

    public static String render(Plan plan) {
        StringBuilder md = new StringBuilder();
        md.append("## segments plan: ").append(plan.target()).append("\n\n");
        md.append("**").append(PlanText.summary(plan)).append("**\n\n");
        md.append("Figures are ")
                .append(LiveReport.figuresFrom(plan))
                .append(" (")
                .append(escape(plan.dataLabel()))
                .append(", `@run_time` ")
                .append(plan.runTime())
                .append(LiveReport.sampleOnly(plan) ? "); real audiences differ.\n\n" : ").\n\n");
        if (plan.sync() != null) {
            md.append(plan.sync().describe()).append("\n\n");
        }

        List<PlannedChange> changes = plan.changes().stream()
                .filter(c -> c.action() != Action.UNCHANGED)
                .toList();
        if (!changes.isEmpty()) {
            md.append("### Changes\n\n").append(MarkdownText.CHANGES_HEADER);
            for (PlannedChange change : changes) {
                md.append(MarkdownText.changeRow(change));
            }
            md.append('\n');
        }
        if (!plan.findings().isEmpty()) {
            md.append("### Governance findings\n\n");
            for (Finding finding : plan.findings()) {
                md.append("- ")
                        .append(finding.isError() ? "**error**" : "warning")
                        .append(" `")
                        .append(finding.code())
                        .append("` ")
                        .append(escape(finding.subject()))
                        .append(": ")
                        .append(escape(finding.message()));
                if (!finding.location().isEmpty()) {
                    md.append(" (`").append(finding.location()).append("`)");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        md.append(CostText.markdown(plan.cost(), true));
        md.append(LiveReport.markdown(plan));
        if (!plan.audiences().isEmpty()) {
            md.append("### Lists in Google Ads\n\n");
            for (AudienceStatus audience : plan.audiences()) {
                md.append("- `")
                        .append(audience.audience())
                        .append("`: ")
                        .append(escape(AudienceStatusText.describe(audience)))
                        .append('\n');
            }
            md.append('\n');
        }
        md.append("### Audience sizes (" + (LiveReport.sampleOnly(plan) ? "sample" : "live tables") + ")\n\n")
                .append("| segment | stage | members | vs base | labels |\n|---|---|---:|---:|---|\n");
        for (SegmentImpact segment : plan.segments()) {
            md.append("| `")
                    .append(segment.id())
                    .append("`")
                    .append(LiveReport.sampleMark(plan, segment.id()))
                    .append(" | ")
                    .append(segment.stage().label())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,d", segment.members()))
                    .append(" | ")
                    .append(delta(segment))
                    .append(" | ")
                    .append(labels(segment))
                    .append(" |\n");
        }
        md.append('\n');
        List<Overlap> top = plan.overlaps().stream()
                .sorted((a, b) -> Double.compare(b.jaccard(), a.jaccard()) != 0
                        ? Double.compare(b.jaccard(), a.jaccard())
                        : (a.a() + a.b()).compareTo(b.a() + b.b()))
                .limit(TOP_OVERLAPS)
                .toList();
        if (!top.isEmpty()) {
            md.append(
                    String.format(Locale.ROOT, "### Overlap (Jaccard, flagged at %.2f)\n\n", plan.overlapThreshold()));
            md.append("| segments | shared by | common members | Jaccard |\n|---|---|---:|---:|\n");
            for (Overlap overlap : top) {
                md.append("| `")
                        .append(overlap.a())
                        .append("` ~ `")
                        .append(overlap.b())
                        .append("` | ")
                        .append(overlap.sharedBy())
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%,d", overlap.intersection()))
                        .append(" | ")
                        .append(String.format(Locale.ROOT, "%.2f", overlap.jaccard()))
                        .append(overlap.flagged() ? " ⚠" : "")
                        .append(" |\n");
            }
            md.append('\n');
        }
        bullets(md, "Segments built from segments", ReferencesSection.dependencyLines(plan));
        bullets(md, "Exclusive audiences", ReferencesSection.exclusivityLines(plan));
        if (plan.base() != null) {
            BaseDiff base = plan.base();
            md.append("### Changes vs `")
                    .append(base.ref())
                    .append("` (")
                    .append(base.commit(), 0, Math.min(12, base.commit().length()))
                    .append(")\n\n");
            if (base.segments().isEmpty()
                    && base.campaignsAdded().isEmpty()
                    && base.campaignsChanged().isEmpty()
                    && base.campaignsRemoved().isEmpty()) {
                md.append("No definition changed.\n\n");
            }
            for (SegmentDiff diff : base.segments()) {
                md.append("<details><summary><code>")
                        .append(diff.id())
                        .append("</code> ")
                        .append(diff.status().label())
                        .append(diff.renamedFrom() == null ? "" : " from <code>" + diff.renamedFrom() + "</code>")
                        .append(diff.stageChange().isEmpty() ? "" : ", stage " + diff.stageChange())
                        .append("</summary>\n\n");
                if (!diff.sqlDiff().isEmpty()) {
                    md.append("```diff\n").append(diff.sqlDiff()).append("```\n");
                }
                md.append("</details>\n\n");
            }
            if (!base.overlapChanges().isEmpty()) {
                md.append("#### Overlap changes\n\n").append(OverlapText.HEADER);
                base.overlapChanges().forEach(change -> md.append(OverlapText.row(change, plan.overlapThreshold())));
                md.append('\n');
            }
            campaigns(md, "Campaign mappings added", base.campaignsAdded());
            campaigns(md, "Campaign mappings changed", base.campaignsChanged());
            campaigns(md, "Campaign mappings removed", base.campaignsRemoved());
            if (base.lockChanged()) {
                md.append("segments.lock changed.\n\n");
            }
            // briefs.lock is committed text a pull request can edit: every part is escaped
            bullets(
                    md,
                    "Campaign briefs changed (briefs.lock)",
                    base.briefChanges().stream()
                            .map(c -> c.segmentId() + " " + c.status()
                                    + (c.details().isEmpty() ? "" : ": " + String.join("; ", c.details())))
                            .toList());
        }
        md.append("<sub>plan ").append(plan.fingerprint(), 0, 12).append("</sub>\n");
        return md.toString();
    }

    private static void bullets(StringBuilder md, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        md.append("### ").append(title).append("\n\n");
        lines.forEach(line -> md.append("- ").append(escape(line)).append('\n'));
        md.append('\n');
    }

    private static void campaigns(StringBuilder md, String title, List<String> ids) {
        if (!ids.isEmpty()) {
            md.append(title)
                    .append(": ")
                    .append(String.join(
                            ", ", ids.stream().map(i -> "`" + i + "`").toList()))
                    .append("\n\n");
        }
    }

    private static String delta(SegmentImpact segment) {
        if (segment.baseMembers() == null) {
            return "";
        }
        long change = segment.members() - segment.baseMembers();
        return change == 0 ? "±0" : String.format(Locale.ROOT, "%+,d", change);
    }

    private static String labels(SegmentImpact segment) {
        return String.join(
                ", ",
                segment.labels().entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%,d", e.getValue()))
                        .toList());
    }

    private static String escape(String text) {
        return MarkdownText.escape(text);
    }
}

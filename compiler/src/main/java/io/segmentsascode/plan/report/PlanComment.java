package io.segmentsascode.plan.report;

import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.review.OverlapChange;
import io.segmentsascode.plan.review.SegmentDiff;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The plan as the pull-request comment reviewers read (target/segments/plan-comment.md): changed
 * segments first, each with its members before → after and the SQL diff, then governance
 * findings, campaign mapping and lock changes, and collapsed: the other changes to the target and
 * the unchanged segments. It opens with a
 * hidden marker, so CI finds its own comment and updates it in place, and it stays under GitHub's
 * comment limit however large the project: what does not fit is counted and left to plan.md and
 * report.html, which CI keeps as an artifact.
 */
public final class PlanComment {

    /** The first line of every plan comment: how CI recognises the comment it updates. */
    public static final String MARKER = "<!-- segments-plan -->";

    /** GitHub refuses comments longer than this many characters. */
    public static final int GITHUB_COMMENT_LIMIT = 65_536;

    /** Room kept for the notes of what was left out, the footer and a banner CI may put on top. */
    private static final int RESERVE = 2_000;

    private static final int OVERLAPS_PER_SEGMENT = 3;

    /** Crossings and the largest moves; the rest are in plan.md. */
    private static final int OVERLAP_CHANGES_SHOWN = 20;

    private static final String ARTIFACT_POINTER =
            "see `plan.md` and `report.html` in the `segments-plan` artifact of this run";

    private PlanComment() {}

    public static String render(Plan plan) {
        return render(plan, GITHUB_COMMENT_LIMIT);
    }

    /** {@code limit}: the most characters the comment may have. */
    static String render(Plan plan, int limit) {
        Comment md = new Comment(limit - RESERVE);
        md.text(MARKER + "\n## segments plan: " + plan.target() + "\n\n");
        md.text("**" + PlanText.summary(plan) + "**\n\n");
        md.text("Member counts are " + LiveReport.figuresFrom(plan) + " (" + MarkdownText.escape(plan.dataLabel())
                + ", `@run_time` " + plan.runTime()
                + (LiveReport.sampleOnly(plan) ? "); real audiences differ.\n\n" : ").\n\n"));
        if (plan.sync() != null) {
            md.text(plan.sync().describe() + "\n\n");
        }

        Map<String, SegmentImpact> figures = new LinkedHashMap<>();
        plan.segments().forEach(segment -> figures.put(segment.id(), segment));
        List<String> changedIds = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        for (SegmentDiff diff : changedSegments(plan)) {
            changedIds.add(diff.id());
            blocks.add(changedSegment(diff, figures.get(diff.id()), plan));
        }
        // before the changed segments, so a project-wide change still shows its crossings
        List<OverlapChange> overlapChanges =
                plan.base() == null ? List.of() : plan.base().overlapChanges();
        md.section(
                "### Overlap changes (" + overlapChanges.size() + ")\n\n" + OverlapText.HEADER,
                overlapChanges.subList(0, Math.min(OVERLAP_CHANGES_SHOWN, overlapChanges.size())),
                change -> OverlapText.row(change, plan.overlapThreshold()),
                "overlap changes",
                "\n");
        if (overlapChanges.size() > OVERLAP_CHANGES_SHOWN) {
            md.text(String.format(
                    Locale.ROOT,
                    "… and %,d more overlap changes: %s.\n\n",
                    overlapChanges.size() - OVERLAP_CHANGES_SHOWN,
                    ARTIFACT_POINTER));
        }
        md.section(
                "### Changed segments (" + blocks.size() + ")" + baseNote(plan) + "\n\n",
                blocks,
                Function.identity(),
                "changed segments",
                "\n");

        md.section("### Governance findings\n\n", plan.findings(), PlanComment::finding, "findings", "\n");
        // reviewers see what the change costs per refresh before they approve it
        md.text(CostText.markdown(plan.cost(), false));
        md.section(
                LiveReport.commentHeading(plan),
                LiveReport.commentRows(plan),
                Function.identity(),
                "refreshes and stale tables",
                "\n");

        List<PlannedChange> otherChanges = plan.changes().stream()
                .filter(change -> change.action() != Action.UNCHANGED)
                .filter(change -> change.kind() != ResourceKind.SEGMENT_TABLE || !changedIds.contains(change.name()))
                .toList();
        if (plan.base() != null) {
            md.text(campaignMappings("added", plan.base().campaignsAdded())
                    + campaignMappings("changed", plan.base().campaignsChanged())
                    + campaignMappings("removed", plan.base().campaignsRemoved())
                    + (plan.base().lockChanged()
                            ? "`segments.lock` changed: an engineer reviews the pinned SQL.\n\n"
                            : ""));
        }
        // collapsed: a pull request plans against a target of its own runner, so this is mostly creates
        md.section(
                "<details><summary>Other changes to the target <code>" + plan.target() + "</code> ("
                        + otherChanges.size() + ")</summary>\n\n" + MarkdownText.CHANGES_HEADER,
                otherChanges,
                MarkdownText::changeRow,
                "changes",
                "\n</details>\n\n");

        List<SegmentImpact> unchanged = plan.segments().stream()
                .filter(segment -> !changedIds.contains(segment.id()))
                .toList();
        md.section(
                "<details><summary>Unchanged segments (" + unchanged.size() + ")</summary>\n\n"
                        + "| segment | stage | members |\n|---|---|---:|\n",
                unchanged,
                segment -> "| `" + segment.id() + "`" + LiveReport.sampleMark(plan, segment.id()) + " | "
                        + segment.stage().label() + " | " + count(segment.members())
                        + " |\n",
                "unchanged segments",
                "\n</details>\n\n");

        md.footer("<sub>plan " + plan.fingerprint().substring(0, 12) + " · the full plan: " + ARTIFACT_POINTER
                + "</sub>\n");
        return md.toString();
    }

    /** The review's segments against the base; without a base, the segments whose table changes. */
    private static List<SegmentDiff> changedSegments(Plan plan) {
        if (plan.base() != null) {
            return plan.base().segments();
        }
        return plan.changes().stream()
                .filter(change -> change.kind() == ResourceKind.SEGMENT_TABLE)
                .filter(change -> change.action().changesTarget())
                .map(change -> new SegmentDiff(
                        change.name(),
                        change.action() == Action.CREATE ? SegmentDiff.Status.ADDED : SegmentDiff.Status.CHANGED,
                        null,
                        "",
                        ""))
                .toList();
    }

    private static String baseNote(Plan plan) {
        if (plan.base() == null) {
            return "";
        }
        String commit = plan.base().commit();
        String shortCommit = commit.substring(0, Math.min(12, commit.length()));
        // CI passes the base as a commit id: naming it twice says nothing
        return commit.startsWith(plan.base().ref())
                ? " vs `" + shortCommit + "`"
                : " vs `" + plan.base().ref() + "` (" + shortCommit + ")";
    }

    private static String changedSegment(SegmentDiff diff, SegmentImpact figures, Plan plan) {
        StringBuilder block = new StringBuilder("#### `")
                .append(diff.id())
                .append("` ")
                .append(diff.status().label());
        if (diff.renamedFrom() != null) {
            block.append(" from `").append(diff.renamedFrom()).append('`');
        }
        if (!diff.stageChange().isEmpty()) {
            block.append(", stage ").append(diff.stageChange());
        }
        block.append("\n\n")
                .append(members(diff, figures))
                .append(LiveReport.sampleMark(plan, diff.id()))
                .append('\n');
        List<Overlap> overlaps = plan.overlaps().stream()
                .filter(o -> o.a().equals(diff.id()) || o.b().equals(diff.id()))
                .sorted((x, y) -> Double.compare(y.jaccard(), x.jaccard()))
                .limit(OVERLAPS_PER_SEGMENT)
                .toList();
        if (!overlaps.isEmpty()) {
            block.append("\noverlap now: ");
            block.append(String.join(
                    ", ",
                    overlaps.stream()
                            .map(o -> "`" + (o.a().equals(diff.id()) ? o.b() : o.a()) + "` "
                                    + String.format(Locale.ROOT, "%.2f", o.jaccard())
                                    + (o.flagged() ? " ⚠" : "") + " (" + o.sharedBy() + ")")
                            .toList()));
            block.append('\n');
        }
        if (!diff.sqlDiff().isEmpty()) {
            block.append("\n<details><summary>SQL diff</summary>\n\n```diff\n")
                    .append(diff.sqlDiff())
                    .append(diff.sqlDiff().endsWith("\n") ? "" : "\n")
                    .append("```\n</details>\n");
        }
        return block.append('\n').toString();
    }

    /** "members 1,200 → 1,260 (Δ +60, +5.0%)", or what is known of a new, removed or failed segment. */
    private static String members(SegmentDiff diff, SegmentImpact figures) {
        if (diff.status() == SegmentDiff.Status.REMOVED) {
            return "members: removed";
        }
        if (figures == null) {
            return "members: no figures (see the findings)";
        }
        if (figures.baseMembers() == null) {
            return "members: — → " + count(figures.members()) + " (new)";
        }
        long before = figures.baseMembers();
        long change = figures.members() - before;
        String percent = before == 0
                ? (change == 0 ? "±0%" : "from none")
                : String.format(Locale.ROOT, "%+.1f%%", 100.0 * change / before);
        return "members: " + count(before) + " → " + count(figures.members()) + " (Δ "
                + (change == 0 ? "±0" : String.format(Locale.ROOT, "%+,d", change)) + ", " + percent + ")";
    }

    private static String campaignMappings(String how, List<String> ids) {
        return ids.isEmpty()
                ? ""
                : "Campaign mappings " + how + ": "
                        + String.join(
                                ", ", ids.stream().map(id -> "`" + id + "`").toList()) + "\n\n";
    }

    private static String finding(Finding finding) {
        return "- " + (finding.isError() ? "**error**" : "warning") + " `" + finding.code() + "` "
                + MarkdownText.escape(finding.subject()) + ": " + MarkdownText.escape(finding.message())
                + (finding.location().isEmpty() ? "" : " (`" + finding.location() + "`)") + "\n";
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** The comment being written, within its budget: sections take items while they fit and count the rest. */
    private static final class Comment {

        private final int budget;
        private final StringBuilder text = new StringBuilder();

        Comment(int budget) {
            this.budget = budget;
        }

        void text(String part) {
            text.append(part);
        }

        /** A heading, as many items as fit, a note of the rest, and {@code closing}; nothing without items. */
        <T> void section(String heading, List<T> items, Function<T, String> shown, String what, String closing) {
            if (items.isEmpty()) {
                return;
            }
            text.append(heading);
            int left = items.size() - append(items, shown);
            text.append(left == 0 ? "" : "\n" + leftOut(left, what)).append(closing);
        }

        void footer(String part) {
            text.append(part);
        }

        /** Appends items in order while they fit; returns how many did. */
        private <T> int append(List<T> items, Function<T, String> shown) {
            int written = 0;
            for (T item : items) {
                String part = shown.apply(item);
                if (text.length() + part.length() > budget) {
                    break;
                }
                text.append(part);
                written++;
            }
            return written;
        }

        private static String leftOut(int count, String what) {
            return String.format(
                    Locale.ROOT,
                    "… and %,d more %s, left out to stay under GitHub's comment limit: %s.\n",
                    count,
                    what,
                    ARTIFACT_POINTER);
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}

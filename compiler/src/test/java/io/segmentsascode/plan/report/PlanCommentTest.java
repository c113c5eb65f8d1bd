package io.segmentsascode.plan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.Stage;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanAssembler;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.plan.review.OverlapChange;
import io.segmentsascode.plan.review.SegmentDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlanCommentTest {

    private static final String SQL_DIFF =
            "@@ -12,3 +12,3 @@\n   FROM scores AS p\n-  AND p.m_score >= 4\n+  AND p.m_score >= 5\n";

    @Test
    void changedSegmentsComeFirstWithMembersBeforeAndAfterThenFindingsThenTheUnchangedCollapsed() {
        Plan plan = plan(
                List.of(changed("seg_b")),
                List.of(figures("seg_a", 900L, 900), figures("seg_b", 1_200L, 1_260)),
                List.of(new Finding(
                        Severity.WARNING, "audience-too-small", "cmp_x", "740 members", "campaigns/cmp_x.yaml:5:1")),
                List.of(new Overlap("seg_a", "seg_b", "family rfm", 600, 1_000, 0.6, true)));

        String comment = PlanComment.render(plan);

        assertTrue(comment.startsWith(PlanComment.MARKER + "\n"), comment);
        int changed = comment.indexOf("#### `seg_b` changed");
        int findings = comment.indexOf("### Governance findings");
        int unchanged = comment.indexOf("<details><summary>Unchanged segments (1)</summary>");
        assertTrue(0 < changed && changed < findings && findings < unchanged, comment);
        assertTrue(comment.contains("members: 1,200 → 1,260 (Δ +60, +5.0%)"), comment);
        assertTrue(comment.contains("overlap now: `seg_a` 0.60 ⚠ (family rfm)"), comment);
        assertTrue(comment.contains("```diff\n" + SQL_DIFF + "```"), comment);
        assertTrue(comment.contains("| `seg_a` | production | 900 |\n\n</details>"), comment);
    }

    @Test
    void aNewSegmentHasNoBefore() {
        SegmentDiff added = new SegmentDiff("seg_new", SegmentDiff.Status.ADDED, null, "", SQL_DIFF);
        String comment =
                PlanComment.render(plan(List.of(added), List.of(figures("seg_new", null, 50)), List.of(), List.of()));

        assertTrue(comment.contains("#### `seg_new` added\n\nmembers: — → 50 (new)"), comment);
    }

    /** GitHub refuses a longer comment: a large review keeps its head and points at the artifact for the rest. */
    @Test
    void fiveThousandChangedSegmentsStayUnderGitHubsCommentLimit() {
        int count = 5_000;
        List<SegmentDiff> diffs = new ArrayList<>();
        List<SegmentImpact> segments = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("seg_rules_campaign_audience_%05d", i);
            diffs.add(changed(id));
            segments.add(figures(id, 10_000L + i, 10_500 + i));
            findings.add(new Finding(
                    Severity.WARNING, "overlap", id, "overlaps a sibling by 0.71", "segments/" + id + ".yaml:7:1"));
        }
        List<OverlapChange> crossings = new ArrayList<>();
        for (int i = 0; i + 1 < count; i++) {
            crossings.add(
                    new OverlapChange(diffs.get(i).id(), diffs.get(i + 1).id(), "family rules", 0.2, 0.7, false, true));
        }
        Plan plan = plan(diffs, segments, findings, List.of(), crossings);

        String comment = PlanComment.render(plan);

        assertTrue(
                comment.length() <= PlanComment.GITHUB_COMMENT_LIMIT - 1_000,
                "room for CI's banner: " + comment.length());
        assertTrue(comment.startsWith(PlanComment.MARKER), "the marker survives truncation");
        assertTrue(
                comment.contains("#### `seg_rules_campaign_audience_00000` changed"),
                "the first changed segment is shown");
        assertTrue(
                comment.contains("more changed segments, left out to stay under GitHub's comment limit: see `plan.md` "
                        + "and `report.html` in the `segments-plan` artifact of this run."),
                comment.substring(comment.length() - 2_000));
        assertTrue(comment.endsWith("</sub>\n"), "the footer survives truncation");
        assertTrue(comment.contains("### Overlap changes (4999)"), "every crossing counted");
        assertTrue(comment.contains("… and 4,979 more overlap changes: see `plan.md`"), comment);
        assertEquals(comment, PlanComment.render(plan), "deterministic");
    }

    /** Crossings of the threshold come before the changed segments, with the base's figure beside the new one. */
    @Test
    void overlapChangesSinceTheBaseAreShownBeforeTheChangedSegments() {
        Plan plan = plan(
                List.of(changed("seg_b")),
                List.of(figures("seg_a", 900L, 900), figures("seg_b", 1_200L, 1_260)),
                List.of(),
                List.of(new Overlap("seg_a", "seg_b", "family rfm", 600, 1_000, 0.6, true)),
                List.of(
                        new OverlapChange("seg_a", "seg_b", "family rfm", 0.31, 0.6, false, true),
                        new OverlapChange("seg_b", "seg_c", "campaign cmp_x", 0.4, 0.3, false, false)));

        String comment = PlanComment.render(plan);
        String markdown = PlanMarkdown.render(plan);

        int overlaps = comment.indexOf("### Overlap changes (2)");
        assertTrue(0 < overlaps && overlaps < comment.indexOf("### Changed segments"), comment);
        String crossing = "| `seg_a` ~ `seg_b` | family rfm | 0.31 | 0.60 ⚠ | now over 0.50 |\n";
        String move = "| `seg_b` ~ `seg_c` | campaign cmp_x | 0.40 | 0.30 | -0.10 |\n";
        assertTrue(comment.contains(crossing + move), comment);
        assertTrue(markdown.contains("#### Overlap changes\n\n"), markdown);
        assertTrue(markdown.contains(crossing + move), markdown);
    }

    private static SegmentDiff changed(String id) {
        return new SegmentDiff(id, SegmentDiff.Status.CHANGED, null, "", SQL_DIFF);
    }

    private static SegmentImpact figures(String id, Long before, long after) {
        return new SegmentImpact(id, "rfm", Stage.PRODUCTION, after, before, Map.of());
    }

    private static Plan plan(
            List<SegmentDiff> diffs, List<SegmentImpact> segments, List<Finding> findings, List<Overlap> overlaps) {
        return plan(diffs, segments, findings, overlaps, List.of());
    }

    private static Plan plan(
            List<SegmentDiff> diffs,
            List<SegmentImpact> segments,
            List<Finding> findings,
            List<Overlap> overlaps,
            List<OverlapChange> overlapChanges) {
        List<Change> changes = segments.stream()
                .map(s -> new Change(
                        new ResourceId(ResourceKind.SEGMENT_TABLE, s.id()),
                        diffs.stream().anyMatch(d -> d.id().equals(s.id())) ? Action.UPDATE : Action.UNCHANGED,
                        Optional.of("old"),
                        Optional.of("new-" + s.id()),
                        "definition changed"))
                .toList();
        return new Plan(
                Plan.FORMAT_VERSION,
                "local",
                PlanAssembler.fingerprint("local", changes),
                "2026-10-31T00:00:00Z",
                "generated sample, 2,000 users, seed 42",
                Map.of(
                        "create",
                        0,
                        "update",
                        diffs.size(),
                        "repair",
                        0,
                        "delete",
                        0,
                        "keep",
                        0,
                        "unchanged",
                        segments.size() - diffs.size(),
                        "unmanaged",
                        0,
                        "errors",
                        0,
                        "warnings",
                        findings.size()),
                changes.stream().map(PlannedChange::of).toList(),
                segments,
                overlaps,
                0.5,
                findings,
                new BaseDiff(
                                "main",
                                "0123456789abcdef0123456789abcdef01234567",
                                diffs,
                                List.of(),
                                List.of(),
                                List.of(),
                                false)
                        .withOverlapChanges(overlapChanges));
    }
}

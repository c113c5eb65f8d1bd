package io.segmentsascode.plan.report;

import io.segmentsascode.plan.AudienceStatus;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.review.SegmentDiff;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plan on the console, in the spirit of Terraform: one symbol per change, a summary line. */
public final class PlanText {

    private PlanText() {}

    public static List<String> lines(Plan plan) {
        List<String> lines = new ArrayList<>();
        lines.add("Plan for target '" + plan.target() + "' (" + (LiveReport.sampleOnly(plan) ? "sample" : "live")
                + " figures: " + plan.dataLabel() + ", @run_time " + plan.runTime() + ")");
        lines.addAll(LiveReport.lines(plan));
        for (PlannedChange change : plan.changes()) {
            if (change.action() == Action.UNCHANGED) {
                continue;
            }
            lines.add("  " + change.symbol() + " " + change.kind().label() + " " + change.name() + "  ("
                    + change.action().label() + (change.reason().isEmpty() ? "" : ": " + change.reason()) + ")");
        }
        for (SegmentImpact segment : plan.segments()) {
            if (segment.baseMembers() != null && segment.baseMembers() != segment.members()) {
                lines.add(String.format(
                        Locale.ROOT,
                        "    %s: %,d -> %,d members on the sample",
                        segment.id(),
                        segment.baseMembers(),
                        segment.members()));
            }
        }
        if (plan.base() != null) {
            for (SegmentDiff diff : plan.base().segments()) {
                lines.add("  review vs " + plan.base().ref() + ": " + diff.id() + " "
                        + diff.status().label()
                        + (diff.renamedFrom() == null ? "" : " from " + diff.renamedFrom())
                        + (diff.stageChange().isEmpty() ? "" : " (stage " + diff.stageChange() + ")"));
            }
        }
        ReferencesSection.dependencyLines(plan).forEach(line -> lines.add("  built from: " + line));
        ReferencesSection.exclusivityLines(plan).forEach(line -> lines.add("  exclusive: " + line));
        for (Finding finding : plan.findings()) {
            lines.add("  " + finding.severity().label() + " [" + finding.code() + "] " + finding.subject() + ": "
                    + finding.message() + (finding.location().isEmpty() ? "" : " (" + finding.location() + ")"));
        }
        CostText.line(plan.cost()).ifPresent(lines::add);
        for (AudienceStatus audience : plan.audiences()) {
            lines.add("  audience " + audience.audience() + ": " + AudienceStatusText.describe(audience));
        }
        lines.add(summary(plan));
        return lines;
    }

    public static String summary(Plan plan) {
        var s = plan.summary();
        if (plan.pendingChanges() == 0) {
            return String.format(
                    Locale.ROOT,
                    "No changes. %d resources up to date%s; %d errors, %d warnings.",
                    s.get("unchanged"),
                    s.get("keep") > 0 ? ", " + s.get("keep") + " kept (would delete with -Dsegments.prune=true)" : "",
                    s.get("errors"),
                    s.get("warnings"));
        }
        return String.format(
                Locale.ROOT,
                "Plan: %d to create, %d to update, %d to repair, %d to delete%s; %d unchanged; "
                        + "%d errors, %d warnings.",
                s.get("create"),
                s.get("update"),
                s.get("repair"),
                s.get("delete"),
                s.get("keep") > 0 ? " (" + s.get("keep") + " more with -Dsegments.prune=true)" : "",
                s.get("unchanged"),
                s.get("errors"),
                s.get("warnings"));
    }
}

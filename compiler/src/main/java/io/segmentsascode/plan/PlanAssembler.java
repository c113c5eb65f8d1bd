package io.segmentsascode.plan;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.ImpactAnalyzer;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.live.LiveChecks;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.preview.SegmentPreview;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Assembles a {@link Plan} from the planned changes, the impact figures and the findings. */
public final class PlanAssembler {

    private PlanAssembler() {}

    /**
     * @param references the segments built from segments, against the base when there is one
     * @param cost what the scheduled refreshes would cost
     * @param live what the target's live warehouse says; null for a target without one
     * @param sync the target's sync age (null: not read)
     */
    public static Plan build(
            String target,
            List<Change> changes,
            ResolvedProject project,
            ImpactAnalyzer.Impact impact,
            Map<String, Long> baseMembers,
            List<Finding> findings,
            BaseDiff base,
            String runTime,
            String dataLabel,
            double threshold,
            SegmentReferences references,
            CostEstimate cost,
            LiveChecks live,
            SyncAge sync) {
        List<PlannedChange> planned = changes.stream().map(PlannedChange::of).toList();
        Map<String, Integer> summary = new TreeMap<>();
        for (Action action : Action.values()) {
            summary.put(Plan.summaryKey(action), 0);
        }
        planned.forEach(c -> summary.merge(Plan.summaryKey(c.action()), 1, Integer::sum));
        summary.put("errors", (int) findings.stream().filter(Finding::isError).count());
        summary.put(
                "warnings", (int) findings.stream().filter(f -> !f.isError()).count());

        List<SegmentImpact> segments = new ArrayList<>();
        for (Segment segment : project.segments()) {
            SegmentPreview size = impact.sizes().get(segment.id());
            if (size == null) {
                continue; // not previewable: reported as a finding instead
            }
            segments.add(new SegmentImpact(
                    segment.id(),
                    segment.family(),
                    segment.stage(),
                    size.members(),
                    baseMembers.get(segment.id()),
                    size.labelCounts()));
        }
        return new Plan(
                Plan.FORMAT_VERSION,
                target,
                PendingWork.fingerprint(target, PendingWork.of(planned)),
                runTime,
                dataLabel,
                summary,
                planned,
                segments,
                impact.overlaps(),
                threshold,
                findings,
                base,
                references,
                impact.movedToHigherPriority(),
                cost,
                live,
                sync,
                List.of());
    }

    /** Hash of what apply would do, and nothing else: figures may move, the work may not. */
    public static String fingerprint(String target, List<Change> changes) {
        return PendingWork.fingerprint(
                target, PendingWork.of(changes.stream().map(PlannedChange::of).toList()));
    }
}

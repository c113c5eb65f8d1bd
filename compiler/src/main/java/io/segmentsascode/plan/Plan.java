package io.segmentsascode.plan;

import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.live.LiveChecks;
import io.segmentsascode.plan.review.BaseDiff;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A complete plan: what apply would change on the target, the impact figures (labelled with the
 * data they come from), governance findings and, given a base revision, the review diff;
 * {@code references}: segments built from segments (with the graph's changes against the base);
 * {@code movedToHigherPriority}: per mapping of an exclusive group, the members it leaves to a
 * higher-priority mapping; {@code cost}: what the scheduled refreshes would cost; {@code live}:
 * on a target with a live warehouse, what it says (refresh health and figure sources; null
 * otherwise); {@code sync}: the target's sync age (null: not read); {@code audiences}: what the
 * destination reports of each list.
 * Contains no wall-clock time or absolute path, so equal inputs give byte-identical plans.
 * {@code fingerprint} hashes its {@link PendingWork} alone: apply refuses a saved plan whose
 * fingerprint no longer matches what it would do now.
 */
public record Plan(
        int formatVersion,
        String target,
        String fingerprint,
        String runTime,
        String dataLabel,
        Map<String, Integer> summary,
        List<PlannedChange> changes,
        List<SegmentImpact> segments,
        List<Overlap> overlaps,
        double overlapThreshold,
        List<Finding> findings,
        BaseDiff base,
        SegmentReferences references,
        Map<String, Long> movedToHigherPriority,
        CostEstimate cost,
        LiveChecks live,
        SyncAge sync,
        List<AudienceStatus> audiences) {

    public static final int FORMAT_VERSION = 1;

    /**
     * A plan with none of the optional sections (references, exclusive groups, cost, ...): each
     * reads as empty or not applicable, as in a plan.json saved before the section existed.
     */
    public Plan(
            int formatVersion,
            String target,
            String fingerprint,
            String runTime,
            String dataLabel,
            Map<String, Integer> summary,
            List<PlannedChange> changes,
            List<SegmentImpact> segments,
            List<Overlap> overlaps,
            double overlapThreshold,
            List<Finding> findings,
            BaseDiff base) {
        this(
                formatVersion,
                target,
                fingerprint,
                runTime,
                dataLabel,
                summary,
                changes,
                segments,
                overlaps,
                overlapThreshold,
                findings,
                base,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    public Plan {
        summary = new TreeMap<>(summary);
        changes = List.copyOf(changes);
        segments = List.copyOf(segments);
        overlaps = List.copyOf(overlaps);
        findings = List.copyOf(findings);
        references = references == null ? SegmentReferences.none() : references;
        movedToHigherPriority = movedToHigherPriority == null ? Map.of() : new TreeMap<>(movedToHigherPriority);
        cost = cost == null ? CostEstimate.notApplicable(target) : cost;
        // plans saved before audience status was reported have none
        audiences = audiences == null ? List.of() : List.copyOf(audiences);
    }

    /** This plan with the audience status the destination reported. */
    public Plan withAudiences(List<AudienceStatus> status) {
        return new Plan(
                formatVersion,
                target,
                fingerprint,
                runTime,
                dataLabel,
                summary,
                changes,
                segments,
                overlaps,
                overlapThreshold,
                findings,
                base,
                references,
                movedToHigherPriority,
                cost,
                live,
                sync,
                status);
    }

    /** The {@link #summary} key counting changes with this action: its lower-case name, as in plan.json. */
    public static String summaryKey(Action action) {
        return action.name().toLowerCase(Locale.ROOT);
    }

    public boolean hasErrors() {
        return findings.stream().anyMatch(Finding::isError);
    }

    public long pendingChanges() {
        return pendingWork().size();
    }

    /** What applying this plan would do: compared with a fresh plan before a saved one is applied. */
    public List<PendingWork> pendingWork() {
        return PendingWork.of(changes);
    }

    /** What the definitions declare (kind, name, spec hash): what a reviewed plan must still match to be applied. */
    public List<DeclaredResource> declared() {
        return DeclaredResource.of(changes);
    }
}

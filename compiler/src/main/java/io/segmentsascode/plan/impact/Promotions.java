package io.segmentsascode.plan.impact;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.evaluate.PromotionGate;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The article's rule that experiments decide promotions. Every experimental mapping's gate is
 * shown with its evidence (a warning: information, never a failure). A change to production
 * against the review base — of a mapping, or of a segment a mapping feeds — fails the plan unless
 * a gate passes or the mapping carries a reviewed {@code promotion_override}.
 */
public final class Promotions {

    private Promotions() {}

    /**
     * @param gates each mapping's judged {@code promote_when}, by mapping id
     * @param base  the definitions at the review base; without one nothing counts as promoted
     */
    public static List<Finding> check(
            ResolvedProject project, Map<String, PromotionGate> gates, Optional<ResolvedProject> base) {
        List<Finding> findings = new ArrayList<>();
        for (Campaign campaign : project.campaigns()) {
            Optional<PromotionGate> gate = Optional.ofNullable(gates.get(campaign.id()));
            boolean promoted = base.flatMap(b -> campaign(b, campaign.id()))
                    .filter(before -> before.stage() == Stage.EXPERIMENTAL && campaign.stage() == Stage.PRODUCTION)
                    .isPresent();
            if (promoted) {
                findings.add(promotion(campaign, gate, "mapping " + campaign.id(), stageOf(campaign)));
            } else if (campaign.stage() == Stage.EXPERIMENTAL && gate.isPresent()) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "promotion-gate",
                        campaign.id(),
                        "gate " + gate.get().evidence(),
                        Finding.locationOf(
                                campaign.file(),
                                campaign.locations().promoteWhen().orElseThrow())));
            }
        }
        base.ifPresent(b -> {
            for (Segment segment : project.segments()) {
                boolean promoted = b.segment(segment.id())
                        .filter(before -> before.stage() == Stage.EXPERIMENTAL && segment.stage() == Stage.PRODUCTION)
                        .isPresent();
                if (promoted) {
                    findings.add(segmentPromotion(project, segment, gates));
                }
            }
        });
        return findings;
    }

    /** A promoted segment is backed by the best of the mappings that feed it: a passing gate, else an override. */
    private static Finding segmentPromotion(
            ResolvedProject project, Segment segment, Map<String, PromotionGate> gates) {
        List<Campaign> feeding = project.campaigns().stream()
                .filter(c -> c.segments().contains(segment.id()))
                .toList();
        Optional<Campaign> backing = feeding.stream()
                .filter(c -> gates.containsKey(c.id()) && gates.get(c.id()).passes())
                .findFirst()
                .or(() -> feeding.stream()
                        .filter(c -> c.promotionOverride().isPresent())
                        .findFirst())
                .or(() ->
                        feeding.stream().filter(c -> gates.containsKey(c.id())).findFirst());
        String where = Finding.locationOf(segment.file(), segment.definedAt());
        if (backing.isEmpty()) {
            return new Finding(
                    Severity.ERROR,
                    "promotion-without-evidence",
                    segment.id(),
                    "segment " + segment.id() + " becomes production, but no mapping of it declares promote_when: "
                            + "an experiment must decide (or a mapping of it carries a reviewed promotion_override)",
                    where);
        }
        Campaign campaign = backing.get();
        return promotion(campaign, Optional.ofNullable(gates.get(campaign.id())), "segment " + segment.id(), where);
    }

    private static Finding promotion(Campaign campaign, Optional<PromotionGate> gate, String what, String where) {
        if (gate.isPresent() && gate.get().passes()) {
            return new Finding(
                    Severity.WARNING,
                    "promotion-gate",
                    campaign.id(),
                    what + " becomes production on evidence: gate " + gate.get().evidence(),
                    where);
        }
        String evidence = gate.map(g -> "gate " + g.evidence()).orElse("no promote_when declared");
        if (campaign.promotionOverride().isPresent()) {
            Campaign.PromotionOverride override = campaign.promotionOverride().get();
            return new Finding(
                    Severity.WARNING,
                    "promotion-override",
                    campaign.id(),
                    what + " becomes production without a passing gate (" + evidence + "); override reviewed by "
                            + override.reviewedBy() + ": " + override.reason(),
                    Finding.locationOf(
                            campaign.file(),
                            campaign.locations().promotionOverride().orElseThrow()));
        }
        return new Finding(
                Severity.ERROR,
                "promotion-without-evidence",
                campaign.id(),
                what + " becomes production, but " + evidence
                        + "; keep it experimental until the experiment decides, or add promotion_override"
                        + " {reviewed_by, reason} to " + campaign.id(),
                where);
    }

    private static Optional<Campaign> campaign(ResolvedProject project, String id) {
        return project.campaigns().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    private static String stageOf(Campaign campaign) {
        return Finding.locationOf(campaign.file(), campaign.locations().stage());
    }
}

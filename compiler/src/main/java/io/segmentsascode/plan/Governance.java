package io.segmentsascode.plan;

import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.Stage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The article's governance made checkable. Rules on the definitions can be errors; rules on
 * sample figures (audience size, overlap) are warnings, since the real audience may differ.
 */
public final class Governance {

    /** Experimental mappings test on a small slice of budget. */
    public static final double EXPERIMENT_MIN_SHARE = 0.05;
    public static final double EXPERIMENT_MAX_SHARE = 0.10;
    /** Google publishes no exact minimum; ~1,000 matched members is common guidance for Search/YouTube. */
    public static final long DEFAULT_MIN_AUDIENCE = 1_000;

    private Governance() {
    }

    /** {@code campaigns/cmp_x.yaml}: the same in every checkout, so plans stay byte-identical. */
    private static String projectRelative(java.nio.file.Path file) {
        java.nio.file.Path folder = file.toAbsolutePath().getParent().getFileName();
        return (folder == null ? "" : folder + "/") + file.getFileName();
    }

    public static List<Finding> check(ResolvedProject project, Map<String, Long> audienceMembers, List<Overlap> overlaps,
            List<String> skippedFamilies, long minAudience) {
        List<Finding> findings = new ArrayList<>();
        Map<String, Double> shareByCustomer = new TreeMap<>();
        Map<String, List<String>> campaignsByCustomer = new TreeMap<>();
        for (Campaign campaign : project.campaigns()) {
            String where = projectRelative(campaign.file());
            if (campaign.stage() == Stage.RETIRED) {
                continue;
            }
            campaign.budgetShare().ifPresent(share -> {
                shareByCustomer.merge(campaign.customerId(), share, Double::sum);
                campaignsByCustomer.computeIfAbsent(campaign.customerId(), c -> new ArrayList<>()).add(campaign.id());
            });
            if (campaign.stage() == Stage.EXPERIMENTAL) {
                if (campaign.budgetShare().isEmpty()) {
                    findings.add(new Finding(Finding.WARNING, "experiment-budget", campaign.id(),
                            "experimental mapping declares no budget_share; experiments should hold 5-10% of budget", where));
                } else if (campaign.budgetShare().getAsDouble() < EXPERIMENT_MIN_SHARE
                        || campaign.budgetShare().getAsDouble() > EXPERIMENT_MAX_SHARE) {
                    findings.add(new Finding(Finding.WARNING, "experiment-budget", campaign.id(), String.format(Locale.ROOT,
                            "experimental mapping holds %.0f%% of budget; experiments should hold 5-10%%",
                            campaign.budgetShare().getAsDouble() * 100), where));
                }
                campaign.promoteWhen().ifPresent(p -> findings.add(new Finding(Finding.WARNING, "promotion-evidence",
                        campaign.id(), "promotion on " + p.experiment() + " (" + p.metric() + " uplift >= "
                                + p.minUplift() + " at " + p.confidence() + " confidence) is not evaluated yet: "
                                + "the mapping stays experimental until experiment evidence is checked", where)));
            }
            for (String segmentId : campaign.segments()) {
                Segment segment = project.segment(segmentId).orElseThrow();
                if (segment.stage() == Stage.RETIRED) {
                    findings.add(new Finding(Finding.ERROR, "retired-segment-mapped", campaign.id(), "maps retired segment "
                            + segmentId + "; remove it from the mapping or bring the segment back", where));
                } else if (campaign.stage() == Stage.PRODUCTION && segment.stage() == Stage.EXPERIMENTAL) {
                    findings.add(new Finding(Finding.WARNING, "experimental-segment-in-production", campaign.id(),
                            "production mapping uses experimental segment " + segmentId, where));
                }
            }
            Long members = audienceMembers.get(campaign.id());
            if (members != null && members < minAudience) {
                findings.add(new Finding(Finding.WARNING, "audience-too-small", campaign.id(), String.format(Locale.ROOT,
                        "%,d members on the sample, below %,d: Customer Match lists this small may not serve "
                                + "(match rates are reported only in buckets)", members, minAudience), where));
            }
        }
        shareByCustomer.forEach((customer, total) -> {
            if (total > 1.0 + 1e-9) {
                findings.add(new Finding(Finding.ERROR, "budget-over-100", customer, String.format(Locale.ROOT,
                        "budget shares of Google Ads customer %s add up to %.0f%% (%s); lower them to 100%% or less",
                        customer, total * 100, String.join(", ", campaignsByCustomer.get(customer))), ""));
            }
        });
        for (Overlap overlap : overlaps) {
            if (overlap.flagged()) {
                findings.add(new Finding(Finding.WARNING, "overlap", overlap.a() + " ~ " + overlap.b(), String.format(
                        Locale.ROOT, "Jaccard overlap %.2f on the sample (%s): the audiences largely coincide",
                        overlap.jaccard(), overlap.sharedBy()), ""));
            }
        }
        for (String family : skippedFamilies) {
            findings.add(new Finding(Finding.WARNING, "overlap-not-computed", "family " + family, "more than "
                    + ImpactAnalyzer.MAX_FAMILY_FOR_PAIRS + " segments: overlap is computed within campaign mappings only", ""));
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::code).thenComparing(Finding::subject)
                .thenComparing(Finding::message));
        return findings;
    }
}

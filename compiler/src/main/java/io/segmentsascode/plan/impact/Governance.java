package io.segmentsascode.plan.impact;

import io.segmentsascode.diagnostics.Severity;
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
    /**
     * Google serves a Customer Match list only from this many members (Data Manager and Google Ads docs); below it
     * the plan says so whatever {@code segments.minAudience} is set to.
     */
    public static final long SERVING_MINIMUM = 100;

    private Governance() {}

    public static List<Finding> check(
            ResolvedProject project,
            Map<String, Long> audienceMembers,
            List<Overlap> overlaps,
            List<String> skippedFamilies,
            long minAudience) {
        List<Finding> findings = new ArrayList<>();
        Map<String, List<Campaign>> fundedByCustomer = new TreeMap<>();
        for (Campaign campaign : project.campaigns()) {
            if (campaign.stage() == Stage.RETIRED) {
                continue;
            }
            Campaign.Locations at = campaign.locations();
            if (campaign.budgetShare().isPresent()) {
                fundedByCustomer
                        .computeIfAbsent(campaign.customerId(), c -> new ArrayList<>())
                        .add(campaign);
            }
            if (campaign.stage() == Stage.EXPERIMENTAL) {
                if (campaign.budgetShare().isEmpty()) {
                    findings.add(new Finding(
                            Severity.WARNING,
                            "experiment-budget",
                            campaign.id(),
                            "experimental mapping declares no budget_share; experiments should hold 5-10% of budget",
                            Finding.locationOf(campaign.file(), at.stage())));
                } else if (campaign.budgetShare().getAsDouble() < EXPERIMENT_MIN_SHARE
                        || campaign.budgetShare().getAsDouble() > EXPERIMENT_MAX_SHARE) {
                    findings.add(new Finding(
                            Severity.WARNING,
                            "experiment-budget",
                            campaign.id(),
                            String.format(
                                    Locale.ROOT,
                                    "experimental mapping holds %.0f%% of budget; experiments should hold 5-10%%",
                                    campaign.budgetShare().getAsDouble() * 100),
                            Finding.locationOf(campaign.file(), at.budgetShare().orElseThrow())));
                }
            }
            for (String segmentId : campaign.segments()) {
                Segment segment = project.segment(segmentId).orElseThrow();
                String where =
                        Finding.locationOf(campaign.file(), at.segmentIds().get(segmentId));
                if (segment.stage() == Stage.RETIRED) {
                    findings.add(new Finding(
                            Severity.ERROR,
                            "retired-segment-mapped",
                            campaign.id(),
                            "maps retired segment " + segmentId
                                    + "; remove it from the mapping or bring the segment back",
                            where));
                } else if (campaign.stage() == Stage.PRODUCTION && segment.stage() == Stage.EXPERIMENTAL) {
                    findings.add(new Finding(
                            Severity.WARNING,
                            "experimental-segment-in-production",
                            campaign.id(),
                            "production mapping uses experimental segment " + segmentId,
                            where));
                }
            }
            Long members = audienceMembers.get(campaign.id());
            if (members != null && members < SERVING_MINIMUM) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "audience-below-serving-minimum",
                        campaign.id(),
                        String.format(
                                Locale.ROOT,
                                "%,d members on the sample, below %,d: Google serves no Customer Match list with"
                                        + " fewer than %,d matched members",
                                members,
                                SERVING_MINIMUM,
                                SERVING_MINIMUM),
                        Finding.locationOf(campaign.file(), at.segments())));
            } else if (members != null && members < minAudience) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "audience-too-small",
                        campaign.id(),
                        String.format(
                                Locale.ROOT,
                                "%,d members on the sample, below %,d: Customer Match lists this small may not serve "
                                        + "(match rates are reported only in buckets)",
                                members,
                                minAudience),
                        Finding.locationOf(campaign.file(), at.segments())));
            }
        }
        fundedByCustomer.forEach((customer, funded) -> {
            double total = funded.stream()
                    .mapToDouble(c -> c.budgetShare().getAsDouble())
                    .sum();
            if (total > 1.0 + 1e-9) {
                findings.add(budgetOver100(customer, funded, total));
            }
        });
        for (Overlap overlap : overlaps) {
            if (overlap.flagged()) {
                // at the first segment's definition: narrowing either one is the fix, the finding names both
                String where = project.segment(overlap.a())
                        .map(s -> Finding.locationOf(s.file(), s.definedAt()))
                        .orElse("");
                findings.add(new Finding(
                        Severity.WARNING,
                        "overlap",
                        overlap.a() + " ~ " + overlap.b(),
                        String.format(
                                Locale.ROOT,
                                "Jaccard overlap %.2f on the sample (%s): the audiences largely coincide",
                                overlap.jaccard(),
                                overlap.sharedBy()),
                        where));
            }
        }
        for (String family : skippedFamilies) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "overlap-not-computed",
                    "family " + family,
                    "more than " + ImpactAnalyzer.MAX_FAMILY_FOR_PAIRS
                            + " segments: overlap is computed within campaign mappings only",
                    ""));
        }
        findings.sort(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::code)
                .thenComparing(Finding::subject)
                .thenComparing(Finding::message));
        return findings;
    }

    /**
     * One finding per customer, located at the {@code budget_share:} of its largest share (the
     * likeliest to lower); the message lists every mapping's share and where it is written.
     */
    private static Finding budgetOver100(String customer, List<Campaign> funded, double total) {
        Campaign largest = funded.stream()
                .max(Comparator.comparingDouble((Campaign c) -> c.budgetShare().getAsDouble())
                        .thenComparing(Campaign::id, Comparator.reverseOrder()))
                .orElseThrow();
        List<String> shares = funded.stream()
                .sorted(Comparator.comparing(Campaign::id))
                .map(c -> String.format(
                        Locale.ROOT, "%s %.0f%% at %s", c.id(), c.budgetShare().getAsDouble() * 100, shareLocation(c)))
                .toList();
        return new Finding(
                Severity.ERROR,
                "budget-over-100",
                customer,
                String.format(
                        Locale.ROOT,
                        "budget shares of Google Ads customer %s add up to %.0f%% (%s); lower them to 100%% or less",
                        customer,
                        total * 100,
                        String.join(", ", shares)),
                shareLocation(largest));
    }

    private static String shareLocation(Campaign campaign) {
        return Finding.locationOf(
                campaign.file(), campaign.locations().budgetShare().orElseThrow());
    }
}

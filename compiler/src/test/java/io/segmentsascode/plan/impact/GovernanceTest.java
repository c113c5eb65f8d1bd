package io.segmentsascode.plan.impact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.report.PlanJson;
import io.segmentsascode.plan.report.PlanMarkdown;
import io.segmentsascode.plan.report.PlanText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each governance rule on a project written to disk, so a finding's location is checked against
 * the line and column its key really has in the file.
 */
class GovernanceTest {

    private static final long MIN_AUDIENCE = 1_000;

    @TempDir
    Path project;

    @BeforeEach
    void warehouse() throws Exception {
        Files.createDirectories(project.resolve("segments"));
        Files.createDirectories(project.resolve("campaigns"));
        Files.copy(Path.of("..", "segments", "warehouse.yaml"), project.resolve("segments/warehouse.yaml"));
        segment("seg_rfm_live", "production");
        segment("seg_rfm_trial", "experimental");
        segment("seg_rfm_old", "retired");
    }

    /** An RFM segment; its {@code rfm:} key is at 7:1. */
    private void segment(String id, String stage) throws Exception {
        Files.writeString(project.resolve("segments/" + id + ".yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: %s
                description: Test segment.
                owner: qa@example.com
                stage: %s
                refresh: daily
                rfm:
                  select: [champions]
                """.formatted(id, stage));
    }

    /**
     * A mapping with {@code segments:} at 5:1 (the first id at 5:12), {@code stage:} at 7:1, then
     * {@code extra} lines from 8 on ({@code budget_share:} first where given).
     */
    private void campaign(String id, String stage, String customer, String segments, String extra) throws Exception {
        Files.writeString(
                project.resolve("campaigns/" + id + ".yaml"), """
                # yaml-language-server: $schema=../schemas/campaign-v1.json
                id: %s
                description: Test campaign.
                owner: qa@example.com
                segments: [%s]
                google_ads: {customer_id: "%s", membership_days: 30}
                stage: %s
                %s
                """.formatted(id, segments, customer, stage, extra));
    }

    private ResolvedProject resolved() {
        return new Stages().check(project.resolve("segments"), project.resolve("campaigns"));
    }

    private static List<String> described(List<Finding> findings) {
        return findings.stream()
                .map(f -> f.severity().label() + " " + f.code() + " " + f.subject() + " @ " + f.location())
                .toList();
    }

    @Test
    void everyRuleGivesItsSeverityAtTheKeyItJudges() throws Exception {
        campaign("cmp_main", "production", "111-111-1111", "seg_rfm_live, seg_rfm_trial", "budget_share: 0.6");
        campaign("cmp_more", "production", "111-111-1111", "seg_rfm_live", "budget_share: 0.5");
        campaign("cmp_legacy", "production", "222-222-2222", "seg_rfm_live, seg_rfm_old", "");
        campaign("cmp_test_big", "experimental", "222-222-2222", "seg_rfm_trial", """
                budget_share: 0.2
                promote_when: {experiment: exp_big, metric: conversion_rate, min_uplift: 0.05, confidence: 0.95}""");
        campaign("cmp_test_unfunded", "experimental", "222-222-2222", "seg_rfm_trial", "");
        List<Overlap> overlaps = List.of(
                new Overlap("seg_rfm_live", "seg_rfm_trial", "campaign cmp_main", 80, 100, 0.8, true),
                new Overlap("seg_rfm_live", "seg_rfm_old", "family rfm", 10, 100, 0.1, false));

        List<Finding> findings = Governance.check(
                resolved(), Map.of("cmp_main", 999L, "cmp_more", 1_000L), overlaps, List.of("rfm"), MIN_AUDIENCE);

        assertEquals(
                List.of(
                        "error budget-over-100 111-111-1111 @ campaigns/cmp_main.yaml:8:1",
                        "error retired-segment-mapped cmp_legacy @ campaigns/cmp_legacy.yaml:5:26",
                        "warning audience-too-small cmp_main @ campaigns/cmp_main.yaml:5:1",
                        "warning experiment-budget cmp_test_big @ campaigns/cmp_test_big.yaml:8:1",
                        "warning experiment-budget cmp_test_unfunded @ campaigns/cmp_test_unfunded.yaml:7:1",
                        "warning experimental-segment-in-production cmp_main @ campaigns/cmp_main.yaml:5:26",
                        "warning overlap seg_rfm_live ~ seg_rfm_trial @ segments/seg_rfm_live.yaml:7:1",
                        "warning overlap-not-computed family rfm @ "),
                described(findings));
    }

    @Test
    void sharesOverOneHundredPercentPointAtTheLargestAndListEveryShareWithItsPlace() throws Exception {
        campaign("cmp_a", "production", "111-111-1111", "seg_rfm_live", "budget_share: 0.3");
        campaign("cmp_b", "production", "111-111-1111", "seg_rfm_live", "budget_share: 0.45");
        campaign("cmp_c", "experimental", "111-111-1111", "seg_rfm_live", "budget_share: 0.3");

        Finding finding = Governance.check(resolved(), Map.of(), List.of(), List.of(), MIN_AUDIENCE).stream()
                .filter(Finding::isError)
                .findFirst()
                .orElseThrow();

        assertEquals("campaigns/cmp_b.yaml:8:1", finding.location());
        assertEquals(
                "budget shares of Google Ads customer 111-111-1111 add up to 105% (cmp_a 30% at "
                        + "campaigns/cmp_a.yaml:8:1, cmp_b 45% at campaigns/cmp_b.yaml:8:1, cmp_c 30% at campaigns/cmp_c.yaml:8:1); "
                        + "lower them to 100% or less",
                finding.message());
    }

    @Test
    void theEdgesOfEachRuleAndRetiredMappingsGiveNoFinding() throws Exception {
        campaign("cmp_full", "production", "111-111-1111", "seg_rfm_live", "budget_share: 0.95");
        campaign("cmp_test_low", "experimental", "111-111-1111", "seg_rfm_trial", "budget_share: 0.05");
        campaign("cmp_test_high", "experimental", "222-222-2222", "seg_rfm_trial", "budget_share: 0.10");
        // retired: neither its share nor its retired segment counts any more
        campaign("cmp_sunset", "retired", "111-111-1111", "seg_rfm_old", "budget_share: 0.9");
        List<Overlap> belowThreshold =
                List.of(new Overlap("seg_rfm_live", "seg_rfm_trial", "family rfm", 1, 2, 0.5, false));

        List<Finding> findings =
                Governance.check(resolved(), Map.of("cmp_full", MIN_AUDIENCE), belowThreshold, List.of(), MIN_AUDIENCE);

        assertEquals(
                List.of(),
                described(findings),
                "shares of exactly 100%, experiments of 5% and 10%, audiences of the minimum, overlaps below the threshold");
    }

    @Test
    void sharesJustOverOneHundredPercentFailAndEachCustomerIsSummedAlone() throws Exception {
        campaign("cmp_a", "production", "111-111-1111", "seg_rfm_live", "budget_share: 0.51");
        campaign("cmp_b", "production", "111-111-1111", "seg_rfm_live", "budget_share: 0.5");
        campaign("cmp_c", "production", "222-222-2222", "seg_rfm_live", "budget_share: 0.6");
        campaign("cmp_d", "production", "333-333-3333", "seg_rfm_live", "budget_share: 0.6");

        List<Finding> findings = Governance.check(resolved(), Map.of(), List.of(), List.of(), MIN_AUDIENCE);

        assertEquals(
                List.of("error budget-over-100 111-111-1111 @ campaigns/cmp_a.yaml:8:1"),
                described(findings),
                "101% for one customer fails; 60% for each of two customers does not add up");
        assertTrue(
                findings.get(0).message().contains("add up to 101%"),
                findings.get(0).message());
    }

    @Test
    void experimentsJustOutsideFiveToTenPercentWarn() throws Exception {
        campaign("cmp_test_low", "experimental", "111-111-1111", "seg_rfm_trial", "budget_share: 0.04");
        campaign("cmp_test_high", "experimental", "222-222-2222", "seg_rfm_trial", "budget_share: 0.11");

        List<Finding> findings = Governance.check(resolved(), Map.of(), List.of(), List.of(), MIN_AUDIENCE);

        assertEquals(
                List.of(
                        "warning experiment-budget cmp_test_high @ campaigns/cmp_test_high.yaml:8:1",
                        "warning experiment-budget cmp_test_low @ campaigns/cmp_test_low.yaml:8:1"),
                described(findings));
        assertEquals(
                List.of(
                        "experimental mapping holds 11% of budget; experiments should hold 5-10%",
                        "experimental mapping holds 4% of budget; experiments should hold 5-10%"),
                findings.stream().map(Finding::message).toList());
    }

    @Test
    void belowGooglesServingMinimumTheWarningSaysTheListWillNotServeWhateverTheConfiguredMinimum() throws Exception {
        campaign("cmp_tiny", "production", "111-111-1111", "seg_rfm_live", "");
        campaign("cmp_edge", "production", "222-222-2222", "seg_rfm_live", "");

        List<Finding> findings =
                Governance.check(resolved(), Map.of("cmp_tiny", 99L, "cmp_edge", 100L), List.of(), List.of(), 10);

        assertEquals(
                List.of("warning audience-below-serving-minimum cmp_tiny @ campaigns/cmp_tiny.yaml:5:1"),
                described(findings));
        assertTrue(
                findings.get(0).message().contains("fewer than 100 matched members"),
                findings.get(0).message());
        assertEquals(
                List.of("audience-below-serving-minimum"),
                Governance.check(resolved(), Map.of("cmp_tiny", 99L), List.of(), List.of(), 1_000).stream()
                        .map(Finding::code)
                        .toList(),
                "one warning, not the configured minimum's as well");
    }

    @Test
    void theMinimumAudienceIsTheOneConfiguredAndItsEdgeDoesNotWarn() throws Exception {
        campaign("cmp_small", "production", "111-111-1111", "seg_rfm_live", "");
        campaign("cmp_enough", "production", "222-222-2222", "seg_rfm_live", "");

        List<Finding> findings = Governance.check(
                resolved(), Map.of("cmp_small", 4_999L, "cmp_enough", 5_000L), List.of(), List.of(), 5_000);

        assertEquals(
                List.of("warning audience-too-small cmp_small @ campaigns/cmp_small.yaml:5:1"), described(findings));
        assertTrue(
                findings.get(0).message().startsWith("4,999 members on the sample, below 5,000: "),
                findings.get(0).message());
    }

    @Test
    void experimentalSegmentsBelongInExperimentalMappings() throws Exception {
        campaign("cmp_test", "experimental", "111-111-1111", "seg_rfm_trial", "budget_share: 0.05");
        campaign("cmp_live", "production", "222-222-2222", "seg_rfm_live", "");

        assertEquals(List.of(), described(Governance.check(resolved(), Map.of(), List.of(), List.of(), MIN_AUDIENCE)));
    }

    @Test
    void onlyErrorsFailThePlan() throws Exception {
        campaign("cmp_main", "production", "111-111-1111", "seg_rfm_trial", "");
        List<Finding> warnings =
                Governance.check(resolved(), Map.of("cmp_main", 1L), List.of(), List.of("rfm"), MIN_AUDIENCE);
        campaign("cmp_legacy", "production", "222-222-2222", "seg_rfm_old", "");
        List<Finding> withError =
                Governance.check(resolved(), Map.of("cmp_main", 1L), List.of(), List.of("rfm"), MIN_AUDIENCE);

        assertEquals(3, warnings.size(), described(warnings).toString());
        assertFalse(planWith(warnings).hasErrors(), "warnings come from sample figures and never fail a plan");
        assertTrue(planWith(withError).hasErrors());
        assertEquals(Severity.ERROR, withError.get(0).severity(), "errors are listed first");
    }

    private static Plan planWith(List<Finding> findings) {
        return new Plan(
                Plan.FORMAT_VERSION,
                "local",
                "0123456789abcdef",
                "2026-10-31T00:00:00Z",
                "sample",
                Map.of(),
                List.of(),
                List.of(),
                List.of(),
                0.5,
                findings,
                null);
    }

    @Test
    void aFindingsLocationIsShownWhereverThePlanIsPrinted() throws Exception {
        campaign("cmp_legacy", "production", "222-222-2222", "seg_rfm_live, seg_rfm_old", "");
        List<Finding> findings = Governance.check(resolved(), Map.of(), List.of(), List.of(), MIN_AUDIENCE);
        Plan plan = new Plan(
                Plan.FORMAT_VERSION,
                "local",
                "0123456789abcdef",
                "2026-10-31T00:00:00Z",
                "sample",
                Map.of(
                        "create",
                        0,
                        "update",
                        0,
                        "repair",
                        0,
                        "delete",
                        0,
                        "keep",
                        0,
                        "unchanged",
                        0,
                        "unmanaged",
                        0,
                        "errors",
                        1,
                        "warnings",
                        0),
                List.of(),
                List.of(),
                List.of(),
                0.5,
                findings,
                null);

        assertTrue(
                PlanText.lines(plan)
                        .contains(
                                "  error [retired-segment-mapped] cmp_legacy: maps retired segment "
                                        + "seg_rfm_old; remove it from the mapping or bring the segment back (campaigns/cmp_legacy.yaml:5:26)"),
                String.join("\n", PlanText.lines(plan)));
        assertTrue(PlanMarkdown.render(plan).contains("(`campaigns/cmp_legacy.yaml:5:26`)"), PlanMarkdown.render(plan));
        assertTrue(
                PlanJson.render(plan).contains("\"location\" : \"campaigns/cmp_legacy.yaml:5:26\""),
                PlanJson.render(plan));
        assertTrue(
                new PlanException(findings)
                        .diagnostics()
                        .get(0)
                        .format()
                        .startsWith(
                                "campaigns/cmp_legacy.yaml:5:26: error: [retired-segment-mapped] maps retired segment seg_rfm_old"));
    }
}

package io.segmentsascode.plan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.Stage;
import io.segmentsascode.plan.AudienceStatus;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.SyncAge;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.plan.review.OverlapChange;
import io.segmentsascode.plan.review.SegmentDiff;
import io.segmentsascode.plan.review.SegmentDiff.Status;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PlanHtmlTest {

    static final String HOSTILE = "<script>alert(1)</script> & co";
    static final String HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co";

    // ------------------------------------------------------------ determinism

    @Test
    void samePlanGivesByteIdenticalPages() {
        assertEquals(PlanHtml.render(samplePlan()), PlanHtml.render(samplePlan()));
    }

    @Test
    void renderSortsSoListOrderDoesNotMatter() {
        Plan sorted = samplePlan();
        Plan shuffled = reordered(sorted);
        assertNotEquals(sorted.segments(), shuffled.segments(), "the shuffled plan must really be in another order");
        assertNotEquals(sorted.overlaps(), shuffled.overlaps());
        assertNotEquals(sorted.findings(), shuffled.findings());
        assertEquals(PlanHtml.render(sorted), PlanHtml.render(shuffled));
    }

    @Test
    void barsAreInIdOrderAndErrorsComeFirst() {
        String html = PlanHtml.render(reordered(samplePlan()));
        List<String> bars = attributeValues(html, "<rect class=\"bar\" data-segment=\"([^\"]*)\"");
        List<String> expected = new ArrayList<>(bars);
        Collections.sort(expected);
        assertEquals(expected, bars);
        assertTrue(html.indexOf("class=\"finding error\"") < html.indexOf("class=\"finding warning\""));
    }

    @Test
    void outputDoesNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            String german = PlanHtml.render(samplePlan());
            Locale.setDefault(Locale.ROOT);
            assertEquals(PlanHtml.render(samplePlan()), german);
            assertTrue(german.contains(">2,357<"), "thousands separator is a comma whatever the locale");
            assertTrue(german.contains(">0.82</text>"), "decimal point is a dot whatever the locale");
        } finally {
            Locale.setDefault(before);
        }
    }

    // ------------------------------------------------------------ escaping

    @Test
    void everythingFromThePlanIsEscaped() {
        SegmentImpact segment = new SegmentImpact(HOSTILE, HOSTILE, Stage.PRODUCTION, 10, 8L, Map.of(HOSTILE, 10L));
        SegmentImpact other = new SegmentImpact("seg_b", "rfm", Stage.PRODUCTION, 20, null, Map.of());
        Plan plan = new Plan(
                1,
                HOSTILE,
                "abc" + HOSTILE,
                HOSTILE,
                HOSTILE,
                Map.of("create", 1),
                List.of(new PlannedChange(
                        ResourceKind.SEGMENT_TABLE, HOSTILE, Action.CREATE, "+", null, HOSTILE, HOSTILE)),
                List.of(segment, other),
                List.of(new Overlap(HOSTILE, "seg_b", HOSTILE, 5, 25, 0.2, false)),
                0.6,
                List.of(new Finding(Severity.ERROR, HOSTILE, HOSTILE, HOSTILE, HOSTILE)),
                new BaseDiff(
                        HOSTILE,
                        HOSTILE,
                        List.of(new SegmentDiff(
                                HOSTILE,
                                Status.CHANGED,
                                HOSTILE,
                                HOSTILE,
                                "--- a/x.sql\n+++ b/x.sql\n@@ -1 +1 @@\n-SELECT '" + HOSTILE + "'\n+SELECT 1 & 2\n")),
                        List.of(HOSTILE),
                        List.of(),
                        List.of(),
                        false));
        String html = PlanHtml.render(plan);

        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("alert(1)</"));
        assertTrue(count(html, HOSTILE_ESCAPED) >= 15, "every field shows escaped: " + count(html, HOSTILE_ESCAPED));
        assertTrue(html.contains("<span class=\"d-del\">-SELECT &#39;" + HOSTILE_ESCAPED + "&#39;\n</span>"));
        assertTrue(html.contains("<span class=\"d-add\">+SELECT 1 &amp; 2\n</span>"));
        Matcher bareAmpersand = Pattern.compile("&(?!(amp|lt|gt|quot|#39|middot|rarr|mdash|minus|hellip|cap|cup|ge);)")
                .matcher(html);
        assertFalse(
                bareAmpersand.find(),
                () -> "unescaped & near: "
                        + html.substring(Math.max(0, bareAmpersand.start() - 40), bareAmpersand.start() + 40));
    }

    // ------------------------------------------------------------ content

    @Test
    void oneBarPerSegmentWithItsMemberCountAndTheChangeVsBase() {
        Plan plan = samplePlan();
        String html = PlanHtml.render(plan);
        assertEquals(plan.segments().size(), count(html, "<rect class=\"bar\""));
        for (SegmentImpact segment : plan.segments()) {
            Matcher bar = Pattern.compile("<rect class=\"bar\" data-segment=\"" + segment.id()
                            + "\"[^>]* width=\"([0-9.]+)\"[^>]*><title>[^<]*</title></rect>\n(?:<line [^>]*/>\n)?"
                            + "<text class=\"value\"[^>]*>([0-9,]+)")
                    .matcher(html);
            assertTrue(bar.find(), segment.id());
            assertEquals(String.format(Locale.ROOT, "%,d", segment.members()), bar.group(2));
            assertTrue(Double.parseDouble(bar.group(1)) > 0);
        }
        assertTrue(html.contains("<tspan class=\"up\" dx=\"7\">+12</tspan>"), "loyal grew by 12 since base");
        assertTrue(html.contains("<tspan class=\"down\" dx=\"7\">\u221230</tspan>"), "at risk shrank by 30");
        assertTrue(html.contains("<tspan class=\"same\" dx=\"7\">\u00b10</tspan>"), "champions did not move");
        assertEquals(
                plan.segments().stream().filter(s -> s.baseMembers() != null).count(),
                count(html, "<line class=\"base-mark\""),
                "a base marker only where base members are known");
        assertEquals(8, count(html, "<line class=\"base-mark\""));
    }

    @Test
    void barLengthsAreProportionalToMembers() {
        String html = PlanHtml.render(samplePlan());
        double champions = barWidth(html, "seg_rfm_champions");
        double loyal = barWidth(html, "seg_rfm_loyal");
        assertEquals(1_204.0 / 2_357.0, loyal / champions, 0.002);
    }

    @Test
    void rfmLabelsGetOneStackPerLabelledSegmentAndStableColours() {
        Plan plan = samplePlan();
        String html = PlanHtml.render(plan);
        long labelled =
                plan.segments().stream().filter(s -> !s.labels().isEmpty()).count();
        assertEquals(labelled, count(html, "<g class=\"stack\""));
        // legend in sorted order, the fallback label last and grey
        assertTrue(html.contains("<li><span class=\"swatch\" style=\"background:#4e79a7\"></span>at_risk</li>"));
        assertTrue(html.contains("<li><span class=\"swatch\" style=\"background:#bab0ac\"></span>other</li></ul>"));
        assertEquals(1, count(html, "<ul class=\"legend\">"));
    }

    @Test
    void flaggedOverlapCellsAreOutlined() {
        Plan plan = samplePlan();
        String html = PlanHtml.render(plan);
        long flagged = plan.overlaps().stream().filter(Overlap::flagged).count();
        assertTrue(flagged >= 2);
        assertEquals(flagged, count(html, "<rect class=\"cell flagged\""));
        assertEquals(flagged, count(html, "<rect class=\"flag-ring\""));
        assertEquals(
                plan.overlaps().size(), count(html, "<rect class=\"cell") - count(html, "<rect class=\"cell none\""));
        assertTrue(Pattern.compile(
                        "<rect class=\"cell flagged\"[^>]*><title>seg_rfm_champions ~ seg_rfm_champions_search_high: "
                                + "Jaccard 0.82")
                .matcher(html)
                .find());
        assertTrue(Pattern.compile("<rect class=\"cell\"[^>]*><title>seg_rfm_at_risk ~ seg_rfm_loyal: Jaccard 0.12")
                .matcher(html)
                .find());
        assertTrue(html.contains("<svg class=\"heat\""));
    }

    @Test
    void heatMapCellsDarkenWithJaccard() {
        String html = PlanHtml.render(samplePlan());
        assertTrue(luminance(cellFill(html, "0.82")) < luminance(cellFill(html, "0.12")));
    }

    @Test
    void heatMapBecomesATableAboveThirtySegments() {
        String thirty = PlanHtml.render(planWithOverlapChain(30));
        assertTrue(thirty.contains("<svg class=\"heat\""));
        assertFalse(thirty.contains("class=\"pairs top-pairs\""));

        String html = PlanHtml.render(planWithOverlapChain(31));
        assertFalse(html.contains("<svg class=\"heat\""));
        assertFalse(html.contains("class=\"cell"));
        int table = html.indexOf("<table class=\"pairs top-pairs\">");
        assertTrue(table > 0);
        String rows = html.substring(table, html.indexOf("</table>", table));
        assertEquals(40, count(rows, "<tr") - 1, "top 40 pairs plus the header row");
        List<Double> jaccards = attributeValues(rows, "<td class=\"jac\">(\\d\\.\\d\\d)").stream()
                .map(Double::valueOf)
                .toList();
        assertEquals(40, jaccards.size());
        assertEquals(0.99, jaccards.get(0));
        assertEquals(0.60, jaccards.get(39), 1e-9, "the 40 highest of 59 pairs");
        for (int i = 1; i < jaccards.size(); i++) {
            assertTrue(jaccards.get(i) <= jaccards.get(i - 1), "highest Jaccard first");
        }
        assertEquals(40, count(rows, "class=\"flagged\""), "all of the top 40 are at or above 0.60");
    }

    @Test
    void changesShowSymbolActionAndShortHashes() {
        String html = PlanHtml.render(samplePlan());
        assertTrue(html.contains("<tr class=\"a-update\"><td class=\"sym\">~</td><td class=\"kind\">segment table</td>"
                + "<td class=\"name\"><code>seg_rfm_at_risk_high_value</code></td><td class=\"action\">update</td>"
                + "<td class=\"reason\">SQL changed</td><td class=\"hash\"><code>3f1c2a9b7d04</code> &rarr; "
                + "<code>9e0b44c1aa52</code></td></tr>"));
        assertFalse(html.contains("3f1c2a9b7d04e"), "hashes shortened to 12 hex characters");
        assertTrue(html.contains("<details class=\"unchanged\"><summary>6 unchanged resources</summary>"));
        assertTrue(
                html.contains("<p class=\"status fail\">1 error: the plan fails governance checks &middot; "
                        + "4 changes to apply &middot; 1 warning</p>"),
                "keep does not count as a change to apply");
        assertTrue(html.contains("<li class=\"badge b-create\"><b>2</b> create</li>"));
        assertTrue(html.contains("<li class=\"badge b-delete zero\"><b>0</b> delete</li>"));
        assertTrue(html.contains("<code title=\"" + FINGERPRINT + "\">" + FINGERPRINT.substring(0, 12) + "</code>"));
    }

    @Test
    void reviewSectionOnlyWithABase() {
        Plan plan = samplePlan();
        String html = PlanHtml.render(plan);
        assertTrue(html.contains("<section id=\"review\">"));
        assertTrue(
                html.contains("<span class=\"st st-changed\">changed</span> <code>seg_rfm_at_risk_high_value</code>"));
        assertTrue(html.contains("<span class=\"d-del\">-  AND c.lifetime_value &gt;= 500\n</span>"
                + "<span class=\"d-add\">+  AND c.lifetime_value &gt;= 750\n</span>"));
        assertTrue(html.contains("<span class=\"stage\">stage experimental -&gt; production</span>"));

        Plan noBase = new Plan(
                plan.formatVersion(),
                plan.target(),
                plan.fingerprint(),
                plan.runTime(),
                plan.dataLabel(),
                plan.summary(),
                plan.changes(),
                plan.segments(),
                plan.overlaps(),
                plan.overlapThreshold(),
                plan.findings(),
                null);
        String without = PlanHtml.render(noBase);
        assertFalse(without.contains("id=\"review\""));
        assertFalse(without.contains("<details class=\"segdiff\""));
    }

    @Test
    void syncListsAndOverlapChangesAppearEscapedOnlyWhenThePlanHasThem() {
        Plan plan = samplePlan();
        String without = PlanHtml.render(plan);
        for (String id : List.of("sync", "lists", "overlap-changes")) {
            assertFalse(without.contains("<section id=\"" + id + "\">"), id);
        }

        Plan with = new Plan(
                        plan.formatVersion(),
                        plan.target(),
                        plan.fingerprint(),
                        plan.runTime(),
                        plan.dataLabel(),
                        plan.summary(),
                        plan.changes(),
                        plan.segments(),
                        plan.overlaps(),
                        plan.overlapThreshold(),
                        plan.findings(),
                        plan.base()
                                .withOverlapChanges(
                                        List.of(new OverlapChange("seg_a", "seg_b", HOSTILE, 0.42, 0.61, false, true))),
                        null,
                        null,
                        null,
                        null,
                        SyncAge.of(
                                Optional.of(Instant.parse("2025-01-01T00:00:00Z")),
                                Instant.parse("2025-01-06T00:00:00Z"),
                                Refresh.DAILY),
                        null)
                .withAudiences(List.of(new AudienceStatus(
                        HOSTILE,
                        "userLists/1",
                        "2025-01-05T03:00:00Z",
                        120,
                        "1 SUCCESS",
                        "20-30%",
                        40L,
                        120,
                        24L,
                        36L)));
        String html = PlanHtml.render(with);
        assertTrue(html.contains("<section id=\"sync\">"), html);
        assertTrue(
                html.contains(
                        "<section id=\"lists\">\n<h2>Lists in Google Ads</h2>\n<ul>\n<li>" + HOSTILE_ESCAPED + ": "),
                html);
        assertTrue(html.contains("<li>seg_a ~ seg_b (" + HOSTILE_ESCAPED + "): 0.42 → 0.61 ⚠, now over"), html);
        assertFalse(html.contains(HOSTILE));
    }

    @Test
    void everyFigureIsLabelledAsSample() {
        String html = PlanHtml.render(samplePlan());
        assertEquals(3, count(html, "<span class=\"sample\">sample figures</span>"), "sizes, labels, overlap");
        assertTrue(html.contains("<dt>sample data</dt><dd>sample-2024q4 (duckdb, 25,000 customers)</dd>"));
        assertTrue(html.contains("<code>2025-01-06T00:00:00Z</code>"));
    }

    @Test
    void pageIsSelfContained() {
        for (Plan plan : List.of(samplePlan(), planWithOverlapChain(31))) {
            String html = PlanHtml.render(plan);
            assertTrue(html.startsWith("<!DOCTYPE html>"));
            assertFalse(html.toLowerCase(Locale.ROOT).contains("<script"));
            assertFalse(html.contains("http://"));
            assertFalse(html.contains("https://"));
            assertFalse(html.contains("src="));
            assertFalse(html.contains("<link"));
            assertFalse(html.contains("@import"));
            assertFalse(html.contains("url("));
            assertFalse(Pattern.compile("<[^>]*\\son[a-z]+=").matcher(html).find(), "no inline event handlers");
        }
    }

    // ------------------------------------------------------------ fixtures

    static final String FINGERPRINT = "5d2f8e61b0c94a7731e6f0d2ab845c9e13f7a0d6b2c4e8f1a3b5c7d9e0f2a4b6";

    /** Realistic plan: nine segments, overlaps from 0.12 to 0.82, two findings, a base with SQL changes. */
    static Plan samplePlan() {
        List<SegmentImpact> segments = List.of(
                seg(
                        "seg_intent_premium_email_loyal",
                        "intent",
                        Stage.PRODUCTION,
                        412,
                        398L,
                        labels("champions", 160, "loyal", 201, "other", 51)),
                seg(
                        "seg_lifecycle_lapsed_email_openers",
                        "lifecycle",
                        Stage.PRODUCTION,
                        689,
                        689L,
                        labels("at_risk", 233, "hibernating", 301, "other", 155)),
                seg("seg_rfm_at_risk", "rfm", Stage.PRODUCTION, 977, 1_007L, labels("at_risk", 977)),
                seg("seg_rfm_at_risk_high_value", "rfm", Stage.PRODUCTION, 143, 201L, labels("at_risk", 143)),
                seg("seg_rfm_champions", "rfm", Stage.PRODUCTION, 2_357, 2_357L, labels("champions", 2_357)),
                seg("seg_rfm_champions_organic", "rfm", Stage.EXPERIMENTAL, 18, null, labels("champions", 18)),
                seg(
                        "seg_rfm_champions_search_high",
                        "rfm",
                        Stage.PRODUCTION,
                        1_931,
                        1_902L,
                        labels("champions", 1_931)),
                seg("seg_rfm_loyal", "rfm", Stage.PRODUCTION, 1_204, 1_192L, labels("loyal", 1_204)),
                seg(
                        "seg_rfm_new_high_potential",
                        "rfm",
                        Stage.EXPERIMENTAL,
                        264,
                        251L,
                        labels("new_high_potential", 199, "other", 65)));
        List<Overlap> overlaps = List.of(
                new Overlap(
                        "seg_rfm_champions",
                        "seg_rfm_champions_search_high",
                        "campaign cm_search_champions, family rfm",
                        1_931,
                        2_357,
                        0.8193,
                        true),
                new Overlap("seg_rfm_champions", "seg_rfm_champions_organic", "family rfm", 18, 2_357, 0.0076, false),
                new Overlap(
                        "seg_rfm_at_risk",
                        "seg_rfm_at_risk_high_value",
                        "campaign cm_winback, family rfm",
                        143,
                        977,
                        0.1464,
                        false),
                new Overlap("seg_rfm_at_risk", "seg_rfm_loyal", "family rfm", 236, 1_945, 0.1213, false),
                new Overlap(
                        "seg_intent_premium_email_loyal",
                        "seg_rfm_loyal",
                        "campaign cm_email_loyal",
                        355,
                        1_261,
                        0.2815,
                        false),
                new Overlap(
                        "seg_intent_premium_email_loyal",
                        "seg_rfm_champions",
                        "campaign cm_email_loyal",
                        160,
                        2_609,
                        0.0613,
                        false),
                new Overlap(
                        "seg_lifecycle_lapsed_email_openers",
                        "seg_rfm_at_risk",
                        "campaign cm_winback",
                        233,
                        1_433,
                        0.1626,
                        false),
                new Overlap(
                        "seg_rfm_champions_organic",
                        "seg_rfm_champions_search_high",
                        "family rfm",
                        16,
                        1_933,
                        0.0083,
                        false),
                new Overlap(
                        "seg_rfm_loyal",
                        "seg_rfm_new_high_potential",
                        "campaign cm_email_loyal",
                        1_012,
                        1_112,
                        0.9101,
                        true));
        List<PlannedChange> changes = List.of(
                change(
                        ResourceKind.SEGMENT_TABLE,
                        "seg_intent_premium_email_loyal",
                        Action.UNCHANGED,
                        "aa01",
                        "aa01",
                        ""),
                change(
                        ResourceKind.SEGMENT_TABLE,
                        "seg_lifecycle_lapsed_email_openers",
                        Action.UNCHANGED,
                        "bb02",
                        "bb02",
                        ""),
                change(
                        ResourceKind.SEGMENT_TABLE,
                        "seg_rfm_at_risk",
                        Action.REPAIR,
                        "c4d5e6f7a8b9c0d1",
                        "d1e2f3a4b5c6d7e8",
                        "table altered outside segments (labels differ)"),
                change(
                        ResourceKind.SEGMENT_TABLE,
                        "seg_rfm_at_risk_high_value",
                        Action.UPDATE,
                        "3f1c2a9b7d04e5f6",
                        "9e0b44c1aa52c3d4",
                        "SQL changed"),
                change(ResourceKind.SEGMENT_TABLE, "seg_rfm_champions", Action.UNCHANGED, "dd04", "dd04", ""),
                change(
                        ResourceKind.SEGMENT_TABLE,
                        "seg_rfm_champions_organic",
                        Action.CREATE,
                        null,
                        "7a6b5c4d3e2f1a0b",
                        "segment table seg_rfm_champions_organic"),
                change(
                        ResourceKind.SEGMENT_TABLE,
                        "seg_rfm_champions_search_high",
                        Action.UNCHANGED,
                        "ee05",
                        "ee05",
                        ""),
                change(ResourceKind.SEGMENT_TABLE, "seg_rfm_loyal", Action.UNCHANGED, "ff06", "ff06", ""),
                change(ResourceKind.SEGMENT_TABLE, "seg_rfm_new_high_potential", Action.UNCHANGED, "0a07", "0a07", ""),
                change(
                        ResourceKind.AUDIENCE,
                        "cm_search_champions",
                        Action.CREATE,
                        null,
                        "1b2c3d4e5f6a7b8c",
                        "Customer Match audience for google-ads 123-456-7890"),
                change(
                        ResourceKind.AUDIENCE,
                        "cm_spring_promo_2024",
                        Action.KEEP,
                        "2c3d4e5f6a7b8c9d",
                        null,
                        "no longer defined"));
        List<Finding> findings = List.of(
                new Finding(
                        Severity.WARNING,
                        "overlap",
                        "seg_rfm_champions ~ seg_rfm_champions_search_high",
                        "Jaccard overlap 0.82 on the sample (campaign cm_search_champions, family rfm): the audiences "
                                + "largely coincide",
                        ""),
                new Finding(
                        Severity.ERROR,
                        "retired-segment-mapped",
                        "cm_winback",
                        "maps retired segment seg_lifecycle_dormant",
                        "campaigns/winback.yaml:7:5"));
        String changedSql = """
                --- a/seg_rfm_at_risk_high_value.sql
                +++ b/seg_rfm_at_risk_high_value.sql
                @@ -4,7 +4,7 @@
                 FROM `acme-prod.crm.customers` AS c
                 JOIN rfm USING (customer_id)
                 WHERE rfm.label = 'at_risk'
                -  AND c.lifetime_value >= 500
                +  AND c.lifetime_value >= 750
                   AND c.email_consent = TRUE
                   AND c.country IN ('DE', 'AT', 'CH')
                 GROUP BY c.customer_id
                """;
        String addedSql = """
                --- /dev/null
                +++ b/seg_rfm_champions_organic.sql
                @@ -0,0 +1,6 @@
                +SELECT c.customer_id
                +FROM `acme-prod.crm.customers` AS c
                +JOIN rfm USING (customer_id)
                +WHERE rfm.label = 'champions'
                +  AND c.first_touch_channel = 'organic'
                +  AND c.email_consent = TRUE
                """;
        BaseDiff base = new BaseDiff(
                "origin/main",
                "8c1f0e4b9d2a7c3e5f6a1b0d9e8f7a6b5c4d3e2f",
                List.of(
                        new SegmentDiff("seg_rfm_at_risk_high_value", Status.CHANGED, null, "", changedSql),
                        new SegmentDiff("seg_rfm_champions_organic", Status.ADDED, null, "", addedSql),
                        new SegmentDiff(
                                "seg_rfm_new_high_potential", Status.CHANGED, null, "experimental -> production", "")),
                List.of("cm_search_champions"),
                List.of("cm_winback"),
                List.of("cm_spring_promo_2024"),
                true);
        return new Plan(
                Plan.FORMAT_VERSION,
                "bigquery-prod",
                FINGERPRINT,
                "2025-01-06T00:00:00Z",
                "sample-2024q4 (duckdb, 25,000 customers)",
                summary(changes, findings),
                changes,
                segments,
                overlaps,
                0.6,
                findings,
                base);
    }

    /** The same plan with every list reversed and the label maps rebuilt in another order. */
    static Plan reordered(Plan plan) {
        List<SegmentImpact> segments = new ArrayList<>();
        for (SegmentImpact s : plan.segments()) {
            Map<String, Long> labels = new HashMap<>();
            new TreeMap<>(s.labels()).descendingMap().forEach(labels::put);
            segments.add(new SegmentImpact(s.id(), s.family(), s.stage(), s.members(), s.baseMembers(), labels));
        }
        Collections.reverse(segments);
        List<Overlap> overlaps = new ArrayList<>();
        for (Overlap o : plan.overlaps()) {
            overlaps.add(
                    0, new Overlap(o.b(), o.a(), o.sharedBy(), o.intersection(), o.union(), o.jaccard(), o.flagged()));
        }
        BaseDiff base = plan.base();
        BaseDiff reversedBase = new BaseDiff(
                base.ref(),
                base.commit(),
                reversed(base.segments()),
                reversed(base.campaignsAdded()),
                reversed(base.campaignsChanged()),
                reversed(base.campaignsRemoved()),
                base.lockChanged());
        return new Plan(
                plan.formatVersion(),
                plan.target(),
                plan.fingerprint(),
                plan.runTime(),
                plan.dataLabel(),
                plan.summary(),
                reversed(plan.changes()),
                segments,
                overlaps,
                plan.overlapThreshold(),
                reversed(plan.findings()),
                reversedBase);
    }

    /** n segments seg_00..; each pair (i, i+1..i+2) overlaps, Jaccard falling from 0.99. */
    static Plan planWithOverlapChain(int n) {
        List<SegmentImpact> segments = new ArrayList<>();
        List<Overlap> overlaps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            segments.add(
                    seg(String.format(Locale.ROOT, "seg_%02d", i), "fam", Stage.PRODUCTION, 100 + i, null, Map.of()));
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j <= Math.min(n - 1, i + 2); j++) {
                double jaccard = Math.max(0.01, 0.99 - 0.01 * k++);
                overlaps.add(new Overlap(
                        segments.get(i).id(),
                        segments.get(j).id(),
                        "family fam",
                        Math.round(jaccard * 200),
                        200,
                        jaccard,
                        jaccard >= 0.6));
            }
        }
        return new Plan(
                1,
                "t",
                FINGERPRINT,
                "2025-01-06T00:00:00Z",
                "sample",
                Map.of(),
                List.of(),
                segments,
                overlaps,
                0.6,
                List.of(),
                null);
    }

    private static SegmentImpact seg(
            String id, String family, Stage stage, long members, Long base, Map<String, Long> labels) {
        return new SegmentImpact(id, family, stage, members, base, labels);
    }

    private static Map<String, Long> labels(Object... pairs) {
        Map<String, Long> labels = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put((String) pairs[i], ((Number) pairs[i + 1]).longValue());
        }
        return labels;
    }

    private static PlannedChange change(
            ResourceKind kind, String name, Action action, String from, String to, String reason) {
        return new PlannedChange(kind, name, action, action.symbol(), from, to, reason);
    }

    private static Map<String, Integer> summary(List<PlannedChange> changes, List<Finding> findings) {
        Map<String, Integer> summary = new TreeMap<>();
        for (Action action : Action.values()) {
            summary.put(Plan.summaryKey(action), 0);
        }
        changes.forEach(c -> summary.merge(Plan.summaryKey(c.action()), 1, Integer::sum));
        summary.put("errors", (int) findings.stream().filter(Finding::isError).count());
        summary.put(
                "warnings", (int) findings.stream().filter(f -> !f.isError()).count());
        return summary;
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    private static List<String> attributeValues(String html, String regex) {
        List<String> values = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static double barWidth(String html, String id) {
        Matcher m = Pattern.compile("<rect class=\"bar\" data-segment=\"" + id + "\"[^>]* width=\"([0-9.]+)\"")
                .matcher(html);
        assertTrue(m.find(), id);
        return Double.parseDouble(m.group(1));
    }

    private static String cellFill(String html, String jaccard) {
        Matcher m = Pattern.compile(
                        "<rect class=\"cell[^\"]*\"[^>]* fill=\"(#[0-9a-f]{6})\"><title>[^<]*Jaccard " + jaccard)
                .matcher(html);
        assertTrue(m.find(), jaccard);
        return m.group(1);
    }

    private static double luminance(String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        return 0.2126 * (rgb >> 16) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
    }
}

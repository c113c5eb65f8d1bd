package io.segmentsascode.plan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.SegmentReferences;
import io.segmentsascode.plan.impact.SegmentImpact;
import io.segmentsascode.plan.live.LiveChecks;
import io.segmentsascode.plan.live.RefreshHealth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The live section in every form of a plan, with what Google answered treated as untrusted text. */
class LiveReportTest {

    private static final String HOSTILE = "Query error: <img src=x onerror=alert(1)> | column\nsecond line";

    @Test
    void refreshHealthIsInEveryFormAndGooglesMessagesAreEscaped() {
        Plan plan = withLive(PlanHtmlTest.samplePlan(), false);

        String md = PlanMarkdown.render(plan);
        String comment = PlanComment.render(plan);
        String html = PlanHtml.render(plan);

        for (String text : List.of(md, comment, html)) {
            assertFalse(text.contains("<img"), text);
        }
        assertTrue(md.contains("### Refresh health (p.out, ages at `@run_time` " + plan.runTime() + ")"), md);
        assertTrue(
                md.contains("| daily | 2025-01-05T03:17:00Z | 20h 43m | FAILED: Query error: &lt;img src=x"
                        + " onerror=alert(1)&gt; \\| column second line | 1d 6h |"),
                md);
        assertTrue(md.contains("| `seg_rfm_champions_organic` | daily | 2025-01-03T00:00:00Z | 3d 0h | ⚠ stale |"), md);
        assertTrue(comment.contains("### Refresh health (p.out"), comment);
        assertTrue(
                comment.contains("| `seg_rfm_champions_organic` (daily) | 2025-01-03T00:00:00Z | 3d 0h | ⚠ stale |"),
                comment);
        assertFalse(comment.contains("seg_rfm_loyal` (daily)"), "only tables that need a look: " + comment);
        assertTrue(html.contains("<section id=\"refresh-health\">"), html);
        assertTrue(html.contains("<tr class=\"warning\"><td>daily</td>"), html);
        assertTrue(PlanText.lines(plan)
                .contains("  refresh daily: FAILED: " + HOSTILE.replaceAll("\\s+", " ")
                        + ", last run 2025-01-05T03:17:00Z (20h 43m ago), 1 stale table"));
    }

    @Test
    void figuresMeasuredOnTablesAreSaidToBeAndTheRestAreMarked() {
        Plan sample = PlanHtmlTest.samplePlan();
        Plan live = withLive(sample, true);
        String sampleOnly = sample.segments().get(0).id();

        String md = PlanMarkdown.render(live);
        String html = PlanHtml.render(live);

        assertTrue(md.contains("Figures are measured on the live segment tables where they exist"), md);
        assertFalse(md.contains("real audiences differ"), md);
        assertTrue(md.contains("### Audience sizes (live tables)"), md);
        assertTrue(md.contains("| `" + sampleOnly + "` (sample: no table yet) |"), md);
        assertTrue(html.contains("<span class=\"live\">live figures</span>"), html);
        assertTrue(html.contains("so from the sample: <code>" + sampleOnly + "</code>"), html);
        // without tables the plan reads as before
        String before = PlanMarkdown.render(sample);
        assertTrue(before.contains("Figures are computed on sample data"), before);
        assertTrue(before.contains("### Audience sizes (sample)"), before);
        assertEquals(live, PlanJson.parse(PlanJson.render(live)));
    }

    @Test
    void aReferenceAcrossCadencesSaysHowOldTheTableItReadsReallyIs() {
        Plan live = withLive(PlanHtmlTest.samplePlan(), true);
        SegmentReferences references = new SegmentReferences(
                List.of(
                        new SegmentReferences.Dependency(
                                "seg_weekly_winback",
                                "seg_rfm_champions_organic",
                                "seg_rfm_champions_organic",
                                "last good daily table",
                                1),
                        new SegmentReferences.Dependency(
                                "seg_daily_x", "seg_daily_y", "_segments_staging_seg_daily_y", "staging table", 0)),
                List.of(),
                List.of());
        Plan plan = new Plan(
                live.formatVersion(),
                live.target(),
                live.fingerprint(),
                live.runTime(),
                live.dataLabel(),
                live.summary(),
                live.changes(),
                live.segments(),
                live.overlaps(),
                live.overlapThreshold(),
                live.findings(),
                live.base(),
                references,
                live.movedToHigherPriority(),
                live.cost(),
                live.live(),
                live.sync(),
                live.audiences());

        List<String> lines = ReferencesSection.dependencyLines(plan);

        assertEquals(
                "seg_weekly_winback ← seg_rfm_champions_organic (reads seg_rfm_champions_organic, last good daily"
                        + " table, up to 1 days old); its table was last written 3d 0h before the plan",
                lines.get(0));
        assertEquals(references.lines().get(1), lines.get(1), "a table of the same run has no age to report");
        assertEquals(
                references.lines(),
                ReferencesSection.dependencyLines(new Plan(
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
                        plan.base(),
                        references,
                        null,
                        null,
                        null,
                        null,
                        null)));
    }

    /** {@code measured}: every segment but the first measured on its table. */
    private static Plan withLive(Plan plan, boolean measured) {
        RefreshHealth daily = new RefreshHealth(
                "daily",
                "FAILED",
                "2025-01-05T03:17:00Z",
                20L * 60 + 43,
                HOSTILE,
                30L * 60,
                List.of(
                        new RefreshHealth.TableAge(
                                "seg_rfm_champions_organic", "2025-01-03T00:00:00Z", 3L * 1440, true),
                        new RefreshHealth.TableAge("seg_rfm_loyal", null, null, false)));
        Map<String, String> sources = new TreeMap<>();
        for (SegmentImpact segment : plan.segments()) {
            sources.put(
                    segment.id(),
                    measured && !segment.id().equals(plan.segments().get(0).id())
                            ? LiveChecks.FROM_TABLE
                            : LiveChecks.FROM_SAMPLE);
        }
        return new Plan(
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
                plan.base(),
                plan.references(),
                plan.movedToHigherPriority(),
                plan.cost(),
                new LiveChecks("p.out", List.of(daily), sources),
                plan.sync(),
                plan.audiences());
    }
}

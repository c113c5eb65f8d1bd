package io.segmentsascode.plan.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.plan.impact.Finding;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RefreshHealthCheckTest {

    private static final Instant RUN_TIME = Instant.parse("2026-11-30T12:00:00Z");
    private static ResolvedProject project;

    @BeforeAll
    static void resolve() {
        project = new Stages().check(Path.of("..", "segments"), Path.of("..", "campaigns"));
    }

    @Test
    void aTableIsStaleOnlyBeyondItsCadencePlusTheGrace() {
        Duration limit = Duration.ofDays(1).plus(RefreshHealthCheck.GRACE);
        RefreshFacts daily = new RefreshFacts(
                Refresh.DAILY,
                true,
                Optional.of(new RefreshFacts.LastRun(RUN_TIME.minus(limit), "SUCCEEDED", "")),
                Map.of(
                        "seg_rfm_champions", Optional.of(RUN_TIME.minus(limit)),
                        "seg_rfm_loyal", Optional.of(RUN_TIME.minus(limit).minusSeconds(60)),
                        "seg_rfm_new_high_potential", Optional.empty()));

        RefreshHealthCheck.Result result = RefreshHealthCheck.check(List.of(daily), RUN_TIME, project);

        RefreshHealth health = result.refreshes().get(0);
        assertEquals(limit.toMinutes(), health.staleAfterMinutes());
        Map<String, RefreshHealth.TableAge> tables = new TreeMap<>();
        health.tables().forEach(t -> tables.put(t.table(), t));
        assertFalse(tables.get("seg_rfm_champions").stale(), "exactly at the limit is on time");
        assertTrue(tables.get("seg_rfm_loyal").stale());
        assertNull(tables.get("seg_rfm_new_high_potential").ageMinutes(), "not created yet: no age, not stale");
        assertEquals(
                List.of("stale-table"),
                result.findings().stream().map(Finding::code).toList());
        assertEquals("seg_rfm_loyal", result.findings().get(0).subject());
        assertTrue(result.findings().get(0).location().startsWith("segments/seg_rfm_loyal.yaml:"));
    }

    @Test
    void failedNeverRunAndNotScheduledRefreshesSaySo() {
        RefreshFacts failed = new RefreshFacts(
                Refresh.DAILY,
                true,
                Optional.of(new RefreshFacts.LastRun(RUN_TIME.minusSeconds(3_600), "FAILED", "Access Denied")),
                Map.of());
        RefreshFacts neverRun = new RefreshFacts(Refresh.WEEKLY, true, Optional.empty(), Map.of());

        RefreshHealthCheck.Result result = RefreshHealthCheck.check(List.of(failed, neverRun), RUN_TIME, project);

        assertEquals("FAILED", result.refreshes().get(0).lastRunState());
        assertEquals(60L, result.refreshes().get(0).lastRunAgeMinutes());
        assertEquals("Access Denied", result.refreshes().get(0).lastRunError());
        assertEquals(RefreshHealth.NEVER_RUN, result.refreshes().get(1).lastRunState());
        assertEquals(
                List.of("refresh-failed"),
                result.findings().stream().map(Finding::code).toList());
        assertTrue(result.findings().get(0).message().contains("Access Denied"));
        RefreshFacts absent = new RefreshFacts(Refresh.WEEKLY, false, Optional.empty(), Map.of());
        assertEquals(
                RefreshHealth.NOT_SCHEDULED,
                RefreshHealthCheck.check(List.of(absent), RUN_TIME, project)
                        .refreshes()
                        .get(0)
                        .lastRunState());
    }

    @Test
    void agesReadAsPeopleWriteThem() {
        assertEquals("7m", RefreshHealthCheck.describe(7));
        assertEquals("5h 12m", RefreshHealthCheck.describe(312));
        assertEquals("3d 4h", RefreshHealthCheck.describe(3 * 1440 + 4 * 60 + 59));
        assertEquals("-2h 0m", RefreshHealthCheck.describe(-120));
    }
}

package io.segmentsascode.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.Refresh;
import io.segmentsascode.plan.impact.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The age of the last successful sync against the cadence, and the warning with its fix. */
class SyncAgeTest {

    private static final Instant NOW = Instant.parse("2026-12-04T05:30:00Z");

    @Test
    void aTargetWithoutARecordIsNotWarnedAbout() {
        SyncAge age = SyncAge.of(Optional.empty(), NOW, Refresh.DAILY);

        assertFalse(age.stale());
        assertEquals(Optional.empty(), age.finding("bigquery"));
        assertEquals("No successful sync recorded on this target yet.", age.describe());
    }

    @Test
    void aDailySyncIsStaleOnceOlderThanADayAndTheGrace() {
        SyncAge late = SyncAge.of(Optional.of(NOW.minus(Duration.ofHours(29))), NOW, Refresh.DAILY);
        SyncAge missed = SyncAge.of(Optional.of(NOW.minus(Duration.ofHours(31))), NOW, Refresh.DAILY);

        assertFalse(late.stale(), "a scheduled run may start late");
        assertEquals("Last successful sync: 2026-12-03T00:30:00Z, 29 h ago (cadence daily).", late.describe());
        assertTrue(missed.stale());
        assertEquals(31L, missed.ageHours());
        assertTrue(missed.describe().endsWith("⚠ stale."), missed.describe());
    }

    @Test
    void aWeeklyProjectAllowsAWeek() {
        assertFalse(SyncAge.of(Optional.of(NOW.minus(Duration.ofDays(7))), NOW, Refresh.WEEKLY)
                .stale());
        assertTrue(SyncAge.of(Optional.of(NOW.minus(Duration.ofDays(8))), NOW, Refresh.WEEKLY)
                .stale());
    }

    @Test
    void theWarningSaysWhyScheduledSyncsStopAndHowToResumeThem() {
        Finding warning = SyncAge.of(Optional.of(NOW.minus(Duration.ofDays(61))), NOW, Refresh.DAILY)
                .finding("bigquery")
                .orElseThrow();

        assertFalse(warning.isError());
        assertEquals(SyncAge.STALE_CODE, warning.code());
        assertTrue(warning.message().contains("ended 1464 h ago"), warning.message());
        assertTrue(
                warning.message().contains("GitHub disables scheduled workflows after 60 days without activity"),
                warning.message());
        assertTrue(warning.message().contains("workflow_dispatch"), warning.message());
    }
}

package io.segmentsascode.bigquery;

import static io.segmentsascode.bigquery.FakeWarehouse.PROJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.apply.Applier;
import io.segmentsascode.apply.ApplyException;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.plan.diff.Change;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segments.runTimeout} bounds how long apply waits for the run it started: the setting as the
 * connector derives it from the parameters, against a run the fake keeps unfinished for 10 polls.
 * Time is a clock the poll pauses advance, so nothing here waits.
 */
class RunTimeoutTest {

    /** Poll pauses 1, 2, 4, 8, 16, then 30 s: ten polls take 151 s of the clock. */
    private static final int POLLS = 10;

    @TempDir
    Path stateDir;

    private FakeWarehouse warehouse;
    private final List<ScheduledRefresh> daily =
            List.of(FakeWarehouse.refresh(Refresh.DAILY, "v1", "seg_rfm_champions"));

    @BeforeEach
    void start() throws Exception {
        warehouse = new FakeWarehouse(stateDir);
        warehouse.fakes.dataTransfer().setPollsBeforeDone(POLLS);
    }

    @AfterEach
    void stop() throws Exception {
        warehouse.close();
    }

    @Test
    void aRunStillGoingAfterTheTimeoutFailsTheApplyNamingTheParameter() {
        ApplyException failure = assertThrows(ApplyException.class, () -> apply(Duration.ofMinutes(2)));

        assertTrue(failure.getMessage().contains("did not finish within PT2M"), failure.getMessage());
        assertTrue(failure.getMessage().contains("-Dsegments.runTimeout"), failure.getMessage());
    }

    @Test
    void aRunThatFinishesWithinTheTimeoutIsWaitedFor() {
        apply(Duration.ofMinutes(3));

        assertEquals(1, warehouse.fakes.dataTransfer().runs().size());
    }

    private void apply(Duration runTimeout) {
        SteppingClock clock = new SteppingClock(Instant.parse("2026-12-04T00:00:00Z"));
        SegmentsSettings.GoogleCloud google = new SegmentsSettings.GoogleCloud(
                Optional.empty(),
                Optional.of(warehouse.fakes.bigQuery().endpoint()),
                Optional.of(warehouse.fakes.dataTransfer().endpoint()),
                "none",
                Optional.empty(),
                1L << 30,
                new BigDecimal("6.25"),
                runTimeout,
                Optional.empty(),
                Optional.empty());
        TargetSettings settings = BigQueryWarehouse.settings(FakeWarehouse.warehouse(), google);
        assertEquals(runTimeout, settings.runTimeout());
        RetryPolicy retry = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(4), clock::advance);
        try (BigQueryTarget target = new BigQueryTarget(
                GoogleClients.open(PROJECT, google), settings, FakeWarehouse.warehouse(), daily, retry, clock)) {
            List<Change> changes = FakeWarehouse.plan(target, daily, false);
            new Applier(
                            stateDir,
                            Clock.fixed(Instant.parse("2026-12-04T00:00:00Z"), ZoneOffset.UTC),
                            Duration.ofMinutes(15),
                            line -> {},
                            notice -> {})
                    .apply("test", changes, target);
        }
    }

    /** A clock that moves only when apply pauses. */
    private static final class SteppingClock extends Clock {
        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration pause) {
            now = now.plus(pause);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}

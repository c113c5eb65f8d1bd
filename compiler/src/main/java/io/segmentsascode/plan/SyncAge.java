package io.segmentsascode.plan;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.plan.impact.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long ago the last successful apply or sync ended, read from the target's own record (its
 * state table), against the project's shortest refresh cadence. {@code lastSync} is null when the
 * target has no record. Besides {@code runTime}, the one part of a plan that depends on when it is
 * made: the age is rounded down to whole hours and is not part of the fingerprint.
 */
public record SyncAge(String lastSync, Long ageHours, String cadence, long cadenceHours, boolean stale) {

    /**
     * GitHub starts scheduled runs late under load; a sync is stale once it is older than its
     * cadence by more than this.
     */
    public static final Duration GRACE = Duration.ofHours(6);

    public static final String STALE_CODE = "stale-sync";

    public static SyncAge of(Optional<Instant> lastSync, Instant now, Refresh cadence) {
        Duration every = cadence == Refresh.WEEKLY ? Duration.ofDays(7) : Duration.ofDays(1);
        if (lastSync.isEmpty()) {
            return new SyncAge(null, null, cadence.label(), every.toHours(), false);
        }
        Duration age = Duration.between(lastSync.get(), now);
        return new SyncAge(
                lastSync.get().toString(),
                Math.max(0, age.toHours()),
                cadence.label(),
                every.toHours(),
                age.compareTo(every.plus(GRACE)) > 0);
    }

    /** The warning of a stale sync, with what to do about it; empty while the sync is current. */
    public Optional<Finding> finding(String target) {
        if (!stale) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                Severity.WARNING,
                STALE_CODE,
                target,
                "the last successful sync of the " + target + " target ended " + ageHours + " h ago (" + lastSync
                        + "), longer ago than its " + cadence + " cadence allows (+" + GRACE.toHours()
                        + " h): audiences and tables may be out of date. Look at the runs of the sync workflow:"
                        + " GitHub disables scheduled workflows after 60 days without activity in a public"
                        + " repository; enable it again under Actions, or run it by hand (workflow_dispatch)",
                ""));
    }

    /** One line for the plan's readers. */
    public String describe() {
        if (lastSync == null) {
            return "No successful sync recorded on this target yet.";
        }
        return "Last successful sync: " + lastSync + ", " + ageHours + " h ago (cadence " + cadence + ")"
                + (stale ? " ⚠ stale" : "") + ".";
    }
}

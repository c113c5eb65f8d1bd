package io.segmentsascode.plan.live;

import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.plan.impact.Finding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges each cadence's refresh against the plan's run time: a failed last run and a segment
 * table older than its cadence plus {@link #GRACE} are warnings (the tables still hold their last
 * good contents, so nothing fails the plan, but someone should look). Ages are measured from the
 * run time, not the clock, so a plan made twice from the same inputs is the same plan.
 */
public final class RefreshHealthCheck {

    /**
     * How late a refresh may be before its tables count as stale: a run that starts late in the
     * Data Transfer queue or runs long must not raise a warning on every plan made just before it
     * ends.
     */
    public static final Duration GRACE = Duration.ofHours(6);

    /** The health of every cadence, and the warnings it raises. */
    public record Result(List<RefreshHealth> refreshes, List<Finding> findings) {}

    private RefreshHealthCheck() {}

    public static Duration period(Refresh cadence) {
        return switch (cadence) {
            case DAILY -> Duration.ofDays(1);
            case WEEKLY -> Duration.ofDays(7);
        };
    }

    public static Result check(List<RefreshFacts> facts, Instant runTime, ResolvedProject project) {
        List<RefreshHealth> refreshes = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (RefreshFacts refresh : facts) {
            Duration limit = period(refresh.cadence()).plus(GRACE);
            String cadence = refresh.cadence().label();
            Optional<RefreshFacts.LastRun> last = refresh.lastRun();
            last.filter(RefreshFacts.LastRun::failed)
                    .ifPresent(run -> findings.add(new Finding(
                            Severity.WARNING,
                            "refresh-failed",
                            cadence,
                            "the last run of the " + cadence + " scheduled query (" + run.time() + ") ended "
                                    + run.state() + ": " + (run.error().isEmpty() ? "no error message" : run.error())
                                    + "; its tables keep what the run before wrote. Fix the cause (the run's"
                                    + " log in the BigQuery console, Scheduled queries), then run segments:apply"
                                    + " to run it again",
                            "")));
            List<RefreshHealth.TableAge> tables = new ArrayList<>();
            for (Map.Entry<String, Optional<Instant>> table : refresh.tables().entrySet()) {
                Optional<Instant> modified = table.getValue();
                Long age = modified.map(m -> minutes(m, runTime)).orElse(null);
                boolean stale = age != null && age > limit.toMinutes();
                tables.add(new RefreshHealth.TableAge(
                        table.getKey(), modified.map(Instant::toString).orElse(null), age, stale));
                if (stale) {
                    findings.add(new Finding(
                            Severity.WARNING,
                            "stale-table",
                            table.getKey(),
                            table.getKey() + " was last written " + modified.orElseThrow() + ", "
                                    + describe(age) + " before the plan's run time; its " + cadence
                                    + " refresh keeps it under " + describe(limit.toMinutes()) + " (the cadence plus "
                                    + GRACE.toHours() + " hours' grace). Look at the " + cadence
                                    + " scheduled query's last runs, or run segments:apply to run it now",
                            location(project, table.getKey())));
                }
            }
            refreshes.add(new RefreshHealth(
                    cadence,
                    last.map(RefreshFacts.LastRun::state)
                            .orElse(refresh.scheduled() ? RefreshHealth.NEVER_RUN : RefreshHealth.NOT_SCHEDULED),
                    last.map(run -> run.time().toString()).orElse(null),
                    last.map(run -> minutes(run.time(), runTime)).orElse(null),
                    last.map(RefreshFacts.LastRun::error)
                            .filter(error -> !error.isEmpty())
                            .orElse(null),
                    limit.toMinutes(),
                    tables));
        }
        return new Result(refreshes, findings);
    }

    /** Whole minutes from {@code time} to {@code runTime}; negative when the time is after the run time. */
    static long minutes(Instant time, Instant runTime) {
        return Duration.between(time, runTime).toMinutes();
    }

    /** An age as people read it: {@code 3d 4h}, {@code 5h 12m}, {@code 7m}. */
    public static String describe(long minutes) {
        String sign = minutes < 0 ? "-" : "";
        long m = Math.abs(minutes);
        if (m >= 24 * 60) {
            return sign + m / (24 * 60) + "d " + (m % (24 * 60)) / 60 + "h";
        }
        if (m >= 60) {
            return sign + m / 60 + "h " + m % 60 + "m";
        }
        return sign + m + "m";
    }

    private static String location(ResolvedProject project, String table) {
        return project.segment(table)
                .map(s -> Finding.locationOf(s.file(), s.definedAt()))
                .orElse("");
    }
}

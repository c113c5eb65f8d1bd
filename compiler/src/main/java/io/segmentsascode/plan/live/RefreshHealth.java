package io.segmentsascode.plan.live;

import java.util.List;

/**
 * A cadence's refresh as the plan shows it. Times are ISO-8601 UTC; ages are whole minutes
 * before the plan's run time (so equal inputs give equal plans). {@code lastRunState} is
 * {@code never-run} for a scheduled query without runs and {@code not-scheduled} before the first
 * apply; then the run fields are null.
 */
public record RefreshHealth(
        String cadence,
        String lastRunState,
        String lastRunTime,
        Long lastRunAgeMinutes,
        String lastRunError,
        long staleAfterMinutes,
        List<TableAge> tables) {

    public static final String NEVER_RUN = "never-run";
    public static final String NOT_SCHEDULED = "not-scheduled";

    public RefreshHealth {
        tables = List.copyOf(tables);
    }

    /** A segment table: when it was last modified and how old that is; both null when it does not exist. */
    public record TableAge(String table, String lastModified, Long ageMinutes, boolean stale) {}
}

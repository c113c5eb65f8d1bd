package io.segmentsascode.plan.live;

import io.segmentsascode.model.Refresh;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One cadence's refresh as the warehouse reports it. {@code scheduled}: whether its scheduled
 * query exists; {@code lastRun}: the latest run listed (none when it never ran); {@code tables}:
 * each segment table it refreshes → when the table was last modified (empty: the table does not
 * exist).
 */
public record RefreshFacts(
        Refresh cadence, boolean scheduled, Optional<LastRun> lastRun, Map<String, Optional<Instant>> tables) {

    /**
     * {@code time}: when the run ended, or when it was meant to run while unfinished; {@code state}:
     * the Data Transfer state (SUCCEEDED, FAILED, CANCELLED, RUNNING, PENDING); {@code error}: its
     * error message, empty unless it failed.
     */
    public record LastRun(Instant time, String state, String error) {

        public boolean failed() {
            return state.equals("FAILED") || state.equals("CANCELLED");
        }
    }

    public RefreshFacts {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
    }
}

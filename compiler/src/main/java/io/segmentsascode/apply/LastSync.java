package io.segmentsascode.apply;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the last sync of an audience sent and what Google made of it: each request's final status and, for ingests,
 * the match-rate range Google reported. Recorded on the target side after apply, shown by the next plan.
 */
public record LastSync(Instant at, long added, long removed, long refreshed, List<Request> requests) {

    public LastSync {
        requests = List.copyOf(requests);
    }

    /**
     * One request: {@code kind} add, remove or refresh; {@code status} as Google names it (SUCCESS, PARTIAL_SUCCESS,
     * FAILED, PROCESSING when polling gave up); the match-rate range when Google reported one.
     */
    public record Request(String requestId, String kind, int members, String status, Optional<MatchRate> matchRate) {}

    /** A match-rate range in whole percent, both ends included, as Google reports it in buckets. */
    public record MatchRate(int lowPercent, int highPercent) {

        public String label() {
            return lowPercent + "–" + highPercent + "%";
        }
    }

    public long sent() {
        return added + removed + refreshed;
    }

    /** The range spanning every request's reported range: the widest honest statement of the sync. */
    public Optional<MatchRate> matchRate() {
        List<MatchRate> reported =
                requests.stream().flatMap(r -> r.matchRate().stream()).toList();
        if (reported.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new MatchRate(
                reported.stream().mapToInt(MatchRate::lowPercent).min().orElseThrow(),
                reported.stream().mapToInt(MatchRate::highPercent).max().orElseThrow()));
    }
}

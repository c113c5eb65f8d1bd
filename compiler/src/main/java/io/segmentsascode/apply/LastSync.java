package io.segmentsascode.apply;

import java.time.Instant;
import java.util.ArrayList;
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

    /**
     * As text a store can keep and {@link #parse} reads back: {@code at <epoch seconds> <added> <removed>
     * <refreshed>}, then a {@code request <id> <kind> <members> <status> <low|-> <high|->} line per request. Ids,
     * counts and statuses only: no identifier.
     */
    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("at ")
                .append(at.getEpochSecond())
                .append(' ')
                .append(added)
                .append(' ')
                .append(removed)
                .append(' ')
                .append(refreshed)
                .append('\n');
        for (Request request : requests) {
            text.append("request ")
                    .append(request.requestId())
                    .append(' ')
                    .append(request.kind())
                    .append(' ')
                    .append(request.members())
                    .append(' ')
                    .append(request.status())
                    .append(' ')
                    .append(request.matchRate()
                            .map(r -> r.lowPercent() + " " + r.highPercent())
                            .orElse("- -"))
                    .append('\n');
        }
        return text.toString();
    }

    public static LastSync parse(String text) {
        List<String> lines = text.lines().toList();
        String[] head = lines.get(0).split(" ");
        List<Request> requests = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(" ");
            requests.add(new Request(
                    f[1],
                    f[2],
                    Integer.parseInt(f[3]),
                    f[4],
                    f[5].equals("-")
                            ? Optional.empty()
                            : Optional.of(new MatchRate(Integer.parseInt(f[5]), Integer.parseInt(f[6])))));
        }
        return new LastSync(
                Instant.ofEpochSecond(Long.parseLong(head[1])),
                Long.parseLong(head[2]),
                Long.parseLong(head[3]),
                Long.parseLong(head[4]),
                requests);
    }
}

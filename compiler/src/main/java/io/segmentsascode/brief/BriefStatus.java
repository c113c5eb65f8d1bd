package io.segmentsascode.brief;

import io.segmentsascode.model.Segment;
import java.util.List;
import java.util.Optional;

/**
 * Whether a segment's pinned brief still fits it: current while the definition hash and every
 * bucketed profile line are those it was drafted from; stale otherwise, saying what moved. A
 * stale brief is a warning only: briefs are text for humans and never applied.
 */
public record BriefStatus(String segmentId, Kind kind, Optional<BriefPin> pin, String why, List<String> profile) {

    public enum Kind {
        CURRENT,
        STALE,
        MISSING,
        /** No profile could be computed (the segment does not run on the sample, or a column is missing). */
        UNPROFILED
    }

    public BriefStatus {
        profile = List.copyOf(profile);
    }

    /** A mapped segment whose profile cannot be computed: its pinned brief (if any) is shown, unjudged. */
    public static BriefStatus unprofiled(String segmentId, BriefLock lock, String why) {
        return new BriefStatus(segmentId, Kind.UNPROFILED, lock.pin(segmentId), why, List.of());
    }

    public static BriefStatus of(Segment segment, SegmentProfile profile, BriefLock lock) {
        Optional<BriefPin> pin = lock.pin(segment.id());
        if (pin.isEmpty()) {
            return new BriefStatus(segment.id(), Kind.MISSING, pin, "no brief is pinned", profile.lines());
        }
        if (!pin.get().definition().equals(segment.specHash())) {
            return new BriefStatus(segment.id(), Kind.STALE, pin, "the segment's definition changed", profile.lines());
        }
        List<String> now = profile.lines();
        List<String> then = pin.get().profile();
        for (int i = 0; i < Math.max(now.size(), then.size()); i++) {
            String was = i < then.size() ? then.get(i) : "(nothing)";
            String is = i < now.size() ? now.get(i) : "(nothing)";
            if (!was.equals(is)) {
                return new BriefStatus(
                        segment.id(), Kind.STALE, pin, "its profile moved (" + was + " → now " + is + ")", now);
            }
        }
        return new BriefStatus(segment.id(), Kind.CURRENT, pin, "", now);
    }

    /** The state in words, as reports show it (plain text: each report escapes it). */
    public String stateText() {
        return switch (kind) {
            case CURRENT -> "current";
            case STALE ->
                "stale, drafted on data of " + pin.map(BriefPin::dataDate).orElse("(unknown)") + " (" + why + ")";
            case MISSING -> "no brief pinned yet (run mvn segments:generate)";
            case UNPROFILED -> "no profile (" + why + ")";
        };
    }

    /** The warning a stale brief gives, with the date of the data it was drafted on. */
    public String staleMessage() {
        return "the brief was drafted on data of " + pin.map(BriefPin::dataDate).orElse("(unknown)") + " and is stale: "
                + why + "; it is kept as a draft for humans, never applied";
    }
}

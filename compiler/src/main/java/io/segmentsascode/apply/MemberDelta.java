package io.segmentsascode.apply;

import io.segmentsascode.model.Campaign;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one sync of a list sends, from the members last sent (each with when) and the members
 * wanted now: removals, additions, and members re-sent before their membership lapses (a list
 * forgets a member its membership duration after the last upload).
 */
public record MemberDelta(List<String> removed, List<String> added, List<String> refreshed) {

    /** Google's longest membership duration, used when a list's own is not known. */
    public static final int MAX_MEMBERSHIP_DAYS = 540;

    /** How long before a membership lapses its member is re-sent (half the duration when shorter). */
    public static final Duration REFRESH_MARGIN = Duration.ofDays(7);

    public MemberDelta {
        removed = List.copyOf(removed);
        added = List.copyOf(added);
        refreshed = List.copyOf(refreshed);
    }

    public static MemberDelta between(
            Map<String, Instant> previous, Collection<String> desired, Instant now, Optional<Campaign> campaign) {
        Instant refreshBefore = now.minus(refreshAge(campaign));
        return new MemberDelta(
                previous.keySet().stream().filter(k -> !desired.contains(k)).toList(),
                desired.stream().filter(k -> !previous.containsKey(k)).toList(),
                desired.stream()
                        .filter(k -> previous.containsKey(k) && !previous.get(k).isAfter(refreshBefore))
                        .toList());
    }

    public boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty() && refreshed.isEmpty();
    }

    /** The age of a last send after which a member is sent again. */
    public static Duration refreshAge(Optional<Campaign> campaign) {
        Duration membership =
                Duration.ofDays(campaign.map(Campaign::membershipDays).orElse(MAX_MEMBERSHIP_DAYS));
        Duration half = membership.dividedBy(2);
        return membership.minus(half.compareTo(REFRESH_MARGIN) < 0 ? half : REFRESH_MARGIN);
    }
}

package io.segmentsascode.apply;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The members last synced to each audience of an API destination, as member keys built from hashed identifiers
 * only ({@code <sha256 email>,<sha256 phone>}, either part may be empty). A sync compares the current members with
 * this snapshot and sends only the difference. Kept on the target side (the state folder for the local target, a
 * table for a warehouse), never in Git.
 */
public interface MemberSnapshots {

    /**
     * The keys last synced to {@code audience}, each with when it was last sent (memberships expire, so members are
     * sent again before that); empty for an audience never synced.
     */
    Map<String, Instant> read(String audience);

    /**
     * Records that {@code sent} were sent to {@code audience} at {@code at} and {@code removed} taken from it.
     * Durable when it returns, so a sync records each batch as soon as Google accepted it: after a crash no accepted
     * batch is sent again.
     */
    void record(String audience, Collection<String> sent, Collection<String> removed, Instant at);

    /** Drops the snapshot of an audience that no longer exists. */
    void forget(String audience);

    /** Records what the sync of {@code audience} that just ended sent and what became of it, replacing the last. */
    default void recordSync(String audience, LastSync sync) {}

    /** What the last sync of {@code audience} recorded; empty for none (or a store that keeps no outcomes). */
    default Optional<LastSync> lastSync(String audience) {
        return Optional.empty();
    }
}

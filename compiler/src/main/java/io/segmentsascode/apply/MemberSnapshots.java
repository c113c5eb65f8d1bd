package io.segmentsascode.apply;

import java.util.Collection;
import java.util.Set;

/**
 * The members last synced to each audience of an API destination, as member keys built from hashed identifiers
 * only ({@code <sha256 email>,<sha256 phone>}, either part may be empty). A sync compares the current members with
 * this snapshot and sends only the difference. Kept on the target side (the state folder for the local target, a
 * table for a warehouse), never in Git.
 */
public interface MemberSnapshots {

    /** The keys last synced to {@code audience}; empty for an audience never synced. */
    Set<String> read(String audience);

    /**
     * Records that {@code added} were sent to and {@code removed} taken from {@code audience}. Durable when it
     * returns, so a sync records each batch as soon as Google accepted it: after a crash no accepted batch is sent
     * again.
     */
    void record(String audience, Collection<String> added, Collection<String> removed);

    /** Drops the snapshot of an audience that no longer exists. */
    void forget(String audience);
}

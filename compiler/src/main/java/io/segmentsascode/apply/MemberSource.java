package io.segmentsascode.apply;

import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.model.CustomerMatch;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The members of applied segment tables, as contact rows an audience destination normalises and hashes. */
public interface MemberSource {

    /**
     * The contact row of every user in any of {@code segmentIds}' tables (each user once), joined to
     * the identity table {@code identity} declares, ordered by user id. The tables must have been
     * applied already: the applier creates tables before the audiences built from them.
     */
    List<ContactRecord> contacts(List<String> segmentIds, CustomerMatch identity);

    /**
     * True when {@link #contacts} carries, in place of the email and phone, the SHA-256 hex digests of their
     * normalised forms ({@code audience.IdentifierSql}): hashed where the data lives, so the machine running apply
     * never sees contact data. False by default: the destination normalises and hashes.
     */
    default boolean hashesIdentifiers() {
        return false;
    }

    /**
     * Why tables among {@code segmentIds} must not be read now, one line per stale group: a warehouse whose refreshes
     * run on their own says so when the latest refresh did not succeed. None by default (the local target's tables
     * are filled by the apply itself, so they are always fresh).
     */
    default List<String> staleTables(List<String> segmentIds) {
        return List.of();
    }

    /**
     * When the rows the members of {@code segmentIds} come from last changed: the latest modification of their segment
     * tables and of the identity table (opt-outs and erasures land there), if this target knows it. Empty by default:
     * the local target's tables change only in its own applies, with their definitions.
     */
    default Optional<Instant> changedAt(List<String> segmentIds, CustomerMatch identity) {
        return Optional.empty();
    }

    /**
     * Where this target keeps the members last synced to each audience, when it keeps them itself (a warehouse
     * table, since CI runners are thrown away); empty by default: the destination keeps them in the state folder.
     */
    default Optional<MemberSnapshots> snapshots() {
        return Optional.empty();
    }

    /**
     * Where this target records the holdout groups of the mappings it syncs, when it keeps them itself (a warehouse
     * table); empty by default: the files destination writes them to the state folder.
     */
    default Optional<HoldoutGroups> holdoutGroups() {
        return Optional.empty();
    }
}

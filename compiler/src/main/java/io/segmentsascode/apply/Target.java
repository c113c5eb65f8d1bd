package io.segmentsascode.apply;

import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.DesiredResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What plans are applied to: a {@link WarehouseTarget} for segment tables, an
 * {@link AudienceDestination} for audiences, and the two composed ({@link TablesAndAudiences}).
 * The planner only sees what {@link #readState()} reports, so a new target plugs in without
 * touching it.
 */
public interface Target extends AutoCloseable {

    String name();

    /** Every resource the target holds that could be ours: managed ones with their marker hash. */
    List<ActualResource> readState();

    /**
     * What the target needs besides a table per segment and an audience per campaign, planned
     * like them: BigQuery's scheduled queries, one per refresh cadence. None by default.
     */
    default List<DesiredResource> infrastructure() {
        return List.of();
    }

    /**
     * Claims the target for one apply, for targets shared by machines that cannot see each
     * other's state folder (CI runners): the local lock file only keeps out applies on this
     * machine. {@code notices}: what the user must hear, such as taking over an expired lease.
     * None by default.
     *
     * @throws ApplyException when another apply holds the target
     */
    default TargetLease claimLease(Duration lease, Consumer<String> notices) {
        return TargetLease.NONE;
    }

    /** What the audience side knows of each mapping's list, by mapping id (see {@link AudienceDestination}). */
    default Map<String, ListFacts> listFacts() {
        return Map.of();
    }

    /** Mappings whose segment tables are stale, by mapping id (see {@link AudienceDestination}). */
    default Map<String, List<String>> staleAudiences() {
        return Map.of();
    }

    /**
     * Carries out one change. Must be idempotent: applying a change that was already (partly)
     * applied leaves the same final state, which is what lets an interrupted apply resume.
     */
    void apply(Change change);

    @Override
    void close();
}

package io.segmentsascode.apply;

import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.plan.RefreshScan;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.DesiredResource;
import io.segmentsascode.plan.live.LiveWarehouse;
import io.segmentsascode.render.RenderedScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
     * What each refresh cadence would scan on the target, measured without running anything (dry
     * runs); empty for a target that bills nothing per query. {@code runTime}: the value the
     * refreshes' {@code @run_time} takes in the measurement.
     */
    default Optional<List<RefreshScan>> refreshScans(Instant runTime) {
        return Optional.empty();
    }

    /**
     * The same measurement of other guarded refresh scripts, e.g. a review's base revision, so a
     * plan can show cost before and after a change. {@code layouts} and {@code scripts}: one per
     * cadence, in the same order.
     */
    default Optional<List<RefreshScan>> refreshScans(
            List<RefreshScript> layouts, List<RenderedScript> scripts, Instant runTime) {
        return Optional.empty();
    }

    /**
     * The warehouse behind the target, for the plan to read refresh health, live schemas and real
     * figures from; none for targets without one (the embedded sample is the local target's data).
     */
    default Optional<LiveWarehouse> live() {
        return Optional.empty();
    }

    /**
     * When the last apply that left this target matching its definitions ended, as the target
     * itself records it (CI runners are thrown away, so the record lives on the target). Empty
     * when none was recorded, or the target keeps no such record.
     */
    default Optional<Instant> lastSync() {
        return Optional.empty();
    }

    /** Records {@code at} as the end of a successful apply (a sync); only apply calls it, never plan. */
    default void recordSync(Instant at) {}

    /**
     * Carries out one change. Must be idempotent: applying a change that was already (partly)
     * applied leaves the same final state, which is what lets an interrupted apply resume.
     */
    void apply(Change change);

    @Override
    void close();
}

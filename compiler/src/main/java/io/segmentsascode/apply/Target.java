package io.segmentsascode.apply;

import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import java.util.List;

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
     * Carries out one change. Must be idempotent: applying a change that was already (partly)
     * applied leaves the same final state, which is what lets an interrupted apply resume.
     */
    void apply(Change change);

    @Override
    void close();
}

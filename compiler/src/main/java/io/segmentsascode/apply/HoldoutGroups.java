package io.segmentsascode.apply;

import io.segmentsascode.model.Campaign;

/**
 * Where a warehouse target writes each synced mapping's holdout groups for evaluate to read: on
 * the warehouse itself when CI runners are thrown away. Written from the segment tables on the
 * warehouse, with the split the destinations apply, so the control group recorded is the one
 * that was not uploaded.
 */
public interface HoldoutGroups {

    /** Replaces the groups recorded for {@code campaign}, which declares a holdout, with its members' groups now. */
    void record(Campaign campaign);
}

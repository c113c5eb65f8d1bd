package io.segmentsascode.apply;

import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.model.Campaign;
import java.util.List;

/**
 * Where a destination writes the holdout groups of a mapping's members itself, when the member
 * source keeps none ({@link MemberSource#holdoutGroups()} is empty: the local target), so that
 * evaluate can compare the control group that was not uploaded with the treated one.
 */
public interface MemberGroups {

    /** Replaces the groups recorded for {@code campaign}, which declares a holdout, with those of {@code members}. */
    void record(Campaign campaign, List<ContactRecord> members);
}

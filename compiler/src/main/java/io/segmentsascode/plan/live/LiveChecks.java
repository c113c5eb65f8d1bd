package io.segmentsascode.plan.live;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan's section on the live warehouse (null in plans of targets without one).
 * {@code outputDataset}: where the segment tables were read; {@code refreshes}: each cadence's
 * refresh health; {@code figureSources}: per segment with figures, {@link #FROM_TABLE} when its
 * size and overlaps were measured on its materialised table, {@link #FROM_SAMPLE} when it has no
 * table yet and kept the sample's.
 */
public record LiveChecks(String outputDataset, List<RefreshHealth> refreshes, Map<String, String> figureSources) {

    public static final String FROM_TABLE = "table";
    public static final String FROM_SAMPLE = "sample";

    public LiveChecks {
        refreshes = List.copyOf(refreshes);
        figureSources = new TreeMap<>(figureSources);
    }

    /** Whether a segment's figures were measured on its table. */
    public boolean measured(String segmentId) {
        return FROM_TABLE.equals(figureSources.get(segmentId));
    }
}

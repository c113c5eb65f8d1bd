package io.segmentsascode.generate;

import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A daily refresh of {@code count} segments that only swaps, for tests of how large cadences are laid out. */
public final class ManySwaps {

    private ManySwaps() {}

    public static RefreshScript daily(int count, List<OutputColumn> columns) {
        List<RefreshScript.Swap> swaps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = String.format("seg_many_%04d", i);
            swaps.add(new RefreshScript.Swap(
                    id, RefreshScript.segmentTable(id), RefreshScript.stagingTable(id), columns));
        }
        return new RefreshScript(Refresh.DAILY, List.of(), swaps, Map.of());
    }
}

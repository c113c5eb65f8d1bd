package io.segmentsascode.bigquery;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.render.RenderedSegment;
import java.util.List;

/** How the segments' BigQuery SQL becomes the refreshes to schedule. */
@FunctionalInterface
public interface RefreshLayout {

    List<ScheduledRefresh> refreshes(List<RenderedSegment> bigquery);

    /**
     * Until the compiler's one-scan scripts per cadence are wired in (issue 12, point 2): every
     * segment's own query in one daily script, all tables swapped in one transaction. The target
     * only sees the rendered SQL, not each segment's cadence, so weekly segments are refreshed
     * daily too: the same tables, at a higher cost.
     */
    static RefreshLayout perSegmentDaily(TargetSettings settings) {
        return bigquery -> {
            if (bigquery.isEmpty()) {
                return List.of();
            }
            StringBuilder script = new StringBuilder("BEGIN TRANSACTION;\n");
            for (RenderedSegment segment : bigquery) {
                String table = settings.qualified(segment.segmentId());
                script.append("TRUNCATE TABLE ").append(table).append(";\n");
                script.append("INSERT INTO ")
                        .append(table)
                        .append('\n')
                        .append(segment.sql().strip());
                script.append(";\n");
            }
            script.append("COMMIT TRANSACTION;\n");
            return List.of(new ScheduledRefresh(
                    Refresh.DAILY,
                    script.toString(),
                    Sha256.hex(script.toString()),
                    bigquery.stream()
                            .map(s -> new ScheduledRefresh.SegmentTable(s.segmentId(), s.columns()))
                            .toList()));
        };
    }
}

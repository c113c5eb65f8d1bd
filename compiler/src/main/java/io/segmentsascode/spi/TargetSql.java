package io.segmentsascode.spi;

import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.render.RenderedScript;
import io.segmentsascode.render.RenderedSegment;
import java.util.List;
import java.util.Map;

/**
 * What a warehouse target is given of a compiled project, all of it guarded before it got here.
 *
 * @param bigquery       each segment's query as the warehouse runs it
 * @param engineSql      the same in the sample engine's dialect, for the segments it can run
 * @param refresh        per refresh cadence, the layout of its scheduled run
 * @param refreshScripts the same cadences' BigQuery scripts, in the same order
 * @param holdoutGroups  per mapping with a holdout, the BigQuery query of its members' groups
 *                       ({@code audience.HoldoutGroupsSql}), which a remote target writes for evaluate
 */
public record TargetSql(
        List<RenderedSegment> bigquery,
        List<RenderedSegment> engineSql,
        List<RefreshScript> refresh,
        List<RenderedScript> refreshScripts,
        Map<String, String> holdoutGroups) {

    /** Without holdout groups: a target that writes none, or a project without holdouts. */
    public TargetSql(
            List<RenderedSegment> bigquery,
            List<RenderedSegment> engineSql,
            List<RefreshScript> refresh,
            List<RenderedScript> refreshScripts) {
        this(bigquery, engineSql, refresh, refreshScripts, Map.of());
    }

    public TargetSql {
        holdoutGroups = Map.copyOf(holdoutGroups);
        bigquery = List.copyOf(bigquery);
        engineSql = List.copyOf(engineSql);
        refresh = List.copyOf(refresh);
        refreshScripts = List.copyOf(refreshScripts);
        if (refresh.size() != refreshScripts.size()) {
            throw new IllegalArgumentException("one rendered script per refresh cadence");
        }
    }
}

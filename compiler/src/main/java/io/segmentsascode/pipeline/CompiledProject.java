package io.segmentsascode.pipeline;

import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.render.RenderedScript;
import io.segmentsascode.render.RenderedSegment;
import java.nio.file.Path;
import java.util.List;

/**
 * A compiled repository: the model, each segment's IR, its BigQuery SQL written under
 * {@code sqlDir}, and the refresh layout: per cadence the IR ({@code refresh}) and the BigQuery
 * script a scheduled query runs ({@code refreshScripts}, in the same order), guarded like the rest.
 */
public record CompiledProject(
        ResolvedProject project,
        List<GeneratedSegment> generated,
        List<RenderedSegment> bigquery,
        List<RefreshScript> refresh,
        List<RenderedScript> refreshScripts,
        Path sqlDir) {

    public CompiledProject {
        generated = List.copyOf(generated);
        bigquery = List.copyOf(bigquery);
        refresh = List.copyOf(refresh);
        refreshScripts = List.copyOf(refreshScripts);
    }
}

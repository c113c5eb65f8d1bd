package io.segmentsascode.pipeline;

import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.render.RenderedSegment;
import java.nio.file.Path;
import java.util.List;

/**
 * A compiled repository: the model, each segment's IR, and its BigQuery SQL written under
 * {@code sqlDir}.
 */
public record CompiledProject(
        ResolvedProject project, List<GeneratedSegment> generated, List<RenderedSegment> bigquery, Path sqlDir) {

    public CompiledProject {
        generated = List.copyOf(generated);
        bigquery = List.copyOf(bigquery);
    }
}

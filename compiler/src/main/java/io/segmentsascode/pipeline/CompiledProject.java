package io.segmentsascode.pipeline;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.render.RenderedSegment;
import java.nio.file.Path;
import java.util.List;

/** A compiled repository: the model and each segment's BigQuery SQL, written under {@code sqlDir}. */
public record CompiledProject(ResolvedProject project, List<RenderedSegment> bigquery, Path sqlDir) {

    public CompiledProject {
        bigquery = List.copyOf(bigquery);
    }
}

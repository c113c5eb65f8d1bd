package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/** Re-plans and carries the plan out on the target (default: the embedded local warehouse). */
@Mojo(name = "apply", aggregator = true, threadSafe = true)
public class ApplyMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.apply();
    }
}

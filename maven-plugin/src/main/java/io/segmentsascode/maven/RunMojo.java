package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/** The main job: validate, compile, preview, plan and apply to the target (default: local). */
@Mojo(name = "run", aggregator = true, threadSafe = true)
public class RunMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.run();
    }
}

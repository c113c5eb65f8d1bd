package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/** The main job: the whole pipeline as far as it goes (validate, compile, preview). */
@Mojo(name = "run", aggregator = true, threadSafe = true)
public class RunMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.run();
    }
}

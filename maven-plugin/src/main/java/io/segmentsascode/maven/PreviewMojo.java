package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/** Compiles, then runs every segment on the embedded DuckDB sample warehouse and prints sizes. */
@Mojo(name = "preview", aggregator = true, threadSafe = true)
public class PreviewMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.preview();
    }
}

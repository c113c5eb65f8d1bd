package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/** Checks every segment and campaign file against its schema, the conventions and the warehouse. */
@Mojo(name = "validate", aggregator = true, threadSafe = true)
public class ValidateMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.validate();
    }
}

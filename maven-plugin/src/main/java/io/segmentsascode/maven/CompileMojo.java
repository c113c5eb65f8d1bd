package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/** Validates, then writes each segment's BigQuery SQL to target/segments/bigquery/. */
@Mojo(name = "compile", aggregator = true, threadSafe = true)
public class CompileMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.compile();
    }
}

package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/** Verifies that every intent has a current pin in segments.lock, without compiling. */
@Mojo(name = "lock-check", aggregator = true, threadSafe = true)
public class LockCheckMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.lockCheck();
    }
}

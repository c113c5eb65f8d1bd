package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Compares variant A with B per experiment and segment label on the sample's experiments table:
 * conversion rate and revenue per user, uplifts, a z-test and Welch's t-test, B flagged where it
 * wins at segments.confidence. Writes target/segments/evaluation.md, evaluation.json and
 * evaluation.html.
 */
@Mojo(name = "evaluate", aggregator = true, threadSafe = true)
public class EvaluateMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.evaluate();
    }
}

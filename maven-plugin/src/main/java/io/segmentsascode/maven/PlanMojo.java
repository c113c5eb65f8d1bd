package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Compiles and plans: what apply would change on the target, sample figures, governance
 * findings, and with -Dsegments.base=REF the review diff against that Git revision. Writes
 * target/segments/plan.md, plan.json and report.html.
 */
@Mojo(name = "plan", aggregator = true, threadSafe = true)
public class PlanMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.plan();
    }
}

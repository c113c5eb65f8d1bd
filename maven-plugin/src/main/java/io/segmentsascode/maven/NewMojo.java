package io.segmentsascode.maven;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Scaffolds a commented segment (rfm, rules, intent, sql) or campaign mapping that validates as written. */
@Mojo(name = "new", aggregator = true, threadSafe = true)
public class NewMojo extends AbstractSegmentsMojo {

    @Parameter(property = Parameters.KIND)
    private String kind;

    @Parameter(property = Parameters.ID)
    private String id;

    @Override
    protected void doExecute(SegmentsJob job) {
        job.scaffold(
                kind == null ? System.getenv(Parameters.environmentVariable(Parameters.KIND)) : kind,
                id == null ? System.getenv(Parameters.environmentVariable(Parameters.ID)) : id);
    }
}

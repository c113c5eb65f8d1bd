package io.segmentsascode.maven;

import io.segmentsascode.pipeline.SegmentsJob;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * Refreshes missing and stale pins in segments.lock: asks the model (credentials from the
 * environment: GEMINI_API_KEY / GOOGLE_API_KEY, or Vertex AI with Application Default
 * Credentials) only for intents whose pin is missing or stale, and prints what changed.
 * With -Dsegments.pinFrom=DIR, reviewed {@code <segment-id>.sql} files are pinned instead.
 */
@Mojo(name = "generate", aggregator = true, threadSafe = true)
public class GenerateMojo extends AbstractSegmentsMojo {

    @Override
    protected void doExecute(SegmentsJob job) {
        job.generate();
    }
}

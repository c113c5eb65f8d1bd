package io.segmentsascode.preview;

import io.segmentsascode.render.RenderedSegment;
import java.time.Instant;

/**
 * Port to an embedded warehouse that runs segments rendered for its dialect. Implementations
 * hold the sample data and bind the reference time ({@code @run_time}) before each query.
 */
public interface PreviewEngine extends AutoCloseable {

    /** Name of the dialect whose SQL this engine runs, e.g. {@code duckdb}. */
    String dialect();

    /** The latest time found in the data's time columns: the default reference time. */
    Instant latestDataTime();

    /** Runs one segment with {@code @run_time} bound to {@code runTime}. */
    SegmentPreview run(RenderedSegment segment, Instant runTime);

    @Override
    void close();
}

package io.segmentsascode.preview;

import io.segmentsascode.render.RenderedSegment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port to an embedded warehouse that runs segments rendered for its dialect. Implementations
 * hold the sample data and bind the reference time ({@code @run_time}) before each query.
 */
public interface PreviewEngine extends AutoCloseable {

    /** Name of the dialect whose SQL this engine runs, e.g. {@code duckdb}. */
    String dialect();

    /** The latest time found in the data's time columns: the default reference time. */
    Instant latestDataTime();

    /** The earliest and latest times found in the data's time columns; empty when no row has a time. */
    Optional<TimeRange> dataTimeRange();

    /** A span of the data's times, both ends included. */
    record TimeRange(Instant earliest, Instant latest) {
        public boolean contains(Instant time) {
            return !time.isBefore(earliest) && !time.isAfter(latest);
        }
    }

    /**
     * Runs one segment with {@code @run_time} bound to {@code runTime}; members are distinct users.
     *
     * @throws SegmentRunException when the engine rejects the segment's SQL or its rows repeat a
     *                             user: that segment's failure, after which the others can still run
     */
    SegmentPreview run(RenderedSegment segment, Instant runTime);

    /**
     * The segment's member user ids, sorted and distinct (for overlaps and audience sizes).
     *
     * @throws SegmentRunException when the engine rejects the segment's SQL
     */
    List<String> members(RenderedSegment segment, Instant runTime);

    /**
     * Runs a read-only query our code generated for this engine's dialect (never a user's SQL),
     * e.g. evaluate's sums over the experiments table: the rows in order, each value as the
     * engine's driver returns it (numbers as {@link Number}, text as {@link String}, NULL as null).
     *
     * @param purpose what the query is for (e.g. {@code evaluate}), named by the exception when it fails
     * @param runTime what the dialect's reference time ({@code @run_time}) is bound to
     * @throws SegmentRunException when the engine rejects the query
     */
    List<List<Object>> read(String purpose, String query, Instant runTime);

    /**
     * Identifies the data the figures come from (e.g. sample spec and layout): figures cached
     * under another fingerprint are not reused.
     */
    String dataFingerprint();

    /** How the data is described in reports, e.g. "generated sample, 20,000 users, seed 42". */
    String dataLabel();

    @Override
    void close();
}

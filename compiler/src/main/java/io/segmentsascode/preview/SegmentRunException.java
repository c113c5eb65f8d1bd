package io.segmentsascode.preview;

/**
 * One segment could not be run on the preview warehouse (the engine rejected its SQL, or its rows
 * broke a rule such as one row per user). The other segments can still run: callers record the
 * reason against this segment and report every failed segment together once the others are done.
 */
public final class SegmentRunException extends RuntimeException {

    private final String segmentId;
    private final String reason;

    public SegmentRunException(String segmentId, String reason, Throwable cause) {
        super("segment '" + segmentId + "' failed on the preview warehouse: " + reason, cause);
        this.segmentId = segmentId;
        this.reason = reason;
    }

    public String segmentId() {
        return segmentId;
    }

    /** What went wrong, without the segment's name: e.g. the engine's error message. */
    public String reason() {
        return reason;
    }
}

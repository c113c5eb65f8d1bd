package io.segmentsascode.render;

import java.util.List;

/**
 * One segment's SQL for one dialect: a single read-only SELECT over the envelope of logical
 * tables. {@code hasLabel} says whether the result has a {@code segment_label} column.
 */
public record RenderedSegment(String segmentId, String dialect, String sql, List<OutputColumn> columns) {

    public static final String LABEL_COLUMN = "segment_label";

    public RenderedSegment {
        columns = List.copyOf(columns);
    }

    public boolean hasLabel() {
        return columns.stream().anyMatch(c -> c.name().equals(LABEL_COLUMN));
    }
}

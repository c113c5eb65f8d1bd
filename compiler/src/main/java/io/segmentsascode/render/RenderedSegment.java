package io.segmentsascode.render;

import io.segmentsascode.model.OutputColumn;
import java.util.List;

/**
 * One segment's SQL for one dialect: a single read-only SELECT over the envelope of logical
 * tables. {@code hasLabel} says whether the result has a {@code segment_label} column.
 * {@code rowsSql} is the same query without its run-time check of one row per user (the same text
 * when it has none): what a preview counts to say how many rows and users a failing check saw.
 */
public record RenderedSegment(
        String segmentId, String dialect, String sql, List<OutputColumn> columns, String rowsSql) {

    public RenderedSegment {
        columns = List.copyOf(columns);
    }

    /** SQL whose rows are unique by construction: nothing is checked at run time. */
    public RenderedSegment(String segmentId, String dialect, String sql, List<OutputColumn> columns) {
        this(segmentId, dialect, sql, columns, sql);
    }

    public boolean hasLabel() {
        return columns.stream().anyMatch(c -> c.name().equals(OutputColumn.LABEL_COLUMN));
    }
}

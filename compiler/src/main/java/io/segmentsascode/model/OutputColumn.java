package io.segmentsascode.model;

/** A column of a segment's result, with its BigQuery type: the segment's output contract. */
public record OutputColumn(String name, ColumnType type) {

    /** The column that names a user's label in a segment with labels (RFM, or SQL that returns one). */
    public static final String LABEL_COLUMN = "segment_label";
}

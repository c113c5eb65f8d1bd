package io.segmentsascode.render;

import io.segmentsascode.model.ColumnType;

/** A column of a segment's result, with its BigQuery type: the segment's output contract. */
public record OutputColumn(String name, ColumnType type) {
}

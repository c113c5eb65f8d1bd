package io.segmentsascode.model;

public record Column(String name, ColumnType type, String description, boolean pii) {
}

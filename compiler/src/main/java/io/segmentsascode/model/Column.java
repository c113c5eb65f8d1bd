package io.segmentsascode.model;

public record Column(String name, DataType type, String description, boolean pii) {

    public Column(String name, ColumnType scalar, String description, boolean pii) {
        this(name, DataType.of(scalar), description, pii);
    }
}

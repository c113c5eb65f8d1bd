package io.segmentsascode.model;

import io.segmentsascode.expr.ValueType;

/** BigQuery column types the warehouse context may declare (GoogleSQL names). */
public enum ColumnType {
    STRING(ValueType.STRING),
    INT64(ValueType.NUMBER),
    NUMERIC(ValueType.NUMBER),
    FLOAT64(ValueType.NUMBER),
    BOOL(ValueType.BOOLEAN),
    DATE(ValueType.DATE),
    TIMESTAMP(ValueType.TIMESTAMP);

    private final ValueType valueType;

    ColumnType(ValueType valueType) {
        this.valueType = valueType;
    }

    public ValueType valueType() {
        return valueType;
    }

    public boolean isNumeric() {
        return valueType == ValueType.NUMBER;
    }
}

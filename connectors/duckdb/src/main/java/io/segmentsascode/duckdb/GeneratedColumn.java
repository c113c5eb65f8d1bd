package io.segmentsascode.duckdb;

import io.segmentsascode.model.ColumnType;

/** A column the generator knows how to fill, with the type of the values it produces. */
record GeneratedColumn(String name, ColumnType type) {

    static GeneratedColumn string(String name) {
        return new GeneratedColumn(name, ColumnType.STRING);
    }

    static GeneratedColumn int64(String name) {
        return new GeneratedColumn(name, ColumnType.INT64);
    }

    static GeneratedColumn numeric(String name) {
        return new GeneratedColumn(name, ColumnType.NUMERIC);
    }

    static GeneratedColumn bool(String name) {
        return new GeneratedColumn(name, ColumnType.BOOL);
    }

    static GeneratedColumn date(String name) {
        return new GeneratedColumn(name, ColumnType.DATE);
    }

    static GeneratedColumn timestamp(String name) {
        return new GeneratedColumn(name, ColumnType.TIMESTAMP);
    }
}

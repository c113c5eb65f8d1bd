package io.segmentsascode.model;

import io.segmentsascode.expr.ValueType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A column's BigQuery type: a scalar ({@link ColumnType}) or, as exports such as GA4's have them,
 * an {@code ARRAY<…>} or a {@code STRUCT<…>} of further types. {@link #toString()} is the BigQuery
 * spelling, the same text a declaration is parsed from (so catalog hashes and messages read as
 * warehouse.yaml does).
 */
public sealed interface DataType {

    static DataType of(ColumnType scalar) {
        return new Scalar(scalar);
    }

    /** The scalar type, empty for arrays and structs. */
    default Optional<ColumnType> scalar() {
        return this instanceof Scalar s ? Optional.of(s.type()) : Optional.empty();
    }

    /** What conditions of the expression language see: scalars by family, nested values as {@link ValueType#NESTED}. */
    default ValueType valueType() {
        return scalar().map(ColumnType::valueType).orElse(ValueType.NESTED);
    }

    default boolean isNumeric() {
        return scalar().map(ColumnType::isNumeric).orElse(false);
    }

    record Scalar(ColumnType type) implements DataType {
        @Override
        public String toString() {
            return type.name();
        }
    }

    record Array(DataType element) implements DataType {
        @Override
        public String toString() {
            return "ARRAY<" + element + ">";
        }
    }

    record Struct(List<Field> fields) implements DataType {
        public Struct {
            fields = List.copyOf(fields);
        }

        @Override
        public String toString() {
            return fields.stream().map(Field::toString).collect(Collectors.joining(", ", "STRUCT<", ">"));
        }
    }

    record Field(String name, DataType type) {
        @Override
        public String toString() {
            return name + " " + type;
        }
    }
}

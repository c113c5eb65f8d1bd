package io.segmentsascode.duckdb;

import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.DataType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.duckdb.DuckDBAppender;

/**
 * Java values of each column type (STRING=String, INT64=Long, NUMERIC=BigDecimal,
 * FLOAT64=Double, BOOL=Boolean, DATE=LocalDate, TIMESTAMP=LocalDateTime) and the conversions the
 * generator allows when a warehouse declares a known column with another type than it produces.
 */
final class TypedValues {

    /** DECIMAL(38,9): DuckDB's appender rejects a BigDecimal of any other scale. */
    private static final int NUMERIC_SCALE = 9;

    private TypedValues() {}

    /** Generated values are scalars: they fill no array or struct column. */
    static boolean convertible(ColumnType from, DataType declared) {
        if (declared.scalar().isEmpty()) {
            return false;
        }
        ColumnType to = declared.scalar().get();
        return from == to
                || to == ColumnType.STRING
                || from.isNumeric() && to.isNumeric()
                || from == ColumnType.DATE && to == ColumnType.TIMESTAMP
                || from == ColumnType.TIMESTAMP && to == ColumnType.DATE;
    }

    /** {@code value} (of a type {@link #convertible} to {@code to}) as a value of {@code to}. */
    static Object convert(Object value, DataType declared) {
        if (value == null) {
            return null;
        }
        return switch (declared.scalar().orElseThrow()) {
            case STRING -> value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
            case INT64 -> value instanceof Long ? value : Long.valueOf(((Number) value).longValue());
            case NUMERIC -> value instanceof BigDecimal ? value : new BigDecimal(value.toString());
            case FLOAT64 -> value instanceof Double ? value : Double.valueOf(((Number) value).doubleValue());
            case BOOL -> value;
            case DATE -> value instanceof LocalDateTime time ? time.toLocalDate() : value;
            case TIMESTAMP -> value instanceof LocalDate date ? date.atStartOfDay() : value;
        };
    }

    /** Array and struct columns take only NULL here (an absent array, as BigQuery reads it: no elements). */
    static void append(DuckDBAppender appender, DataType type, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (type.scalar().orElseThrow()) {
            case STRING -> appender.append((String) value);
            case INT64 -> appender.append(((Long) value).longValue());
            case NUMERIC -> appender.append(((BigDecimal) value).setScale(NUMERIC_SCALE, RoundingMode.HALF_UP));
            case FLOAT64 -> appender.append(((Double) value).doubleValue());
            case BOOL -> appender.append(((Boolean) value).booleanValue());
            case DATE -> appender.append((LocalDate) value);
            case TIMESTAMP -> appender.append((LocalDateTime) value);
        }
    }
}

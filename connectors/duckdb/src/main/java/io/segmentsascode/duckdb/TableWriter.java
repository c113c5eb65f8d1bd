package io.segmentsascode.duckdb;

import io.segmentsascode.model.Column;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends generated rows to {@code raw.<table>} in the warehouse's declared column order. The
 * generator hands values for the columns it knows; declared columns it does not know, or whose
 * declared type its values cannot become, get {@link Placeholders}. For a table the warehouse
 * does not declare, rows are dropped, so generators need no "is this table wanted?" checks.
 */
final class TableWriter implements AutoCloseable {

    /** Per declared column: which generated value feeds it, or none (placeholder). */
    private record Slot(Column column, int generatedIndex) {}

    private final DuckDBAppender appender;
    private final List<Slot> slots;
    private final Placeholders placeholders;
    private long rows;

    private TableWriter(DuckDBAppender appender, List<Slot> slots, Placeholders placeholders) {
        this.appender = appender;
        this.slots = slots;
        this.placeholders = placeholders;
    }

    static TableWriter open(
            DuckDBConnection connection,
            Warehouse warehouse,
            String table,
            List<GeneratedColumn> generated,
            Placeholders placeholders)
            throws SQLException {
        Optional<Table> declared = warehouse.table(table);
        if (declared.isEmpty()) {
            return new TableWriter(null, List.of(), placeholders);
        }
        List<Slot> slots = new ArrayList<>();
        for (Column column : declared.get().columns().values()) {
            slots.add(new Slot(column, generatedIndex(column, generated)));
        }
        DuckDBAppender appender = connection.createAppender(RawSchema.SCHEMA, table);
        return new TableWriter(appender, slots, placeholders);
    }

    private static int generatedIndex(Column column, List<GeneratedColumn> generated) {
        for (int i = 0; i < generated.size(); i++) {
            GeneratedColumn candidate = generated.get(i);
            if (candidate.name().equals(column.name()) && TypedValues.convertible(candidate.type(), column.type())) {
                return i;
            }
        }
        return -1;
    }

    /** One row; {@code values} follow the order of the generated columns given to {@link #open}. */
    void append(Object... values) throws SQLException {
        if (appender == null) {
            return;
        }
        appender.beginRow();
        for (Slot slot : slots) {
            Object value = slot.generatedIndex() >= 0
                    ? TypedValues.convert(
                            values[slot.generatedIndex()], slot.column().type())
                    : placeholders.value(slot.column(), rows);
            TypedValues.append(appender, slot.column().type(), value);
        }
        appender.endRow();
        rows++;
    }

    @Override
    public void close() throws SQLException {
        if (appender != null) {
            appender.close();
        }
    }
}

package io.segmentsascode.duckdb;

import io.segmentsascode.model.Column;
import io.segmentsascode.model.Table;
import java.math.BigDecimal;

/**
 * Values for tables and columns the generator does not know (a team's own warehouse may declare
 * more than the bundled one): deterministic, typed, varied by row, and inside the sample's time
 * frame, so any segment still compiles and runs. A {@code user_id} column cycles through the
 * generated users so joins find partners.
 */
final class Placeholders {

    private final IdFormat userIds;
    private final int users;

    Placeholders(IdFormat userIds, int users) {
        this.userIds = userIds;
        this.users = users;
    }

    /** Array and struct columns the generator does not know stay NULL: it has no values to put in them. */
    Object value(Column column, long row) {
        if (column.type().scalar().isEmpty()) {
            return null;
        }
        return switch (column.type().scalar().get()) {
            case STRING ->
                column.name().equals(Table.USER_KEY) ? userIds.format(1 + row % users) : column.name() + "_" + row;
            case INT64 -> row;
            case NUMERIC -> BigDecimal.valueOf(row * 25 + 1, 2);
            case FLOAT64 -> row * 0.5;
            case BOOL -> row % 2 == 0;
            case DATE -> SampleTime.END_DATE.minusDays(row % SampleTime.SPAN.toDays());
            // row 0 sits at the end, so the latest data time is the generator's end time
            case TIMESTAMP ->
                SampleTime.timestamp(SampleTime.END_SECOND - (row * 3_600) % SampleTime.SPAN.getSeconds());
        };
    }
}

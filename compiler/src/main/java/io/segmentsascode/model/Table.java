package io.segmentsascode.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A logical table of the warehouse; segment SQL names it, the renderer binds it to its physical
 * table ({@code physicalName}, the logical name unless warehouse.yaml says otherwise).
 */
public record Table(
        String name,
        String description,
        Optional<String> key,
        Optional<String> timeColumn,
        Map<String, Column> columns,
        String physicalName,
        Optional<DayShards> dayShards) {

    public static final String USER_KEY = "user_id";

    /**
     * The physical table is a wildcard over one table per day ({@code events_*} over
     * {@code events_20260131}, as the GA4 export writes them): BigQuery's {@code _TABLE_SUFFIX} is
     * the day as {@code YYYYMMDD}. Queries bound it so that no segment scans the whole export;
     * {@code lookbackDays} is the bound of segments that declare no window of their own.
     */
    public record DayShards(int lookbackDays) {}

    public Table {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    /** A table stored under its logical name, in one piece. */
    public Table(
            String name,
            String description,
            Optional<String> key,
            Optional<String> timeColumn,
            Map<String, Column> columns) {
        this(name, description, key, timeColumn, columns, name, Optional.empty());
    }

    public Optional<Column> column(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    public boolean isPerUser() {
        return columns.containsKey(USER_KEY);
    }
}

package io.segmentsascode.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A logical table of the warehouse; segment SQL names it, the renderer binds it to a physical table. */
public record Table(String name, String description, Optional<String> key, Optional<String> timeColumn,
        Map<String, Column> columns) {

    public static final String USER_KEY = "user_id";

    public Table {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public Optional<Column> column(String column) {
        return Optional.ofNullable(columns.get(column));
    }

    public boolean isPerUser() {
        return columns.containsKey(USER_KEY);
    }
}

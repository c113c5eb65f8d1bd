package io.segmentsascode.fakes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The rows of the fake's tables, in an embedded in-memory DuckDB: each table that holds rows has a DuckDB "twin"
 * (named by its {@code project.dataset.table} id, columns from its BigQuery schema). A table gets its twin when a DML
 * statement on it is evaluated, when rows are seeded ({@link BigQueryState#insertRows}), or when a query that reads
 * stored rows names it (then it is empty). Statements are rewritten by {@link GoogleSqlToDuckDb} and evaluated by
 * DuckDB, so what a client reads back is what its own statements wrote.
 *
 * <p>The rule that keeps this honest: a statement naming a table that holds rows is evaluated or fails with 400
 * invalidQuery (the message says what the fake could not evaluate); it never answers "no rows" for stored rows.
 * A statement naming no such table and not evaluable (e.g. a refresh script's SQL over source tables the test only
 * declared) keeps the fake's old behaviour: the tables exist, no rows.
 *
 * <p>Not thread-safe on its own: {@link BigQueryState} calls it with its lock held. The DuckDB connection is opened on
 * first use, so a test that stores no rows pays nothing.
 */
final class StoredRows implements AutoCloseable {
    private Connection connection;
    private final Set<String> twins = new LinkedHashSet<>();
    private int snapshots;

    /** Twins of a moment, copied into their own DuckDB schema; see {@link #snapshot()}. */
    record Snapshot(String schema, Set<String> tables) {}

    boolean holds(String tableId) {
        return twins.contains(tableId);
    }

    Set<String> tables() {
        return new LinkedHashSet<>(twins);
    }

    static String twinName(String tableId) {
        return "\"" + tableId + "\"";
    }

    /** Creates the empty twin of a table from its REST schema fields; false when a column type cannot be stored. */
    boolean create(String tableId, JsonArray fields) {
        if (twins.contains(tableId)) return true;
        if (fields.isEmpty()) return false;
        List<String> columns = new ArrayList<>();
        for (JsonElement f : fields) {
            JsonObject field = f.getAsJsonObject();
            Optional<String> type = duckType(field);
            if (type.isEmpty()) return false;
            boolean required = field.has("mode")
                    && "REQUIRED".equalsIgnoreCase(field.get("mode").getAsString());
            columns.add("\"" + field.get("name").getAsString() + "\" " + type.get() + (required ? " NOT NULL" : ""));
        }
        update("CREATE TABLE " + twinName(tableId) + " (" + String.join(", ", columns) + ")");
        twins.add(tableId);
        return true;
    }

    /** The table was dropped or replaced: its rows go with it. */
    void forget(String tableId) {
        if (twins.remove(tableId)) update("DROP TABLE IF EXISTS " + twinName(tableId));
    }

    void forgetAll() {
        for (String t : List.copyOf(twins)) forget(t);
    }

    void truncate(String tableId) {
        if (twins.contains(tableId)) update("DELETE FROM " + twinName(tableId));
    }

    long count(String tableId) {
        try (Statement s = connection().createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + twinName(tableId))) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("counting the rows of " + tableId + ": " + e.getMessage(), e);
        }
    }

    void insert(String tableId, List<Map<String, ?>> rows) {
        for (Map<String, ?> row : rows) {
            List<String> names = new ArrayList<>(row.keySet());
            String sql = "INSERT INTO " + twinName(tableId) + " ("
                    + String.join(", ", names.stream().map(n -> "\"" + n + "\"").toList()) + ") VALUES ("
                    + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
            try (PreparedStatement p = connection().prepareStatement(sql)) {
                for (int i = 0; i < names.size(); i++) p.setObject(i + 1, row.get(names.get(i)));
                p.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalArgumentException("rows for " + tableId + " refused: " + e.getMessage(), e);
            }
        }
    }

    /** Every row of the twin, values as the REST API encodes them, keyed by column name. */
    List<Map<String, String>> rows(String tableId) {
        QueryEngine.Result r = query("SELECT * FROM " + twinName(tableId));
        List<Map<String, String>> out = new ArrayList<>();
        for (List<String> row : r.rows()) {
            Map<String, String> named = new LinkedHashMap<>();
            for (int i = 0; i < row.size(); i++) {
                named.put(r.schema().get(i).getAsJsonObject().get("name").getAsString(), row.get(i));
            }
            out.add(named);
        }
        return out;
    }

    /** Runs DML; the number of rows it changed. */
    long dml(String sql) {
        try (Statement s = connection().createStatement()) {
            s.execute(sql);
            return Math.max(0, s.getUpdateCount());
        } catch (SQLException e) {
            throw new Refused(e);
        }
    }

    /** Runs a query; its result as the REST API encodes it. */
    QueryEngine.Result query(String sql) {
        try (Statement s = connection().createStatement();
                ResultSet r = s.executeQuery(sql)) {
            ResultSetMetaData m = r.getMetaData();
            JsonArray schema = new JsonArray();
            List<String> types = new ArrayList<>();
            int anonymous = 0;
            for (int i = 1; i <= m.getColumnCount(); i++) {
                String type = restType(m.getColumnTypeName(i));
                String label = m.getColumnLabel(i);
                // BigQuery names an expression without an alias f0_, f1_, ...
                String name = label.matches("[A-Za-z_][A-Za-z0-9_]*") ? label : "f" + anonymous++ + "_";
                types.add(type);
                schema.add(DefaultQueryEngine.fields(name + ":" + type).get(0));
            }
            List<List<String>> rows = new ArrayList<>();
            while (r.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= types.size(); i++) row.add(restValue(r, i, types.get(i - 1)));
                rows.add(row);
            }
            return new QueryEngine.Result(schema, rows, false, "SELECT", -1);
        } catch (SQLException e) {
            throw new Refused(e);
        }
    }

    /** DuckDB refused a statement; the message is DuckDB's. */
    static final class Refused extends RuntimeException {
        Refused(SQLException cause) {
            super(cause.getMessage().lines().findFirst().orElse("refused"), cause);
        }
    }

    /** Copies every twin, so that {@link #restore} can put them back (a transaction's ROLLBACK). */
    Snapshot snapshot() {
        String schema = "snapshot_" + ++snapshots;
        if (twins.isEmpty()) return new Snapshot(schema, Set.of());
        update("CREATE SCHEMA " + schema);
        for (String t : twins)
            update("CREATE TABLE " + schema + "." + twinName(t) + " AS SELECT * FROM " + twinName(t));
        return new Snapshot(schema, new LinkedHashSet<>(twins));
    }

    /**
     * Puts the twins of {@code snapshot} back, their columns made again from {@code schemas} (the table schemas that
     * were restored with them); twins made since are dropped.
     */
    void restore(Snapshot snapshot, Map<String, JsonArray> schemas) {
        forgetAll();
        for (String t : snapshot.tables()) {
            JsonArray fields = schemas.get(t);
            if (fields == null || !create(t, fields)) continue;
            update("INSERT INTO " + twinName(t) + " SELECT * FROM " + snapshot.schema() + "." + twinName(t));
        }
        discard(snapshot);
    }

    void discard(Snapshot snapshot) {
        if (!snapshot.tables().isEmpty()) update("DROP SCHEMA IF EXISTS " + snapshot.schema() + " CASCADE");
    }

    @Override
    public void close() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException e) {
            // closing an in-memory database: nothing left to lose
        }
        connection = null;
        twins.clear();
    }

    private void update(String sql) {
        try (Statement s = connection().createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("the fake's row store refused " + sql + ": " + e.getMessage(), e);
        }
    }

    private Connection connection() {
        if (connection == null) {
            try {
                connection = DriverManager.getConnection("jdbc:duckdb:");
                try (Statement s = connection.createStatement()) {
                    s.execute("SET TimeZone = 'UTC'"); // TIMESTAMP is an absolute time in BigQuery
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the fake's row store (an in-memory DuckDB) did not open", e);
            }
        }
        return connection;
    }

    /** A BigQuery column's DuckDB type; empty for what the fake does not store (REPEATED, RECORD, JSON, GEOGRAPHY). */
    static Optional<String> duckType(JsonObject field) {
        if (field.has("mode") && "REPEATED".equalsIgnoreCase(field.get("mode").getAsString())) return Optional.empty();
        String type = field.get("type").getAsString().toUpperCase(Locale.ROOT);
        return Optional.ofNullable(
                switch (type) {
                    case "STRING" -> "VARCHAR";
                    case "INTEGER", "INT64" -> "BIGINT";
                    case "FLOAT", "FLOAT64" -> "DOUBLE";
                    case "NUMERIC", "BIGNUMERIC" -> "DECIMAL(38, 9)";
                    case "BOOLEAN", "BOOL" -> "BOOLEAN";
                    case "TIMESTAMP" -> "TIMESTAMPTZ";
                    case "DATETIME" -> "TIMESTAMP";
                    case "DATE" -> "DATE";
                    case "TIME" -> "TIME";
                    case "BYTES" -> "BLOB";
                    default -> null;
                });
    }

    /** A DuckDB result type as a BigQuery REST type. */
    private static String restType(String duckType) {
        String t = duckType.toUpperCase(Locale.ROOT);
        if (t.startsWith("DECIMAL")) return "NUMERIC";
        return switch (t) {
            case "VARCHAR" -> "STRING";
            case "BIGINT",
                    "INTEGER",
                    "SMALLINT",
                    "TINYINT",
                    "HUGEINT",
                    "UBIGINT",
                    "UINTEGER",
                    "USMALLINT",
                    "UTINYINT" -> "INTEGER";
            case "DOUBLE", "FLOAT" -> "FLOAT";
            case "BOOLEAN" -> "BOOLEAN";
            case "TIMESTAMP WITH TIME ZONE" -> "TIMESTAMP";
            case "TIMESTAMP" -> "DATETIME";
            case "DATE" -> "DATE";
            case "TIME" -> "TIME";
            case "BLOB" -> "BYTES";
            case "\"NULL\"", "NULL" -> "STRING";
            default -> throw new Refused(new SQLException("the fake returns no column of DuckDB type " + duckType));
        };
    }

    /** A value as the REST API encodes it: a string (TIMESTAMP as seconds since the epoch, BYTES as base64). */
    private static String restValue(ResultSet r, int i, String type) throws SQLException {
        if (r.getObject(i) == null) return null;
        return switch (type) {
            case "TIMESTAMP" -> {
                OffsetDateTime t = r.getObject(i, OffsetDateTime.class);
                long micros = t.toEpochSecond() * 1_000_000L + t.getNano() / 1_000;
                yield new BigDecimal(micros).movePointLeft(6).toPlainString();
            }
            case "DATETIME" -> r.getString(i).replace(' ', 'T');
            case "NUMERIC" -> r.getBigDecimal(i).stripTrailingZeros().toPlainString();
            case "FLOAT" -> Double.toString(r.getDouble(i));
            case "BOOLEAN" -> Boolean.toString(r.getBoolean(i));
            case "BYTES" -> Base64.getEncoder().encodeToString(r.getBytes(i));
            default -> r.getString(i);
        };
    }
}

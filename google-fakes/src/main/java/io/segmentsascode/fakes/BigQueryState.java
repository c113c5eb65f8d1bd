package io.segmentsascode.fakes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fake BigQuery's datasets and tables, as BigQuery REST resources (gson objects). Table ids are
 * {@code "project.dataset.table"}, dataset ids {@code "project.dataset"}. Every method is synchronized on this object;
 * {@link FakeBigQuery} holds the same lock while it serves a call, so tests may change state at any time.
 */
public final class BigQueryState {
    private final Map<String, JsonObject> datasets = new LinkedHashMap<>();
    private final Map<String, JsonObject> tables = new LinkedHashMap<>();
    private final Map<String, String> procedures = new LinkedHashMap<>();
    /** The rows of the tables that hold any (see {@link StoredRows}). */
    private final StoredRows rows = new StoredRows();

    private long clock = 1_764_806_400_000L; // 2025-12-04T00:00:00Z, advanced by each change: deterministic times

    private boolean wallClock;

    long now() {
        // run by hand, times follow the wall clock (never backwards); in tests they advance one second per change
        return clock = wallClock ? Math.max(clock + 1, System.currentTimeMillis()) : clock + 1000;
    }

    /** Times follow the wall clock from now on, as Google's would, for fakes run by hand. */
    public synchronized void useWallClock() {
        wallClock = true;
        clock = System.currentTimeMillis();
    }

    /**
     * Sets the fake's clock (epoch millis) used for creationTime/lastModifiedTime from now on; it still advances one
     * second per change. Default: 2025-12-04T00:00:00Z, so that outputs are the same on every run.
     */
    public synchronized void setClock(long epochMillis) {
        clock = epochMillis;
    }

    // ---- datasets

    public synchronized JsonObject dataset(String datasetId) {
        return datasets.get(datasetId);
    }

    public synchronized boolean hasDataset(String datasetId) {
        return datasets.containsKey(datasetId);
    }

    /** Adds a dataset (location "US") unless it exists; returns it. */
    public synchronized JsonObject addDataset(String datasetId) {
        return addDataset(datasetId, "US");
    }

    public synchronized JsonObject addDataset(String datasetId, String location) {
        JsonObject existing = datasets.get(datasetId);
        if (existing != null) return existing;
        String[] pd = split(datasetId, 2);
        JsonObject ds = new JsonObject();
        JsonObject ref = new JsonObject();
        ref.addProperty("projectId", pd[0]);
        ref.addProperty("datasetId", pd[1]);
        ds.add("datasetReference", ref);
        ds.addProperty("location", location);
        putDataset(ds);
        return ds;
    }

    synchronized void putDataset(JsonObject ds) {
        JsonObject ref = ds.getAsJsonObject("datasetReference");
        String p = ref.get("projectId").getAsString();
        String d = ref.get("datasetId").getAsString();
        ds.addProperty("kind", "bigquery#dataset");
        ds.addProperty("id", p + ":" + d);
        if (!ds.has("location")) ds.addProperty("location", "US");
        long t = now();
        if (!ds.has("creationTime")) ds.addProperty("creationTime", Long.toString(t));
        ds.addProperty("lastModifiedTime", Long.toString(t));
        ds.addProperty("etag", "etag-" + t);
        datasets.put(p + "." + d, ds);
    }

    public synchronized boolean removeDataset(String datasetId) {
        rows.tables().stream().filter(k -> k.startsWith(datasetId + ".")).forEach(rows::forget);
        tables.keySet().removeIf(k -> k.startsWith(datasetId + "."));
        return datasets.remove(datasetId) != null;
    }

    public synchronized Map<String, JsonObject> datasets() {
        return new LinkedHashMap<>(datasets);
    }

    // ---- tables

    public synchronized JsonObject table(String tableId) {
        return tables.get(tableId);
    }

    public synchronized boolean hasTable(String tableId) {
        return tables.containsKey(tableId);
    }

    public synchronized Map<String, JsonObject> tables() {
        return new LinkedHashMap<>(tables);
    }

    /**
     * Adds or replaces a table with these schema fields (REST shape {@code [{"name","type","mode"}]}, may be empty).
     * Creates its dataset if missing (state set-up by tests; the HTTP API itself insists on the dataset).
     */
    public synchronized JsonObject putTable(String tableId, JsonArray fields) {
        String[] pdt = split(tableId, 3);
        addDataset(pdt[0] + "." + pdt[1]);
        JsonObject t = new JsonObject();
        JsonObject ref = new JsonObject();
        ref.addProperty("projectId", pdt[0]);
        ref.addProperty("datasetId", pdt[1]);
        ref.addProperty("tableId", pdt[2]);
        t.add("tableReference", ref);
        JsonObject schema = new JsonObject();
        schema.add("fields", fields == null ? new JsonArray() : fields.deepCopy());
        t.add("schema", schema);
        return insertTable(t);
    }

    /** Convenience: {@code putTable("p.d.t", "id:INTEGER", "name:STRING")}. */
    public synchronized JsonObject putTable(String tableId, String... columns) {
        JsonArray fields = new JsonArray();
        for (String c : columns) {
            String[] nt = c.split(":", 2);
            JsonObject f = new JsonObject();
            f.addProperty("name", nt[0]);
            f.addProperty("type", nt.length > 1 ? nt[1] : "STRING");
            f.addProperty("mode", "NULLABLE");
            fields.add(f);
        }
        return putTable(tableId, fields);
    }

    synchronized JsonObject insertTable(JsonObject t) {
        JsonObject ref = t.getAsJsonObject("tableReference");
        String p = ref.get("projectId").getAsString();
        String d = ref.get("datasetId").getAsString();
        String n = ref.get("tableId").getAsString();
        t.addProperty("kind", "bigquery#table");
        t.addProperty("id", p + ":" + d + "." + n);
        if (!t.has("type")) t.addProperty("type", "TABLE");
        if (!t.has("numBytes")) t.addProperty("numBytes", "0");
        if (!t.has("numRows")) t.addProperty("numRows", "0");
        if (!t.has("schema")) {
            JsonObject s = new JsonObject();
            s.add("fields", new JsonArray());
            t.add("schema", s);
        }
        JsonObject ds = datasets.get(p + "." + d);
        t.addProperty("location", ds == null ? "US" : ds.get("location").getAsString());
        long now = now();
        t.addProperty("creationTime", Long.toString(now));
        t.addProperty("lastModifiedTime", Long.toString(now));
        t.addProperty("etag", "etag-" + now);
        rows.forget(p + "." + d + "." + n); // a new (or replaced) table holds no rows
        tables.put(p + "." + d + "." + n, t);
        return t;
    }

    synchronized void touch(JsonObject t) {
        long now = now();
        t.addProperty("lastModifiedTime", Long.toString(now));
        t.addProperty("etag", "etag-" + now);
    }

    public synchronized boolean dropTable(String tableId) {
        rows.forget(tableId);
        return tables.remove(tableId) != null;
    }

    /** The table's numBytes: what the default {@link BytesEstimator} sums for every query reading it. */
    public synchronized void setNumBytes(String tableId, long bytes) {
        JsonObject t = require(tableId);
        t.addProperty("numBytes", Long.toString(bytes));
    }

    public synchronized void setNumRows(String tableId, long rows) {
        require(tableId).addProperty("numRows", Long.toString(rows));
    }

    public synchronized long numBytes(String tableId) {
        JsonObject t = tables.get(tableId);
        return t == null || !t.has("numBytes") ? 0 : t.get("numBytes").getAsLong();
    }

    public synchronized void setDescription(String tableId, String description) {
        JsonObject t = require(tableId);
        t.addProperty("description", description);
        touch(t);
    }

    /** Drift helper: replaces the table's labels behind the client's back. */
    public synchronized void setLabels(String tableId, Map<String, String> labels) {
        JsonObject t = require(tableId);
        JsonObject l = new JsonObject();
        labels.forEach(l::addProperty);
        t.add("labels", l);
        touch(t);
    }

    public synchronized Map<String, String> labels(String tableId) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonObject t = require(tableId);
        if (t.has("labels") && t.get("labels").isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : t.getAsJsonObject("labels").entrySet()) {
                out.put(
                        e.getKey(),
                        e.getValue().isJsonNull() ? null : e.getValue().getAsString());
            }
        }
        return out;
    }

    /** Drift helper / test set-up: replaces the table's schema fields (refused for a table holding rows). */
    public synchronized void setSchema(String tableId, JsonArray fields) {
        JsonObject t = require(tableId);
        if (rows.holds(tableId)) {
            throw new IllegalStateException("the fake does not change the schema of " + tableId + ", which holds rows");
        }
        JsonObject s = new JsonObject();
        s.add("fields", fields.deepCopy());
        t.add("schema", s);
        touch(t);
    }

    public synchronized JsonArray schemaFields(String tableId) {
        JsonObject t = require(tableId);
        JsonObject s = t.getAsJsonObject("schema");
        return s != null && s.has("fields") ? s.getAsJsonArray("fields") : new JsonArray();
    }

    /** Removes every dataset, table and procedure, and the tables' rows. */
    public synchronized void clear() {
        rows.forgetAll();
        datasets.clear();
        tables.clear();
        procedures.clear();
    }

    /** Stores (or replaces) procedure {@code "project.dataset.name"} with the statements of its body. */
    public synchronized void putProcedure(String procedureId, String body) {
        procedures.put(procedureId, body);
    }

    /** The body of procedure {@code "project.dataset.name"}, or null when none was created. */
    public synchronized String procedure(String procedureId) {
        return procedures.get(procedureId);
    }

    /** The ids of every procedure created. */
    public synchronized Set<String> procedureIds() {
        return new LinkedHashSet<>(procedures.keySet());
    }

    // ---- rows

    /**
     * Stores rows in a table, as if a job had inserted them (test set-up: segment tables a refresh filled, an identity
     * table). Values by column name: String, Long/Integer, Double, BigDecimal, Boolean, java.time.OffsetDateTime
     * (TIMESTAMP), java.time.LocalDate (DATE). The table must exist with a schema; numRows follows.
     */
    public synchronized void insertRows(String tableId, List<? extends Map<String, ?>> newRows) {
        require(tableId);
        if (!rows.create(tableId, schemaFields(tableId))) {
            throw new IllegalArgumentException("the fake cannot store rows of " + tableId
                    + " (no schema, or a REPEATED/RECORD/JSON column): " + schemaFields(tableId));
        }
        rows.insert(tableId, List.copyOf(newRows));
        countRows(tableId);
        touch(require(tableId)); // a write: lastModifiedTime moves, as BigQuery's does
    }

    /** Deletes every stored row of a table, as a job's DELETE would; numRows becomes 0. */
    public synchronized void deleteRows(String tableId) {
        require(tableId);
        rows.truncate(tableId);
        setNumRows(tableId, 0);
        touch(require(tableId));
    }

    /** The rows a table holds, values as the REST API encodes them (TIMESTAMP as epoch seconds); none if it holds none. */
    public synchronized List<Map<String, String>> rows(String tableId) {
        require(tableId);
        return rows.holds(tableId) ? rows.rows(tableId) : List.of();
    }

    /** Whether the table holds rows the fake evaluates statements on (see {@link StoredRows}). */
    public synchronized boolean holdsRows(String tableId) {
        return rows.holds(tableId);
    }

    synchronized StoredRows storedRows() {
        return rows;
    }

    /** numRows of a table holding rows follows its rows. */
    synchronized void countRows(String tableId) {
        if (rows.holds(tableId) && tables.containsKey(tableId)) setNumRows(tableId, rows.count(tableId));
    }

    synchronized void closeRows() {
        rows.close();
    }

    // ---- transactions

    /** The datasets, tables and rows of this moment, for {@link #restore} (ROLLBACK) or {@link #discard} (COMMIT). */
    synchronized Object[] snapshot() {
        Map<String, JsonObject> d = new LinkedHashMap<>();
        datasets.forEach((k, v) -> d.put(k, v.deepCopy()));
        Map<String, JsonObject> t = new LinkedHashMap<>();
        tables.forEach((k, v) -> t.put(k, v.deepCopy()));
        return new Object[] {d, t, rows.snapshot()};
    }

    @SuppressWarnings("unchecked")
    synchronized void restore(Object[] snap) {
        datasets.clear();
        datasets.putAll((Map<String, JsonObject>) snap[0]);
        tables.clear();
        tables.putAll((Map<String, JsonObject>) snap[1]);
        Map<String, JsonArray> schemas = new LinkedHashMap<>();
        tables.keySet().forEach(id -> schemas.put(id, schemaFields(id)));
        rows.restore((StoredRows.Snapshot) snap[2], schemas);
    }

    synchronized void discard(Object[] snap) {
        rows.discard((StoredRows.Snapshot) snap[2]);
    }

    synchronized JsonObject toJson() {
        JsonObject o = new JsonObject();
        JsonObject ds = new JsonObject();
        datasets.forEach(ds::add);
        JsonObject ts = new JsonObject();
        tables.forEach(ts::add);
        o.add("datasets", ds);
        o.add("tables", ts);
        return o;
    }

    private JsonObject require(String tableId) {
        JsonObject t = tables.get(tableId);
        if (t == null)
            throw new IllegalArgumentException("no table " + tableId + " in the fake (have " + tables.keySet() + ")");
        return t;
    }

    static String[] split(String id, int parts) {
        String[] s = id.split("\\.");
        if (s.length != parts) throw new IllegalArgumentException("expected " + parts + " dot-separated parts: " + id);
        return s;
    }
}

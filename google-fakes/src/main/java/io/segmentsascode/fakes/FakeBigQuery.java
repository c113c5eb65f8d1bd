package io.segmentsascode.fakes;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * A fake of the BigQuery REST API v2 on 127.0.0.1 for google-cloud-bigquery
 * ({@code BigQueryOptions.newBuilder().setHost(fake.endpoint())...}). Methods (the names used by {@link Faults} and
 * {@link CallLog}):
 * <pre>
 * datasets.get / datasets.insert / datasets.delete / datasets.list
 * tables.get / tables.insert / tables.patch / tables.update / tables.delete / tables.list
 * jobs.insert / jobs.get / jobs.getQueryResults / jobs.query / jobs.cancel
 * </pre>
 * Mutating: datasets.insert/delete, tables.insert/patch/update/delete, and query jobs whose SQL the
 * {@link QueryEngine} reports as mutating (never dry runs). Extra endpoints for people and tools (not recorded):
 * {@code GET /_fake/state}, {@code GET /_fake/calls}, {@code POST /_fake/seed}, {@code POST /_fake/reset}.
 */
public final class FakeBigQuery implements AutoCloseable {
    public static final String API = "bigquery";
    private static final Gson GSON = new GsonBuilder().serializeNulls().create();
    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().create();

    private final BigQueryState state = new BigQueryState();
    private final CallLog log;
    private final Faults faults;
    private final Map<String, JsonObject> jobs = new LinkedHashMap<>();
    private final Map<String, QueryEngine.Result> results = new LinkedHashMap<>();
    /** Results of query jobs by their (anonymous or given) destination table, for tabledata.list. */
    private final Map<String, QueryEngine.Result> anonymous = new LinkedHashMap<>();

    private final Map<String, JsonObject> queriesByRequestId = new LinkedHashMap<>();
    private final List<JobRecord> jobRecords = new ArrayList<>();
    private volatile QueryEngine engine = new DefaultQueryEngine();
    private volatile BytesEstimator estimator = new DefaultBytesEstimator();
    private HttpServer server;
    private ExecutorService executor;
    private int jobCounter;
    private final Map<String, Supplier<JsonElement>> extraState = new LinkedHashMap<>();
    private final List<Runnable> resetHooks = new ArrayList<>();

    /**
     * One query job the fake saw (dry runs included), for assertions on labels, limits and estimates.
     *
     * @param error null, or the reason the job failed with (e.g. {@code bytesBilledLimitExceeded})
     */
    public record JobRecord(
            String jobId,
            String method,
            String sql,
            boolean dryRun,
            Map<String, String> labels,
            Long maximumBytesBilled,
            long totalBytesProcessed,
            String statementType,
            String error) {}

    public FakeBigQuery() {
        this(new CallLog());
    }

    public FakeBigQuery(CallLog log) {
        this(log, new Faults());
    }

    /** With a call log and faults shared with another fake (see {@link GoogleFakes}). */
    public FakeBigQuery(CallLog log, Faults faults) {
        this.log = log;
        this.faults = faults;
    }

    /** Starts on 127.0.0.1:{@code port} (0 = any free port). */
    public FakeBigQuery start(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-bigquery");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** What to pass to {@code BigQueryOptions.Builder.setHost}: {@code http://127.0.0.1:PORT}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        if (server != null) server.stop(0);
        if (executor != null) executor.shutdownNow();
        state.closeRows();
    }

    // ---- inspection and set-up

    public BigQueryState state() {
        return state;
    }

    public Faults faults() {
        return faults;
    }

    public CallLog log() {
        return log;
    }

    public List<CallRecord> calls() {
        return log.calls();
    }

    public synchronized List<JobRecord> jobs() {
        return List.copyOf(jobRecords);
    }

    public synchronized List<JobRecord> dryRuns() {
        return jobRecords.stream().filter(JobRecord::dryRun).toList();
    }

    public void setQueryEngine(QueryEngine engine) {
        this.engine = engine;
    }

    public QueryEngine queryEngine() {
        return engine;
    }

    public void setBytesEstimator(BytesEstimator estimator) {
        this.estimator = estimator;
    }

    /** Forgets calls, jobs, tables, datasets and faults. */
    public synchronized void reset() {
        state.clear();
        jobs.clear();
        results.clear();
        anonymous.clear();
        queriesByRequestId.clear();
        jobRecords.clear();
        log.clear();
        faults.clear();
    }

    /**
     * Runs SQL the way a scheduled query would (no HTTP call, not recorded in the call log): the query engine executes
     * it, then, if {@code destinationTable} ({@code project.dataset.table}) is given, that table is created or
     * replaced ({@code WRITE_TRUNCATE}) or created if missing ({@code WRITE_APPEND}); a script or DDL/DML with a
     * destination table fails as in BigQuery, changing nothing. Throws {@link BigQueryError}.
     */
    public synchronized QueryEngine.Result runAsTransfer(
            String projectId, String sql, String destinationTable, String writeDisposition) {
        synchronized (state) {
            Object[] before = state.snapshot();
            QueryEngine.Result r;
            try {
                r = engine.execute(new QueryEngine.Request(projectId, null, sql, Map.of(), "transfer"), state);
            } catch (RuntimeException e) {
                state.discard(before);
                throw e;
            }
            if (destinationTable != null && !r.statementType().equals("SELECT")) {
                state.restore(before); // BigQuery refuses such a job before it runs
                throw BigQueryError.invalid(
                        r.statementType().equals("SCRIPT")
                                ? "configuration.query.destinationTable cannot be set for scripts"
                                : "Cannot set destination table for a " + r.statementType()
                                        + " statement (only for SELECT)");
            }
            if (destinationTable != null) {
                String ds = destinationTable.substring(0, destinationTable.lastIndexOf('.'));
                if (!state.hasDataset(ds)) throw BigQueryError.notFound("Dataset " + DefaultQueryEngine.display(ds));
                boolean append = "WRITE_APPEND".equalsIgnoreCase(writeDisposition);
                if (!(append && state.hasTable(destinationTable))) {
                    Map<String, String> labels =
                            state.hasTable(destinationTable) ? state.labels(destinationTable) : Map.of();
                    state.putTable(destinationTable, r.schema());
                    if (!labels.isEmpty()) state.setLabels(destinationTable, labels);
                }
            }
            state.discard(before);
            jobRecords.add(new JobRecord(
                    "transfer-" + (++jobCounter), "transfer", sql, false, Map.of(), null, 0, r.statementType(), null));
            return r;
        }
    }

    /** JSON of datasets, tables, jobs (with dry-run figures) and calls: what {@code GET /_fake/state} answers. */
    public JsonObject stateJson() {
        JsonObject o;
        Map<String, Supplier<JsonElement>> extras;
        synchronized (this) {
            o = state.toJson();
            JsonArray js = new JsonArray();
            for (JobRecord j : jobRecords) js.add(GSON.toJsonTree(j));
            o.add("jobs", js);
            extras = new LinkedHashMap<>(extraState);
        }
        extras.forEach((k, v) -> o.add(k, v.get())); // outside our lock: a DTS run holds its lock, then takes ours
        return o;
    }

    /** Adds a section to {@code GET /_fake/state} (GoogleFakes adds the Data Transfer fake's configs and runs). */
    public synchronized void setExtraState(String key, Supplier<JsonElement> section) {
        extraState.put(key, section);
    }

    /** Also run by {@code POST /_fake/reset} (GoogleFakes resets the Data Transfer fake with it). */
    public synchronized void onReset(Runnable hook) {
        resetHooks.add(hook);
    }

    // ---- HTTP

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            String body = readBody(ex);
            if (path.startsWith("/_fake/")) {
                fakeControl(ex, path, body);
                return;
            }
            String prefix = path.startsWith("/bigquery/v2/projects/")
                    ? "/bigquery/v2/projects/"
                    : path.startsWith("/projects/") ? "/projects/" : null;
            if (prefix == null) {
                send(ex, 404, error(new BigQueryError(404, "notFound", "Not found: URL " + path)));
                return;
            }
            List<String> seg = new ArrayList<>();
            for (String s : path.substring(prefix.length()).split("/"))
                seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            Map<String, String> query = query(ex.getRequestURI());
            String verb = ex.getRequestMethod();
            String override =
                    ex.getRequestHeaders().getFirst("X-HTTP-Method-Override"); // google-http-client sends PATCH as POST
            if (override != null) verb = override.toUpperCase(Locale.ROOT);
            Route route = route(verb, seg);
            if (route == null) {
                send(
                        ex,
                        404,
                        error(new BigQueryError(404, "notFound", "Not found: " + ex.getRequestMethod() + " " + path)));
                return;
            }
            Optional<Fault> fault = faults.before(route.method);
            if (fault.isPresent()) {
                Fault f = fault.get();
                log.add(API, route.method, path, body, route.mutating, f.httpStatus() + " " + f.reason(), false);
                send(ex, f.httpStatus(), error(new BigQueryError(f.httpStatus(), f.reason(), f.message())));
                return;
            }
            JsonObject req = body.isBlank()
                    ? new JsonObject()
                    : JsonParser.parseString(body).getAsJsonObject();
            int status = 200;
            String outcome = "OK";
            boolean mutating = route.mutating;
            JsonElement response;
            synchronized (this) {
                synchronized (state) {
                    try {
                        Handled h = route.handler.handle(seg, query, req);
                        response = h.body;
                        mutating = h.mutating;
                        status = h.status;
                    } catch (BigQueryError e) {
                        status = e.httpStatus();
                        outcome = status + " " + e.reason();
                        response = error(e);
                    } catch (RuntimeException e) {
                        status = 400;
                        outcome = "400 invalid";
                        response = error(BigQueryError.invalid(String.valueOf(e.getMessage())));
                    }
                    boolean applied = outcome.equals("OK");
                    Optional<Fault> late = applied ? faults.after(route.method) : Optional.empty();
                    if (late.isPresent()) {
                        Fault f = late.get();
                        status = f.httpStatus();
                        outcome = f.httpStatus() + " " + f.reason() + " (applied)";
                        response = error(new BigQueryError(f.httpStatus(), f.reason(), f.message()));
                    }
                    log.add(API, route.method, path, body, mutating, outcome, applied);
                    if (mutating && applied) faults.mutated();
                }
            }
            if (response == null) {
                ex.sendResponseHeaders(204, -1);
            } else {
                send(ex, status, response);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
        }
    }

    private record Handled(int status, JsonElement body, boolean mutating) {}

    @FunctionalInterface
    private interface Handler {
        Handled handle(List<String> seg, Map<String, String> query, JsonObject body);
    }

    private record Route(String method, boolean mutating, Handler handler) {}

    private Route route(String verb, List<String> s) {
        int n = s.size();
        if (n < 2) return null;
        String p = s.get(0);
        String kind = s.get(1);
        if (kind.equals("datasets")) {
            if (n == 2 && verb.equals("POST"))
                return new Route("datasets.insert", true, (g, q, b) -> datasetInsert(p, b));
            if (n == 2 && verb.equals("GET")) return new Route("datasets.list", false, (g, q, b) -> datasetList(p));
            if (n == 3 && verb.equals("GET"))
                return new Route("datasets.get", false, (g, q, b) -> ok(datasetGet(p, s.get(2))));
            if (n == 3 && verb.equals("DELETE"))
                return new Route("datasets.delete", true, (g, q, b) -> datasetDelete(p, s.get(2), q));
            if (n == 4 && s.get(3).equals("tables") && verb.equals("POST"))
                return new Route("tables.insert", true, (g, q, b) -> tableInsert(p, s.get(2), b));
            if (n == 4 && s.get(3).equals("tables") && verb.equals("GET"))
                return new Route("tables.list", false, (g, q, b) -> tableList(p, s.get(2)));
            if (n == 6 && s.get(3).equals("tables") && s.get(5).equals("data") && verb.equals("GET")) {
                String id = p + "." + s.get(2) + "." + s.get(4);
                return new Route("tabledata.list", false, (g, q, b) -> tableData(id, q));
            }
            if (n == 5 && s.get(3).equals("tables")) {
                String id = p + "." + s.get(2) + "." + s.get(4);
                return switch (verb) {
                    case "GET" -> new Route("tables.get", false, (g, q, b) -> ok(tableGet(id)));
                    case "PATCH" -> new Route("tables.patch", true, (g, q, b) -> tablePatch(id, b, false));
                    case "PUT" -> new Route("tables.update", true, (g, q, b) -> tablePatch(id, b, true));
                    case "DELETE" -> new Route("tables.delete", true, (g, q, b) -> tableDelete(id));
                    default -> null;
                };
            }
            return null;
        }
        if (kind.equals("jobs")) {
            if (n == 2 && verb.equals("POST")) return new Route("jobs.insert", false, (g, q, b) -> jobInsert(p, b));
            if (n == 3 && verb.equals("GET")) return new Route("jobs.get", false, (g, q, b) -> ok(jobGet(p, s.get(2))));
            if (n == 4 && s.get(3).equals("cancel") && verb.equals("POST")) {
                return new Route("jobs.cancel", false, (g, q, b) -> {
                    JsonObject r = new JsonObject();
                    r.addProperty("kind", "bigquery#jobCancelResponse");
                    r.add("job", jobGet(p, s.get(2)));
                    return ok(r);
                });
            }
            return null;
        }
        if (kind.equals("queries")) {
            if (n == 2 && verb.equals("POST")) return new Route("jobs.query", false, (g, q, b) -> jobsQuery(p, b));
            if (n == 3 && verb.equals("GET"))
                return new Route("jobs.getQueryResults", false, (g, q, b) -> ok(queryResults(p, s.get(2), q)));
        }
        return null;
    }

    private static Handled ok(JsonElement body) {
        return new Handled(200, body, false);
    }

    // ---- datasets

    private Handled datasetInsert(String p, JsonObject b) {
        JsonObject ref = b.getAsJsonObject("datasetReference");
        if (ref == null || !ref.has("datasetId"))
            throw BigQueryError.invalid("Required parameter is missing: datasetReference.datasetId");
        if (!ref.has("projectId")) ref.addProperty("projectId", p);
        String id =
                ref.get("projectId").getAsString() + "." + ref.get("datasetId").getAsString();
        if (state.hasDataset(id)) throw BigQueryError.duplicate("Dataset " + DefaultQueryEngine.display(id));
        state.putDataset(b);
        return new Handled(200, b, true);
    }

    private JsonObject datasetGet(String p, String d) {
        JsonObject ds = state.dataset(p + "." + d);
        if (ds == null) throw BigQueryError.notFound("Dataset " + p + ":" + d);
        return ds;
    }

    private Handled datasetList(String p) {
        JsonObject r = new JsonObject();
        r.addProperty("kind", "bigquery#datasetList");
        JsonArray a = new JsonArray();
        state.datasets().forEach((k, v) -> {
            if (k.startsWith(p + ".")) {
                JsonObject e = new JsonObject();
                e.addProperty("kind", "bigquery#dataset");
                e.addProperty("id", v.get("id").getAsString());
                e.add("datasetReference", v.get("datasetReference"));
                e.add("location", v.get("location"));
                if (v.has("labels")) e.add("labels", v.get("labels"));
                a.add(e);
            }
        });
        r.add("datasets", a);
        return ok(r);
    }

    private Handled datasetDelete(String p, String d, Map<String, String> q) {
        String id = p + "." + d;
        datasetGet(p, d);
        boolean hasTables = state.tables().keySet().stream().anyMatch(k -> k.startsWith(id + "."));
        if (hasTables && !"true".equals(q.get("deleteContents"))) {
            throw new BigQueryError(400, "resourceInUse", "Dataset " + p + ":" + d + " is still in use");
        }
        state.removeDataset(id);
        return new Handled(204, null, true);
    }

    // ---- tables

    private Handled tableInsert(String p, String d, JsonObject b) {
        JsonObject ref = b.getAsJsonObject("tableReference");
        if (ref == null || !ref.has("tableId"))
            throw BigQueryError.invalid("Required parameter is missing: tableReference.tableId");
        if (!ref.has("projectId")) ref.addProperty("projectId", p);
        if (!ref.has("datasetId")) ref.addProperty("datasetId", d);
        datasetGet(ref.get("projectId").getAsString(), ref.get("datasetId").getAsString());
        String id = ref.get("projectId").getAsString() + "."
                + ref.get("datasetId").getAsString() + "." + ref.get("tableId").getAsString();
        if (state.hasTable(id)) throw BigQueryError.duplicate("Table " + DefaultQueryEngine.display(id));
        JsonObject t = b.deepCopy();
        t.remove("numBytes");
        t.remove("numRows");
        return new Handled(200, state.insertTable(t), true);
    }

    private JsonObject tableGet(String id) {
        JsonObject t = state.table(id);
        if (t == null) throw BigQueryError.notFound("Table " + DefaultQueryEngine.display(id));
        return t;
    }

    /** PATCH merges the given top-level fields (labels: per key, a null value removes the key); PUT replaces. */
    private Handled tablePatch(String id, JsonObject b, boolean replace) {
        JsonObject t = tableGet(id);
        for (String readOnly : List.of(
                "kind",
                "id",
                "tableReference",
                "numBytes",
                "numRows",
                "creationTime",
                "lastModifiedTime",
                "etag",
                "type",
                "location",
                "selfLink")) {
            b.remove(readOnly);
        }
        if (replace) {
            for (String k : new ArrayList<>(t.keySet())) {
                if (List.of(
                                "kind",
                                "id",
                                "tableReference",
                                "numBytes",
                                "numRows",
                                "creationTime",
                                "lastModifiedTime",
                                "etag",
                                "type",
                                "location")
                        .contains(k)) continue;
                t.remove(k);
            }
        }
        for (Map.Entry<String, JsonElement> e : b.entrySet()) {
            if (e.getKey().equals("labels") && !replace && e.getValue().isJsonObject()) {
                JsonObject labels = t.has("labels") ? t.getAsJsonObject("labels") : new JsonObject();
                for (Map.Entry<String, JsonElement> l :
                        e.getValue().getAsJsonObject().entrySet()) {
                    if (l.getValue().isJsonNull()) labels.remove(l.getKey());
                    else labels.add(l.getKey(), l.getValue());
                }
                t.add("labels", labels);
            } else if (e.getValue().isJsonNull()) {
                t.remove(e.getKey());
            } else {
                t.add(e.getKey(), e.getValue().deepCopy());
            }
        }
        state.touch(t);
        return new Handled(200, t, true);
    }

    private Handled tableDelete(String id) {
        tableGet(id);
        state.dropTable(id);
        return new Handled(204, null, true);
    }

    private Handled tableList(String p, String d) {
        datasetGet(p, d);
        JsonObject r = new JsonObject();
        r.addProperty("kind", "bigquery#tableList");
        JsonArray a = new JsonArray();
        String prefix = p + "." + d + ".";
        state.tables().forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                JsonObject e = new JsonObject();
                e.addProperty("kind", "bigquery#table");
                for (String f : List.of("id", "tableReference", "type", "labels", "creationTime"))
                    if (v.has(f)) e.add(f, v.get(f));
                a.add(e);
            }
        });
        r.add("tables", a);
        r.addProperty("totalItems", a.size());
        return ok(r);
    }

    // ---- jobs

    private Handled jobInsert(String p, JsonObject b) {
        JsonObject cfg = b.has("configuration") ? b.getAsJsonObject("configuration") : new JsonObject();
        JsonObject qc = cfg.getAsJsonObject("query");
        if (qc == null) throw BigQueryError.invalid("The fake runs query jobs only (no load, copy or extract jobs)");
        JsonObject ref = b.has("jobReference") ? b.getAsJsonObject("jobReference") : new JsonObject();
        String jobId = ref.has("jobId") ? ref.get("jobId").getAsString() : "job_" + (++jobCounter);
        String location = ref.has("location") ? ref.get("location").getAsString() : "US";
        boolean dryRun = cfg.has("dryRun") && cfg.get("dryRun").getAsBoolean();
        String sql = qc.get("query").getAsString();
        Long max = qc.has("maximumBytesBilled") ? qc.get("maximumBytesBilled").getAsLong() : null;
        Map<String, String> labels = labels(cfg.getAsJsonObject("labels"));
        String defaultDataset = defaultDataset(p, qc.getAsJsonObject("defaultDataset"));
        if (!dryRun && jobs.containsKey(p + ":" + jobId))
            throw BigQueryError.duplicate("Job " + p + ":" + location + "." + jobId);

        JsonObject job = new JsonObject();
        job.addProperty("kind", "bigquery#job");
        job.addProperty("id", p + ":" + location + "." + jobId);
        JsonObject jr = new JsonObject();
        jr.addProperty("projectId", p);
        jr.addProperty("jobId", jobId);
        jr.addProperty("location", location);
        job.add("jobReference", jr);
        job.add("configuration", cfg.deepCopy());
        job.addProperty("user_email", "fake-caller@" + p + ".iam.gserviceaccount.com");
        Exec e = exec(p, defaultDataset, sql, labels, dryRun, max, "jobs.insert", jobId);
        if (!dryRun && e.error == null) {
            JsonObject dest = qc.getAsJsonObject("destinationTable");
            JsonObject jobCfgQuery = job.getAsJsonObject("configuration").getAsJsonObject("query");
            if (dest != null) {
                String destId = dest.get("projectId").getAsString() + "."
                        + dest.get("datasetId").getAsString() + "."
                        + dest.get("tableId").getAsString();
                String write =
                        qc.has("writeDisposition") ? qc.get("writeDisposition").getAsString() : "WRITE_EMPTY";
                if ("WRITE_EMPTY".equals(write)
                        && state.hasTable(destId)
                        && state.table(destId).get("numRows").getAsLong() > 0) {
                    e = new Exec(null, e.bytes, BigQueryError.duplicate("Table " + DefaultQueryEngine.display(destId)));
                } else {
                    runInto(destId, e.result, "WRITE_APPEND".equals(write));
                    e = new Exec(
                            new QueryEngine.Result(
                                    e.result.schema(),
                                    e.result.rows(),
                                    true,
                                    e.result.statementType(),
                                    e.result.dmlAffectedRows()),
                            e.bytes,
                            null);
                    anonymous.put(destId, e.result);
                }
            } else {
                // the real service writes results to an anonymous table; Job.getQueryResults reads it with
                // tabledata.list
                JsonObject anon = new JsonObject();
                anon.addProperty("projectId", p);
                anon.addProperty("datasetId", "_fake_anonymous");
                anon.addProperty("tableId", "anon_" + jobId);
                jobCfgQuery.add("destinationTable", anon);
                anonymous.put(p + "._fake_anonymous.anon_" + jobId, e.result);
            }
        }
        JsonObject status = new JsonObject();
        status.addProperty("state", "DONE");
        if (e.error != null) {
            JsonObject er = errorProto(e.error);
            status.add("errorResult", er);
            JsonArray errs = new JsonArray();
            errs.add(er.deepCopy());
            status.add("errors", errs);
        }
        job.add("status", status);
        job.add("statistics", statistics(e));
        if (!dryRun) {
            jobs.put(p + ":" + jobId, job);
            if (e.result != null) results.put(p + ":" + jobId, e.result);
        }
        return new Handled(200, job, e.result != null && e.result.mutated());
    }

    private void runInto(String destId, QueryEngine.Result r, boolean append) {
        String ds = destId.substring(0, destId.lastIndexOf('.'));
        if (!state.hasDataset(ds)) throw BigQueryError.notFound("Dataset " + DefaultQueryEngine.display(ds));
        if (append && state.hasTable(destId)) return;
        Map<String, String> labels = state.hasTable(destId) ? state.labels(destId) : Map.of();
        state.putTable(destId, r.schema());
        state.setNumRows(destId, r.rows().size());
        if (!labels.isEmpty()) state.setLabels(destId, labels);
    }

    /** tabledata.list: rows of a query result, or the rows a table holds (none where the fake stores none). */
    private Handled tableData(String id, Map<String, String> q) {
        QueryEngine.Result r = anonymous.get(id);
        if (r == null) tableGet(id);
        if (r == null && state.holdsRows(id)) r = state.storedRows().query("SELECT * FROM " + StoredRows.twinName(id));
        JsonObject resp = new JsonObject();
        resp.addProperty("kind", "bigquery#tableDataList");
        resp.addProperty("etag", "etag-data");
        addRows(resp, r == null ? QueryEngine.Result.empty("SELECT", false) : r);
        resp.remove("schema");
        return ok(resp);
    }

    private JsonObject jobGet(String p, String jobId) {
        JsonObject j = jobs.get(p + ":" + jobId);
        if (j == null) throw BigQueryError.notFound("Job " + p + ":" + jobId);
        return j;
    }

    private JsonObject queryResults(String p, String jobId, Map<String, String> q) {
        JsonObject job = jobGet(p, jobId);
        JsonObject st = job.getAsJsonObject("status");
        if (st.has("errorResult")) {
            JsonObject er = st.getAsJsonObject("errorResult");
            throw new BigQueryError(
                    400, er.get("reason").getAsString(), er.get("message").getAsString());
        }
        QueryEngine.Result r = results.get(p + ":" + jobId);
        JsonObject resp = new JsonObject();
        resp.addProperty("kind", "bigquery#getQueryResultsResponse");
        resp.addProperty("etag", "etag-" + jobId);
        resp.add("jobReference", job.get("jobReference"));
        resp.addProperty("jobComplete", true);
        resp.addProperty("cacheHit", false);
        addRows(resp, r);
        resp.addProperty(
                "totalBytesProcessed",
                job.getAsJsonObject("statistics").get("totalBytesProcessed").getAsString());
        return resp;
    }

    private Handled jobsQuery(String p, JsonObject b) {
        String requestId = b.has("requestId") ? p + ":" + b.get("requestId").getAsString() : null;
        if (requestId != null && queriesByRequestId.containsKey(requestId)) {
            return ok(
                    queriesByRequestId.get(requestId)); // jobs.query is idempotent per requestId: a retry runs nothing
        }
        String sql = b.get("query").getAsString();
        boolean dryRun = b.has("dryRun") && b.get("dryRun").getAsBoolean();
        Long max = b.has("maximumBytesBilled") ? b.get("maximumBytesBilled").getAsLong() : null;
        Map<String, String> labels = labels(b.getAsJsonObject("labels"));
        String location = b.has("location") ? b.get("location").getAsString() : "US";
        String defaultDataset = defaultDataset(p, b.getAsJsonObject("defaultDataset"));
        String jobId = "job_" + (++jobCounter);
        Exec e = exec(p, defaultDataset, sql, labels, dryRun, max, "jobs.query", jobId);
        if (e.error != null) throw e.error; // jobs.query answers a failed query with an HTTP error
        JsonObject jr = new JsonObject();
        jr.addProperty("projectId", p);
        jr.addProperty("jobId", jobId);
        jr.addProperty("location", location);
        JsonObject resp = new JsonObject();
        resp.addProperty("kind", "bigquery#queryResponse");
        resp.add("jobReference", jr);
        resp.addProperty("jobComplete", true);
        resp.addProperty("cacheHit", false);
        resp.addProperty("totalBytesProcessed", Long.toString(e.bytes));
        addRows(resp, e.result);
        if (!dryRun) {
            // keep a job so that a follow-up jobs.get / getQueryResults finds it, as the real service does
            JsonObject job = new JsonObject();
            job.addProperty("kind", "bigquery#job");
            job.addProperty("id", p + ":" + location + "." + jobId);
            job.add("jobReference", jr.deepCopy());
            JsonObject cfg = new JsonObject();
            JsonObject qc = new JsonObject();
            qc.addProperty("query", sql);
            cfg.add("query", qc);
            if (!labels.isEmpty()) cfg.add("labels", b.get("labels"));
            job.add("configuration", cfg);
            JsonObject status = new JsonObject();
            status.addProperty("state", "DONE");
            job.add("status", status);
            job.add("statistics", statistics(e));
            jobs.put(p + ":" + jobId, job);
            results.put(p + ":" + jobId, e.result);
        }
        if (requestId != null) queriesByRequestId.put(requestId, resp);
        return new Handled(200, resp, e.result != null && e.result.mutated());
    }

    private record Exec(QueryEngine.Result result, long bytes, BigQueryError error) {}

    private Exec exec(
            String p,
            String defaultDataset,
            String sql,
            Map<String, String> labels,
            boolean dryRun,
            Long max,
            String method,
            String jobId) {
        long bytes = estimator.estimate(p, sql, state);
        if (dryRun) {
            jobRecords.add(new JobRecord(jobId, method, sql, true, labels, max, bytes, "SELECT", null));
            QueryEngine.Result schemaOnly = QueryEngine.Result.empty("SELECT", false);
            return new Exec(schemaOnly, bytes, null);
        }
        if (max != null && bytes > max) {
            BigQueryError err = new BigQueryError(
                    400,
                    "bytesBilledLimitExceeded",
                    "Query exceeded limit for bytes billed: " + max + ". " + bytes + " or higher required.");
            jobRecords.add(new JobRecord(jobId, method, sql, false, labels, max, bytes, null, err.reason()));
            return new Exec(null, bytes, err);
        }
        try {
            QueryEngine.Result r =
                    engine.execute(new QueryEngine.Request(p, defaultDataset, sql, labels, method), state);
            jobRecords.add(new JobRecord(jobId, method, sql, false, labels, max, bytes, r.statementType(), null));
            return new Exec(r, bytes, null);
        } catch (BigQueryError err) {
            jobRecords.add(new JobRecord(jobId, method, sql, false, labels, max, bytes, null, err.reason()));
            if (method.equals("jobs.query")) throw err;
            return new Exec(null, bytes, err);
        }
    }

    private static JsonObject statistics(Exec e) {
        JsonObject stats = new JsonObject();
        stats.addProperty("creationTime", "1764806400000");
        stats.addProperty("startTime", "1764806400000");
        stats.addProperty("endTime", "1764806401000");
        stats.addProperty("totalBytesProcessed", Long.toString(e.bytes));
        JsonObject q = new JsonObject();
        q.addProperty("totalBytesProcessed", Long.toString(e.bytes));
        q.addProperty("totalBytesBilled", Long.toString(e.error == null ? e.bytes : 0));
        q.addProperty("cacheHit", false);
        if (e.result != null) {
            q.addProperty("statementType", e.result.statementType());
            JsonObject schema = new JsonObject();
            schema.add("fields", e.result.schema());
            q.add("schema", schema);
            if (e.result.dmlAffectedRows() >= 0)
                q.addProperty("numDmlAffectedRows", Long.toString(e.result.dmlAffectedRows()));
        }
        stats.add("query", q);
        return stats;
    }

    private static void addRows(JsonObject resp, QueryEngine.Result r) {
        JsonObject schema = new JsonObject();
        schema.add("fields", r == null ? new JsonArray() : r.schema());
        resp.add("schema", schema);
        JsonArray rows = new JsonArray();
        if (r != null) {
            for (List<String> row : r.rows()) {
                JsonArray f = new JsonArray();
                for (String v : row) {
                    JsonObject cell = new JsonObject();
                    if (v == null) cell.add("v", JsonNull.INSTANCE);
                    else cell.addProperty("v", v);
                    f.add(cell);
                }
                JsonObject ro = new JsonObject();
                ro.add("f", f);
                rows.add(ro);
            }
        }
        resp.add("rows", rows);
        resp.addProperty("totalRows", Integer.toString(rows.size()));
        if (r != null && r.dmlAffectedRows() >= 0)
            resp.addProperty("numDmlAffectedRows", Long.toString(r.dmlAffectedRows()));
    }

    private static String defaultDataset(String p, JsonObject ref) {
        if (ref == null || !ref.has("datasetId")) return null;
        return (ref.has("projectId") ? ref.get("projectId").getAsString() : p) + "."
                + ref.get("datasetId").getAsString();
    }

    private static Map<String, String> labels(JsonObject o) {
        Map<String, String> m = new LinkedHashMap<>();
        if (o != null) o.entrySet().forEach(e -> m.put(e.getKey(), e.getValue().getAsString()));
        return m;
    }

    // ---- errors and plumbing

    static JsonObject errorProto(BigQueryError e) {
        JsonObject er = new JsonObject();
        er.addProperty("reason", e.reason());
        er.addProperty("message", e.getMessage());
        er.addProperty("domain", "global");
        return er;
    }

    /** BigQuery's error body: {"error":{"code":..,"message":..,"errors":[{"message","domain","reason"}],"status":..}}. */
    static JsonObject error(BigQueryError e) {
        JsonObject inner = new JsonObject();
        inner.addProperty("code", e.httpStatus());
        inner.addProperty("message", e.getMessage());
        JsonArray errs = new JsonArray();
        errs.add(errorProto(e));
        inner.add("errors", errs);
        inner.addProperty("status", Fault.statusText(e.httpStatus()));
        JsonObject o = new JsonObject();
        o.add("error", inner);
        return o;
    }

    private void fakeControl(HttpExchange ex, String path, String body) throws IOException {
        switch (path) {
            case "/_fake/state" -> sendText(ex, 200, PRETTY.toJson(stateJson()));
            case "/_fake/calls" -> sendText(ex, 200, PRETTY.toJson(GSON.toJsonTree(log.calls())));
            case "/_fake/reset" -> {
                reset();
                List<Runnable> hooks;
                synchronized (this) {
                    hooks = List.copyOf(resetHooks);
                }
                hooks.forEach(Runnable::run); // outside our lock, like the extra state
                sendText(ex, 200, "{}");
            }
            case "/_fake/seed" -> {
                seed(JsonParser.parseString(body).getAsJsonObject());
                sendText(ex, 200, PRETTY.toJson(stateJson()));
            }
            default -> sendText(ex, 404, "{\"error\":\"unknown fake endpoint\"}");
        }
    }

    /**
     * Seeds state from JSON: {@code {"datasets":["p.d", ...], "tables":[{"id":"p.d.t","numBytes":123,"numRows":4,
     * "columns":["id:INTEGER","name:STRING"],"labels":{"k":"v"}}]}}.
     */
    public void seed(JsonObject seed) {
        synchronized (state) {
            if (seed.has("datasets")) {
                for (JsonElement d : seed.getAsJsonArray("datasets")) state.addDataset(d.getAsString());
            }
            if (seed.has("tables")) {
                for (JsonElement te : seed.getAsJsonArray("tables")) {
                    JsonObject t = te.getAsJsonObject();
                    String id = t.get("id").getAsString();
                    List<String> cols = new ArrayList<>();
                    if (t.has("columns")) t.getAsJsonArray("columns").forEach(c -> cols.add(c.getAsString()));
                    state.putTable(id, cols.toArray(String[]::new));
                    if (t.has("numBytes"))
                        state.setNumBytes(id, t.get("numBytes").getAsLong());
                    if (t.has("numRows")) state.setNumRows(id, t.get("numRows").getAsLong());
                    if (t.has("labels")) state.setLabels(id, labels(t.getAsJsonObject("labels")));
                }
            }
        }
    }

    private static String readBody(HttpExchange ex) throws IOException {
        InputStream in = ex.getRequestBody();
        String enc = ex.getRequestHeaders().getFirst("Content-Encoding");
        if (enc != null && enc.toLowerCase(Locale.ROOT).contains("gzip")) in = new GZIPInputStream(in);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        String q = uri.getRawQuery();
        if (q == null) return m;
        for (String kv : q.split("&")) {
            int i = kv.indexOf('=');
            if (i < 0) m.put(URLDecoder.decode(kv, StandardCharsets.UTF_8), "");
            else
                m.put(
                        URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8),
                        URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void send(HttpExchange ex, int status, JsonElement body) throws IOException {
        sendText(ex, status, GSON.toJson(body));
    }

    private static void sendText(HttpExchange ex, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }
}

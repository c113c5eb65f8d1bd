package io.segmentsascode.fakes;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's SQL engine: tracks which tables exist, and stores the rows of the tables our clients keep rows in (in an
 * embedded DuckDB, see {@link StoredRows}; statements are rewritten by {@link GoogleSqlToDuckDb}, which lists exactly
 * what it rewrites). Per statement of a script (split on {@code ;}, comments ignored):
 * <ul>
 *   <li>{@code CREATE [OR REPLACE] [TEMP] TABLE [IF NOT EXISTS] name [(col TYPE, ...)] [... AS SELECT ...]}: creates
 *       (or replaces) the table; its schema is the column list when one is given (PARTITION BY, CLUSTER BY and OPTIONS
 *       are not kept). Plain CREATE of an existing table fails with 409 duplicate; a missing dataset with 404 notFound.
 *       TEMP tables live for the script. {@code AS SELECT} over tables that hold rows is evaluated: the new table
 *       holds the result and has its schema; over tables that hold none its schema stays empty and it holds no rows.
 *       A new or replaced table holds no rows.</li>
 *   <li>{@code CREATE [OR REPLACE] PROCEDURE name(args) BEGIN ... END}: stores the body (semicolons inside it do not
 *       split the script); {@code CALL name(...)} runs the body's statements in the calling query, so a transaction in
 *       a procedure is checked like one in the script (404 notFound for a procedure never created). Arguments are
 *       not bound.</li>
 *   <li>{@code DROP TABLE [IF EXISTS] name}: removes it and its rows (404 notFound without IF EXISTS).</li>
 *   <li>{@code TRUNCATE TABLE name}: deletes its rows; numRows and numBytes become 0 (404 if missing).</li>
 *   <li>{@code INSERT [INTO] name}, {@code UPDATE name}, {@code DELETE [FROM] name}, {@code MERGE [INTO] name}: check the
 *       target exists (404 otherwise), then are evaluated on the stored rows: numDmlAffectedRows is the number of rows
 *       changed and numRows follows. A statement the fake cannot evaluate fails with 400 invalidQuery when it names a
 *       table holding rows; naming none (say, a refresh script's INSERT ... SELECT over source tables declared without
 *       rows, or a target without a schema) it stores nothing and reports 1 row. {@link #withDmlAffectedRows} replaces
 *       the reported count by a scripted one (the rows still change as evaluated).</li>
 *   <li>{@code BEGIN [TRANSACTION]} / {@code COMMIT [TRANSACTION]} / {@code ROLLBACK [TRANSACTION]}: ROLLBACK restores the
 *       tables and their rows as they were at BEGIN, and so does a statement failing inside the transaction
 *       (statements before the transaction stay applied, as in a BigQuery script). DDL on a permanent table inside a
 *       transaction fails with 400 invalidQuery, as BigQuery's docs say it does (TEMP tables and DML/TRUNCATE are
 *       allowed), and so does a transaction mutating more than 100 tables (the docs' limit).</li>
 *   <li>{@code SELECT ... FROM [project.]dataset.INFORMATION_SCHEMA.COLUMNS} answers table_catalog, table_schema,
 *       table_name, column_name, ordinal_position, is_nullable, data_type from the fake's schemas (always those seven
 *       columns, whatever the select list; only {@code table_name = '..'} and {@code table_name IN ('..')} filter);
 *       {@code INFORMATION_SCHEMA.TABLES} answers table_catalog, table_schema, table_name, table_type, creation_time.
 *       {@code `region-xx`.INFORMATION_SCHEMA...} answers for every dataset of the project.</li>
 *   <li>Any other {@code SELECT}/{@code WITH} naming a table that holds rows is evaluated on them (or fails with 400
 *       invalidQuery); one naming no such table answers no rows, as the fake always did.</li>
 *   <li>Anything else ({@code DECLARE}, {@code SET}, {@code CALL}, {@code END}, ...): accepted, no rows.</li>
 * </ul>
 * It does not check the column names or types of statements it does not evaluate. The result of a script is the
 * last SELECT's.
 */
public class DefaultQueryEngine implements QueryEngine {
    private volatile ToLongFunction<String> dmlAffectedRows;

    /**
     * What DML statements report as numDmlAffectedRows, given the statement's text, instead of the rows they changed
     * (the rows still change as evaluated): e.g. a lost race at a moment no second client could reach.
     * Example: {@code new DefaultQueryEngine().withDmlAffectedRows(s -> claims++ == 0 ? 1 : 0)}.
     */
    public DefaultQueryEngine withDmlAffectedRows(ToLongFunction<String> rows) {
        this.dmlAffectedRows = rows;
        return this;
    }

    private static final int F = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern CREATE = Pattern.compile(
            "^CREATE\\s+(OR\\s+REPLACE\\s+)?(TEMP\\s+|TEMPORARY\\s+)?TABLE\\s+(IF\\s+NOT\\s+EXISTS\\s+)?(" + Sql.NAME
                    + ")\\s*(.*)$",
            F);
    private static final Pattern DROP =
            Pattern.compile("^DROP\\s+TABLE\\s+(IF\\s+EXISTS\\s+)?(" + Sql.NAME + ")\\s*$", F);
    private static final Pattern TRUNCATE = Pattern.compile("^TRUNCATE\\s+TABLE\\s+(" + Sql.NAME + ")\\s*$", F);
    private static final Pattern DML = Pattern.compile(
            "^(INSERT|UPDATE|DELETE|MERGE)\\s+(?:(?:INTO|FROM)\\s+)?(" + Sql.NAME + ")(?:[\\s(].*)?$", F);
    private static final Pattern CREATE_PROCEDURE = Pattern.compile(
            "^CREATE\\s+(OR\\s+REPLACE\\s+)?PROCEDURE\\s+(" + Sql.NAME + ")\\s*\\([^)]*\\)\\s*BEGIN\\b(.*)\\bEND$", F);
    private static final Pattern CALL = Pattern.compile("^CALL\\s+(" + Sql.NAME + ")\\s*\\(.*\\)$", F);
    private static final Pattern BEGIN = Pattern.compile("^BEGIN(\\s+TRANSACTION)?$", F);
    private static final Pattern BEGIN_BLOCK = Pattern.compile("^BEGIN\\s+(?!TRANSACTION\\b)(.+)$", F);
    private static final Pattern COMMIT = Pattern.compile("^COMMIT(\\s+TRANSACTION)?$", F);
    private static final Pattern ROLLBACK = Pattern.compile("^ROLLBACK(\\s+TRANSACTION)?$", F);
    private static final Pattern INFO = Pattern.compile(
            "(`[^`]+`|[\\w-]+)(?:\\s*\\.\\s*(`[^`]+`|[\\w-]+))?\\s*\\.\\s*`?INFORMATION_SCHEMA\\s*\\.\\s*(COLUMNS|TABLES)`?",
            F);
    private static final Pattern INFO_WHOLE = Pattern.compile("`([^`]+)\\.INFORMATION_SCHEMA\\.(COLUMNS|TABLES)`", F);
    private static final Pattern TABLE_EQ = Pattern.compile("\\btable_name\\s*=\\s*'([^']*)'", F);
    private static final Pattern TABLE_IN = Pattern.compile("\\btable_name\\s+IN\\s*\\(([^)]*)\\)", F);
    private static final Pattern COLUMN_DEF =
            Pattern.compile("^\\s*(`[^`]+`|\\w+)\\s+([A-Za-z0-9_]+(?:\\s*<.*>)?)(.*)$", F);

    @Override
    public Result execute(Request req, BigQueryState state) {
        List<String> stmts = Sql.statements(Sql.stripComments(req.sql()));
        Set<String> temps = new HashSet<>();
        Object[] txSnapshot = null;
        Set<String> txTables = new HashSet<>();
        Result last = Result.empty(stmts.size() > 1 ? "SCRIPT" : "SELECT", false);
        Result lastSelect = null;
        boolean mutated = false;
        Deque<String> pending = new ArrayDeque<>(stmts);
        while (!pending.isEmpty()) {
            String s = pending.pop();
            Matcher call = CALL.matcher(s);
            if (call.matches()) {
                // a procedure's statements run inside the calling query, its transactions included
                String id = resolve(req, call.group(1));
                String body = state.procedure(id);
                if (body == null) throw BigQueryError.notFound("Procedure " + display(id));
                List<String> inner = Sql.statements(body);
                for (int i = inner.size() - 1; i >= 0; i--) pending.push(inner.get(i));
                continue;
            }
            Matcher block = BEGIN_BLOCK.matcher(s);
            if (block.matches()) s = block.group(1).strip();
            if (BEGIN.matcher(s).matches()) {
                if (txSnapshot != null) state.discard(txSnapshot);
                txSnapshot = state.snapshot();
                txTables.clear();
                continue;
            }
            if (COMMIT.matcher(s).matches()) {
                if (txSnapshot != null) state.discard(txSnapshot);
                txSnapshot = null;
                continue;
            }
            if (ROLLBACK.matcher(s).matches()) {
                if (txSnapshot != null) state.restore(txSnapshot);
                txSnapshot = null;
                continue;
            }
            boolean inTx = txSnapshot != null;
            Result r;
            try {
                r = statement(req, state, s, temps, inTx);
                if (inTx && r.mutated()) {
                    mutatedTable(req, s).ifPresent(txTables::add);
                    if (txTables.size() > TRANSACTION_TABLE_LIMIT) {
                        throw BigQueryError.invalidQuery("Transaction exceeds the limit of " + TRANSACTION_TABLE_LIMIT
                                + " tables it may mutate: " + txTables.size());
                    }
                }
            } catch (BigQueryError e) {
                if (inTx) state.restore(txSnapshot); // a failing statement rolls the open transaction back
                throw e; // statements before it (outside a transaction) stay applied, as in a BigQuery script
            } catch (RuntimeException e) {
                if (inTx) state.restore(txSnapshot);
                throw e;
            }
            mutated |= r.mutated();
            last = r;
            if (r.statementType().equals("SELECT")) lastSelect = r;
        }
        // a script that ends inside its transaction is rolled back, as BigQuery does
        if (txSnapshot != null) state.restore(txSnapshot);
        Result out = lastSelect != null ? lastSelect : last;
        String type = stmts.size() > 1 ? "SCRIPT" : out.statementType();
        return new Result(out.schema(), out.rows(), mutated, type, out.dmlAffectedRows());
    }

    /** BigQuery's limit on the tables one multi-statement transaction may mutate (its transactions page, "Limitations"). */
    static final int TRANSACTION_TABLE_LIMIT = 100;

    private Optional<String> mutatedTable(Request req, String statement) {
        Matcher m;
        if ((m = TRUNCATE.matcher(statement)).matches()) return Optional.of(resolve(req, m.group(1)));
        if ((m = DML.matcher(statement)).matches()) return Optional.of(resolve(req, m.group(2)));
        return Optional.empty();
    }

    protected Result statement(Request req, BigQueryState state, String s, Set<String> temps, boolean inTx) {
        Matcher m;
        if ((m = CREATE_PROCEDURE.matcher(s)).matches()) {
            if (inTx) throw ddlInTransaction(s);
            String id = resolve(req, m.group(2));
            requireDataset(state, id);
            if (m.group(1) == null && state.procedure(id) != null)
                throw BigQueryError.duplicate("Procedure " + display(id));
            state.putProcedure(id, m.group(3));
            return Result.empty("CREATE_PROCEDURE", true);
        }
        if ((m = CREATE.matcher(s)).matches()) {
            boolean replace = m.group(1) != null;
            boolean temp = m.group(2) != null;
            boolean ifNotExists = m.group(3) != null;
            String rest = m.group(5);
            if (temp) {
                temps.add(Sql.parts(m.group(4)).get(Sql.parts(m.group(4)).size() - 1));
                return Result.empty("CREATE_TABLE", false);
            }
            if (inTx) throw ddlInTransaction(s);
            String id = resolve(req, m.group(4));
            requireDataset(state, id);
            boolean asSelect = Pattern.compile("\\bAS\\s*\\(?\\s*(SELECT|WITH)\\b", F)
                    .matcher(rest)
                    .find();
            String type = asSelect ? "CREATE_TABLE_AS_SELECT" : "CREATE_TABLE";
            if (state.hasTable(id)) {
                if (ifNotExists) return Result.empty(type, false);
                if (!replace) throw BigQueryError.duplicate("Table " + display(id));
            }
            Optional<String> stored = asSelect ? createAsSelect(req, state, s, rest) : Optional.empty();
            JsonObject old = state.table(id);
            state.putTable(id, columnList(rest));
            if (old != null && old.has("labels"))
                state.table(id).add("labels", old.get("labels").deepCopy());
            stored.ifPresent(result -> adoptResult(state, id, result));
            return Result.empty(type, true);
        }
        if ((m = DROP.matcher(s)).matches()) {
            String last = Sql.parts(m.group(2)).get(Sql.parts(m.group(2)).size() - 1);
            if (temps.remove(last) && Sql.parts(m.group(2)).size() == 1) return Result.empty("DROP_TABLE", false);
            if (inTx) throw ddlInTransaction(s);
            String id = resolve(req, m.group(2));
            if (!state.dropTable(id) && m.group(1) == null) throw BigQueryError.notFound("Table " + display(id));
            return Result.empty("DROP_TABLE", true);
        }
        if ((m = TRUNCATE.matcher(s)).matches()) {
            if (isTemp(m.group(1), temps)) return Result.empty("TRUNCATE_TABLE", false);
            String id = resolve(req, m.group(1));
            if (!state.hasTable(id)) throw BigQueryError.notFound("Table " + display(id));
            state.storedRows().truncate(id);
            state.setNumRows(id, 0);
            state.setNumBytes(id, 0);
            state.touch(state.table(id));
            return Result.empty("TRUNCATE_TABLE", true);
        }
        if ((m = DML.matcher(s)).matches()) {
            String kind = m.group(1).toUpperCase(Locale.ROOT);
            if (isTemp(m.group(2), temps))
                return new Result(
                        new JsonArray(),
                        List.of(),
                        false,
                        kind,
                        dmlAffectedRows != null ? dmlAffectedRows.applyAsLong(s) : 1);
            String id = resolve(req, m.group(2));
            if (!state.hasTable(id)) throw BigQueryError.notFound("Table " + display(id));
            state.touch(state.table(id));
            OptionalLong changed = evaluateDml(req, state, s, id);
            long reported = dmlAffectedRows != null ? dmlAffectedRows.applyAsLong(s) : changed.orElse(1);
            return new Result(new JsonArray(), List.of(), true, kind, reported);
        }
        if (s.regionMatches(true, 0, "SELECT", 0, 6) || s.regionMatches(true, 0, "WITH", 0, 4)) {
            Result info = informationSchema(req, state, s);
            if (info != null) return info;
            return evaluateQuery(req, state, s).orElse(Result.empty("SELECT", false));
        }
        return Result.empty(firstWord(s), false);
    }

    // ---- statements evaluated on stored rows (see StoredRows)

    /**
     * Evaluates DML on the stored rows: the rows changed, or empty when the statement names no table holding rows and
     * cannot be evaluated (it then stores nothing, as the fake always did). Fails with 400 invalidQuery when it names a
     * table holding rows and cannot be evaluated.
     */
    private OptionalLong evaluateDml(Request req, BigQueryState state, String s, String target) {
        StoredRows rows = state.storedRows();
        Set<String> named = namedTables(req, state, s);
        named.add(target);
        boolean holdsRows = named.stream().anyMatch(rows::holds);
        Optional<GoogleSqlToDuckDb.Rewritten> rewritten = rewrite(req, state, s, holdsRows);
        if (rewritten.isEmpty()) return OptionalLong.empty();
        List<String> created = new ArrayList<>();
        if (!twins(state, rewritten.get().tables(), created, holdsRows, s)) return OptionalLong.empty();
        try {
            long changed = rows.dml(rewritten.get().sql());
            state.countRows(target);
            return OptionalLong.of(changed);
        } catch (StoredRows.Refused e) {
            created.forEach(rows::forget);
            if (holdsRows) throw cannotEvaluate(s, e.getMessage());
            return OptionalLong.empty();
        }
    }

    /** Evaluates a query naming a table that holds rows; empty when it names none (the fake then answers no rows). */
    private Optional<Result> evaluateQuery(Request req, BigQueryState state, String s) {
        StoredRows rows = state.storedRows();
        if (namedTables(req, state, s).stream().noneMatch(rows::holds)) return Optional.empty();
        GoogleSqlToDuckDb.Rewritten rewritten = rewrite(req, state, s, true).orElseThrow();
        List<String> created = new ArrayList<>();
        twins(state, rewritten.tables(), created, true, s);
        try {
            return Optional.of(rows.query(rewritten.sql()));
        } catch (StoredRows.Refused e) {
            created.forEach(rows::forget);
            throw cannotEvaluate(s, e.getMessage());
        }
    }

    /**
     * {@code CREATE TABLE ... AS SELECT} over tables holding rows: the result, stored under a scratch name until the
     * table is (re)created; empty when the query names no table holding rows.
     */
    private Optional<String> createAsSelect(Request req, BigQueryState state, String s, String rest) {
        Matcher as = Pattern.compile("\\bAS\\s*(\\(?)\\s*(SELECT|WITH)\\b", F).matcher(rest);
        if (!as.find()) return Optional.empty();
        String query = rest.substring(as.start(2)).strip();
        if (!as.group(1).isEmpty()) query = query.replaceFirst("\\)\\s*$", "");
        StoredRows rows = state.storedRows();
        if (namedTables(req, state, query).stream().noneMatch(rows::holds)) return Optional.empty();
        GoogleSqlToDuckDb.Rewritten rewritten = rewrite(req, state, query, true).orElseThrow();
        List<String> created = new ArrayList<>();
        twins(state, rewritten.tables(), created, true, s);
        String scratch = "__create_as_select";
        try {
            rows.dml("CREATE OR REPLACE TABLE " + StoredRows.twinName(scratch) + " AS " + rewritten.sql());
            return Optional.of(scratch);
        } catch (StoredRows.Refused e) {
            created.forEach(rows::forget);
            throw cannotEvaluate(s, e.getMessage());
        }
    }

    /** The table {@code id} was just (re)created: it takes the rows and schema of the scratch result. */
    private static void adoptResult(BigQueryState state, String id, String scratch) {
        StoredRows rows = state.storedRows();
        Result empty = rows.query("SELECT * FROM " + StoredRows.twinName(scratch) + " LIMIT 0");
        state.table(id).getAsJsonObject("schema").add("fields", empty.schema());
        rows.create(id, empty.schema());
        rows.dml("INSERT INTO " + StoredRows.twinName(id) + " SELECT * FROM " + StoredRows.twinName(scratch));
        rows.dml("DROP TABLE " + StoredRows.twinName(scratch));
        state.countRows(id);
    }

    /** The statement rewritten for DuckDB; empty (or 400 when {@code mustEvaluate}) when it cannot be rewritten. */
    private Optional<GoogleSqlToDuckDb.Rewritten> rewrite(
            Request req, BigQueryState state, String s, boolean mustEvaluate) {
        try {
            return Optional.of(GoogleSqlToDuckDb.rewrite(
                    s,
                    parts -> {
                        String id = Sql.resolve(String.join(".", parts), req.projectId(), req.defaultDataset());
                        return id != null && parts.size() <= 3 && state.hasTable(id)
                                ? Optional.of(id)
                                : Optional.empty();
                    },
                    StoredRows::twinName,
                    req.defaultDataset()));
        } catch (GoogleSqlToDuckDb.Unsupported e) {
            if (mustEvaluate) throw cannotEvaluate(s, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Makes the (empty) twins the statement needs; false when a table cannot have one (no schema, or columns the fake
     * does not store), which fails with 400 when {@code mustEvaluate}.
     */
    private static boolean twins(
            BigQueryState state, Set<String> tables, List<String> created, boolean mustEvaluate, String s) {
        StoredRows rows = state.storedRows();
        for (String t : tables) {
            if (rows.holds(t)) continue;
            if (!rows.create(t, state.schemaFields(t))) {
                created.forEach(rows::forget);
                if (mustEvaluate) {
                    throw cannotEvaluate(s, "table " + display(t) + " has no schema the fake can store rows of");
                }
                return false;
            }
            created.add(t);
        }
        return true;
    }

    /** The fake's tables a statement names, found by their names alone (so also where it cannot be rewritten). */
    private static Set<String> namedTables(Request req, BigQueryState state, String s) {
        Set<String> named = new HashSet<>();
        Matcher m = Sql.NAME_PATTERN.matcher(s);
        while (m.find()) {
            String id = Sql.resolve(m.group(), req.projectId(), req.defaultDataset());
            if (id != null && state.hasTable(id)) named.add(id);
        }
        return named;
    }

    private static BigQueryError cannotEvaluate(String statement, String why) {
        return BigQueryError.invalidQuery("The fake BigQuery cannot evaluate this statement on the rows it stores ("
                + why + "): " + abbreviate(statement));
    }

    private Result informationSchema(Request req, BigQueryState state, String s) {
        String project;
        String dataset;
        String view;
        Matcher w = INFO_WHOLE.matcher(s);
        Matcher m = INFO.matcher(s);
        if (w.find()) {
            List<String> p = Sql.parts(w.group(1));
            project = p.size() == 2 ? p.get(0) : req.projectId();
            dataset = p.get(p.size() - 1);
            view = w.group(2).toUpperCase(Locale.ROOT);
        } else if (m.find()) {
            List<String> a = Sql.parts(m.group(1));
            if (m.group(2) != null) {
                project = a.get(0);
                dataset = Sql.parts(m.group(2)).get(0);
            } else if (a.size() == 2) {
                project = a.get(0);
                dataset = a.get(1);
            } else {
                project = req.projectId();
                dataset = a.get(0);
            }
            view = m.group(3).toUpperCase(Locale.ROOT);
        } else {
            return null;
        }
        Set<String> only = null;
        Matcher eq = TABLE_EQ.matcher(s);
        Matcher in = TABLE_IN.matcher(s);
        if (eq.find()) {
            only = Set.of(eq.group(1));
        } else if (in.find()) {
            only = new HashSet<>();
            for (String v : in.group(1).split(",")) only.add(v.strip().replaceAll("^'|'$", ""));
        }
        // `region-us`.INFORMATION_SCHEMA.* covers every dataset of the project (the fake ignores the region)
        boolean regional = dataset.toLowerCase(Locale.ROOT).startsWith("region-");
        List<List<String>> rows = new ArrayList<>();
        for (var e : state.tables().entrySet()) {
            List<String> pdt = Sql.parts(e.getKey());
            if (!pdt.get(0).equals(project) || !(regional || pdt.get(1).equals(dataset))) continue;
            String table = pdt.get(2);
            String tableDataset = pdt.get(1);
            if (only != null && !only.contains(table)) continue;
            if (view.equals("TABLES")) {
                rows.add(List.of(
                        project,
                        tableDataset,
                        table,
                        "BASE TABLE",
                        e.getValue().get("creationTime").getAsString()));
                continue;
            }
            int pos = 1;
            for (JsonElement f : state.schemaFields(e.getKey())) {
                JsonObject fo = f.getAsJsonObject();
                String mode = fo.has("mode") ? fo.get("mode").getAsString() : "NULLABLE";
                rows.add(List.of(
                        project,
                        tableDataset,
                        table,
                        fo.get("name").getAsString(),
                        Integer.toString(pos++),
                        mode.equals("REQUIRED") ? "NO" : "YES",
                        standardType(fo)));
            }
        }
        JsonArray schema = view.equals("TABLES")
                ? fields(
                        "table_catalog:STRING",
                        "table_schema:STRING",
                        "table_name:STRING",
                        "table_type:STRING",
                        "creation_time:TIMESTAMP")
                : fields(
                        "table_catalog:STRING",
                        "table_schema:STRING",
                        "table_name:STRING",
                        "column_name:STRING",
                        "ordinal_position:INTEGER",
                        "is_nullable:STRING",
                        "data_type:STRING");
        if (view.equals("TABLES")) {
            // REST encodes TIMESTAMP as seconds since the epoch, as a decimal string
            List<List<String>> converted = new ArrayList<>();
            for (List<String> r : rows) {
                List<String> c = new ArrayList<>(r);
                c.set(4, String.format(Locale.ROOT, "%.3f", Long.parseLong(r.get(4)) / 1000.0));
                converted.add(c);
            }
            rows = converted;
        }
        return new Result(schema, rows, false, "SELECT", -1);
    }

    /** REST legacy type names to the GoogleSQL names INFORMATION_SCHEMA.COLUMNS.data_type shows. */
    static String standardType(JsonObject field) {
        String t = field.get("type").getAsString().toUpperCase(Locale.ROOT);
        String base = switch (t) {
            case "INTEGER" -> "INT64";
            case "FLOAT" -> "FLOAT64";
            case "BOOLEAN" -> "BOOL";
            case "RECORD", "STRUCT" -> {
                List<String> inner = new ArrayList<>();
                if (field.has("fields")) {
                    for (JsonElement f : field.getAsJsonArray("fields")) {
                        inner.add(f.getAsJsonObject().get("name").getAsString() + " "
                                + standardType(f.getAsJsonObject()));
                    }
                }
                yield "STRUCT<" + String.join(", ", inner) + ">";
            }
            default -> t;
        };
        boolean repeated = field.has("mode")
                && "REPEATED".equalsIgnoreCase(field.get("mode").getAsString());
        return repeated ? "ARRAY<" + base + ">" : base;
    }

    /** GoogleSQL type names to REST legacy names, for CREATE TABLE column lists. */
    static String restType(String sqlType) {
        String t = sqlType.strip().toUpperCase(Locale.ROOT);
        if (t.startsWith("ARRAY") || t.startsWith("STRUCT")) return t.startsWith("ARRAY") ? "ARRAY" : "RECORD";
        return switch (t) {
            case "INT64", "INT", "SMALLINT", "BIGINT", "TINYINT", "BYTEINT", "INTEGER" -> "INTEGER";
            case "FLOAT64", "FLOAT" -> "FLOAT";
            case "BOOL", "BOOLEAN" -> "BOOLEAN";
            case "DECIMAL" -> "NUMERIC";
            case "BIGDECIMAL" -> "BIGNUMERIC";
            default -> t.replaceAll("\\(.*", "");
        };
    }

    /** {@code (a INT64, b STRING NOT NULL, c ARRAY<STRING>)} at the start of {@code rest}, as REST schema fields. */
    static JsonArray columnList(String rest) {
        JsonArray fields = new JsonArray();
        String r = rest.strip();
        if (!r.startsWith("(")) return fields;
        int depth = 0;
        int end = -1;
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '(' || c == '<') depth++;
            if (c == ')' || c == '>') depth--;
            if (depth == 0) {
                end = i;
                break;
            }
        }
        if (end < 0) return fields;
        String inner = r.substring(1, end);
        if (Pattern.compile("^\\s*(SELECT|WITH)\\b", F).matcher(inner).find()) return fields; // AS (SELECT ...)
        List<String> cols = new ArrayList<>();
        depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '(' || c == '<') depth++;
            if (c == ')' || c == '>') depth--;
            if (c == ',' && depth == 0) {
                cols.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        cols.add(inner.substring(start));
        for (String col : cols) {
            Matcher m = COLUMN_DEF.matcher(col);
            if (!m.matches()) continue;
            String type = m.group(2);
            JsonObject f = new JsonObject();
            f.addProperty("name", m.group(1).replace("`", ""));
            boolean array = type.toUpperCase(Locale.ROOT).startsWith("ARRAY");
            String elem = array ? type.replaceFirst("(?i)^ARRAY\\s*<(.*)>$", "$1") : type;
            f.addProperty("type", restType(elem));
            f.addProperty(
                    "mode",
                    array
                            ? "REPEATED"
                            : m.group(3).toUpperCase(Locale.ROOT).contains("NOT NULL") ? "REQUIRED" : "NULLABLE");
            fields.add(f);
        }
        return fields;
    }

    static JsonArray fields(String... nameTypes) {
        JsonArray a = new JsonArray();
        for (String nt : nameTypes) {
            String[] p = nt.split(":");
            JsonObject f = new JsonObject();
            f.addProperty("name", p[0]);
            f.addProperty("type", p[1]);
            f.addProperty("mode", "NULLABLE");
            a.add(f);
        }
        return a;
    }

    private static boolean isTemp(String name, Set<String> temps) {
        List<String> p = Sql.parts(name);
        return p.size() == 1 && temps.contains(p.get(0));
    }

    private static String resolve(Request req, String name) {
        String id = Sql.resolve(name, req.projectId(), req.defaultDataset());
        if (id == null) {
            throw BigQueryError.invalidQuery(
                    "Table \"" + name.replace("`", "") + "\" must be qualified with a dataset (e.g. dataset.table).");
        }
        return id;
    }

    private static void requireDataset(BigQueryState state, String tableId) {
        String ds = tableId.substring(0, tableId.lastIndexOf('.'));
        if (!state.hasDataset(ds)) throw BigQueryError.notFound("Dataset " + ds.replaceFirst("\\.", ":"));
    }

    private static BigQueryError ddlInTransaction(String s) {
        return BigQueryError.invalidQuery(
                "DDL statements on permanent tables are not supported inside a transaction (fake, per BigQuery's "
                        + "\"statements supported in transactions\"): " + abbreviate(s));
    }

    static String display(String tableId) {
        return tableId.replaceFirst("\\.", ":");
    }

    private static String firstWord(String s) {
        String w = s.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
        return w.isEmpty() ? "SCRIPT" : w;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "..." : one;
    }
}

package io.segmentsascode.render;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.generate.ScriptStatement;
import io.segmentsascode.generate.SqlQuery;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Warehouse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders a refresh script statement by statement, each from its fixed template, and splits it
 * when the text would exceed the engine's query-length limit.
 *
 * <p>Split: when the whole script is too long, the builds the compiler wrote (the feature table
 * and the structured segments' staging tables, which hold most of its text) go, in order, into as
 * few procedures as fit the limit each; apply creates them ({@code CREATE OR REPLACE PROCEDURE}),
 * and the scheduled script calls them in order, passing {@code @run_time} as their argument, then
 * builds the intent and sql segments' staging tables itself, before the swap. The builds that read
 * a table built in the script (a segment built from an intent or sql segment) stay after it. When
 * the swap is still too long for the script (about 250 characters a segment: a cadence of some
 * 4,000 segments), its transactions move into further procedures too, whole: each procedure holds
 * complete {@code BEGIN TRANSACTION ... COMMIT TRANSACTION} groups, so every group stays
 * all-or-nothing as in the script (BigQuery runs a procedure's statements inside the calling
 * query, and a transaction contained in one query is allowed). A single build longer than the
 * limit, or intent and sql SQL that alone overflow the script, cannot be split further: that is an
 * error naming it.
 */
public final class ScriptRenderer {

    /**
     * BigQuery's "maximum unresolved GoogleSQL query length", 1,024K characters including comments
     * and white space (https://cloud.google.com/bigquery/quotas); counted here as 1,024,000 so that
     * either reading of "K" is safe.
     */
    public static final int BIGQUERY_QUERY_LENGTH_LIMIT = 1_024_000;

    public static final String MARKER = "segments-as-code";
    /** The procedures' argument that carries the scheduled query's {@code @run_time}. */
    static final String RUN_TIME_ARGUMENT = "segments_run_time";

    private static final String END = ";\n";
    private static final String PROCEDURE_END = "END";

    private final Warehouse warehouse;
    private final Dialect dialect;
    private final Dialect procedureDialect;
    private final int maxQueryLength;

    private ScriptRenderer(Warehouse warehouse, Dialect dialect, Dialect procedureDialect, int maxQueryLength) {
        this.warehouse = warehouse;
        this.dialect = dialect;
        this.procedureDialect = procedureDialect;
        this.maxQueryLength = maxQueryLength;
    }

    /** Scripts for BigQuery scheduled queries, each text within {@code maxQueryLength} characters. */
    public static ScriptRenderer bigQuery(Warehouse warehouse, int maxQueryLength) {
        return new ScriptRenderer(
                warehouse, new BigQueryDialect(), BigQueryDialect.procedureBody(RUN_TIME_ARGUMENT), maxQueryLength);
    }

    /** The same layout for DuckDB, which has no query-length limit (and no procedures to split into). */
    public static ScriptRenderer duckDb(Warehouse warehouse, DuckDbDialect dialect) {
        return new ScriptRenderer(warehouse, dialect, dialect, Integer.MAX_VALUE);
    }

    public RenderedScript render(RefreshScript script) {
        SqlRenderer renderer = new SqlRenderer(warehouse, dialect);
        List<String> builds =
                script.builds().stream().map(b -> statement(b, renderer)).toList();
        List<List<String>> transactions = script.swapTransactions().stream()
                .map(transaction ->
                        transaction.stream().map(s -> statement(s, renderer)).toList())
                .toList();
        List<String> swap = transactions.stream().flatMap(List::stream).toList();
        List<String> statements = new ArrayList<>(builds);
        statements.addAll(swap);
        List<String> procedures = new ArrayList<>();
        List<RenderedScript.SentQuery> queries = new ArrayList<>(queries(script, renderer));
        if (tooLong(script, statements)) {
            SqlRenderer bodyRenderer = new SqlRenderer(warehouse, procedureDialect);
            Set<String> kept = keptInScript(script);
            List<ScriptStatement.CreateTableAs> movable = script.builds().stream()
                    .filter(b -> !kept.contains(b.table()))
                    .toList();
            procedures.addAll(procedures(
                    script,
                    0,
                    movable.stream()
                            .map(b -> "the statement that builds " + b.table())
                            .toList(),
                    movable.stream()
                            .map(b -> List.of(statement(b, bodyRenderer)))
                            .toList()));
            List<String> keptBuilds = new ArrayList<>();
            for (int i = 0; i < builds.size(); i++) {
                if (kept.contains(script.builds().get(i).table())) {
                    keptBuilds.add(builds.get(i));
                }
            }
            statements = calls(script, 1, procedures.size(), renderer);
            statements.addAll(keptBuilds);
            statements.addAll(swap);
            if (tooLong(script, statements)) {
                // whole transactions move, never part of one: each stays all-or-nothing
                int buildParts = procedures.size();
                procedures.addAll(procedures(
                        script,
                        buildParts,
                        transactions.stream()
                                .map(t -> "a swap transaction of " + (t.size() - 2) / 2 + " tables")
                                .toList(),
                        transactions));
                statements = calls(script, 1, buildParts, renderer);
                statements.addAll(keptBuilds);
                statements.addAll(calls(script, buildParts + 1, procedures.size(), renderer));
            }
            if (tooLong(script, statements)) {
                throw new ScriptTooLongException(script.name() + ": the hand-written and generated SQL of its"
                        + " intent and sql segments, which cannot move into procedures, and the calls of the "
                        + procedures.size() + " procedures are longer than " + maxQueryLength
                        + " characters together");
            }
        }
        String body = statements.stream().map(s -> s + END).collect(Collectors.joining("\n"));
        String hash = Sha256.hex(body + String.join("\n", procedures));
        List<String> setup =
                script.segmentTables().stream().map(t -> statement(t, renderer)).toList();
        return new RenderedScript(
                script.name(),
                dialect.name(),
                hash,
                header(script, hash) + body,
                statements,
                procedures,
                setup,
                queries);
    }

    /** Names the cadence and spec, never a path or a time, so the text is the same on every machine. */
    private static String header(RefreshScript script, String hash) {
        return "-- " + script.name() + ": generated by " + MARKER + " for the "
                + script.cadence().label()
                + " segments; do not edit.\n-- " + MARKER + " refresh "
                + script.cadence().label()
                + " spec sha256 " + hash + "; @run_time is the scheduled query's run time (UTC).\n";
    }

    /**
     * Builds over SQL a segment brought (intent, sql) read {@code @run_time} as written, which a
     * procedure cannot: they stay in the script, analysed exactly as written, and only the
     * compiler's own builds move.
     */
    private static boolean embedsSql(ScriptStatement.CreateTableAs build) {
        return build.query().result().from() instanceof SqlQuery.Embedded;
    }

    /**
     * The tables whose builds stay in the script: those over SQL a segment brought, and every build
     * that reads a kept table (a segment built from an intent or sql segment, {@code in_segment}),
     * which must run after it, so after the procedures.
     */
    private static Set<String> keptInScript(RefreshScript script) {
        Set<String> kept = new HashSet<>();
        for (ScriptStatement.CreateTableAs build : script.builds()) {
            if (embedsSql(build) || readsAny(build.query(), kept)) {
                kept.add(build.table());
            }
        }
        return kept;
    }

    private static boolean readsAny(SqlQuery.Query query, Set<String> tables) {
        List<SqlQuery.Select> selects = new ArrayList<>();
        query.steps().forEach(step -> selects.add(step.select()));
        selects.add(query.result());
        return selects.stream()
                .anyMatch(select ->
                        select.from() instanceof SqlQuery.Managed managed && tables.contains(managed.table()));
    }

    private boolean tooLong(RefreshScript script, List<String> statements) {
        // the header names the spec's sha256, 64 hex digits, as the text sent will
        return header(script, "0".repeat(64)).length() + bodiesLength(statements) > maxQueryLength;
    }

    /** {@code CALL}s of the procedures numbered {@code from} to {@code to}, in order. */
    private List<String> calls(RefreshScript script, int from, int to, SqlRenderer renderer) {
        List<String> calls = new ArrayList<>();
        for (int part = from; part <= to; part++) {
            calls.add(statement(new ScriptStatement.Call(RefreshScript.procedure(script.cadence(), part)), renderer));
        }
        return calls;
    }

    /**
     * The units (each one or more statements that must stay together) in order, as few procedures
     * as fit the limit each, numbered after {@code partsBefore}.
     *
     * @param labels what each unit is, for the error when one alone is longer than the limit
     */
    private List<String> procedures(
            RefreshScript script, int partsBefore, List<String> labels, List<List<String>> units) {
        List<String> procedures = new ArrayList<>();
        List<String> part = new ArrayList<>();
        int partLength = 0; // of the part's bodies as procedure() joins them: lengths are summed, not rendered
        for (int i = 0; i < units.size(); i++) {
            int number = partsBefore + procedures.size() + 1;
            int unitLength = bodiesLength(units.get(i));
            int grownLength = part.isEmpty() ? unitLength : partLength + 1 + unitLength;
            if (procedureLength(script, number, grownLength) <= maxQueryLength) {
                part.addAll(units.get(i));
                partLength = grownLength;
                continue;
            }
            if (!part.isEmpty()) {
                procedures.add(procedure(script, number, part));
                number++;
            }
            part = new ArrayList<>(units.get(i));
            partLength = unitLength;
            if (procedureLength(script, number, partLength) > maxQueryLength) {
                throw new ScriptTooLongException(script.name() + ": " + labels.get(i) + " is "
                        + bodiesLength(units.get(i)) + " characters long, more than the " + maxQueryLength
                        + " one query may have");
            }
        }
        if (!part.isEmpty()) {
            procedures.add(procedure(script, partsBefore + procedures.size() + 1, part));
        }
        return procedures;
    }

    private String procedure(RefreshScript script, int part, List<String> bodies) {
        return procedureHead(script, part)
                + bodies.stream().map(b -> b + END).collect(Collectors.joining("\n"))
                + PROCEDURE_END;
    }

    private String procedureHead(RefreshScript script, int part) {
        String name = dialect.managedTable(warehouse, RefreshScript.procedure(script.cadence(), part));
        return "CREATE OR REPLACE PROCEDURE " + name + "(" + RUN_TIME_ARGUMENT + " TIMESTAMP)\nBEGIN\n";
    }

    /** The length {@link #procedure} would have with bodies of {@code bodiesLength}, without rendering it. */
    private int procedureLength(RefreshScript script, int part, int bodiesLength) {
        return procedureHead(script, part).length() + bodiesLength + PROCEDURE_END.length();
    }

    /** The length of {@code bodies} joined as {@link #procedure} and the script's body join them. */
    private static int bodiesLength(List<String> bodies) {
        return bodies.stream().mapToInt(b -> b.length() + END.length()).sum() + bodies.size() - 1;
    }

    /** Every SELECT the script sends, as the scheduled query spells it, with the columns of the table it fills. */
    private List<RenderedScript.SentQuery> queries(RefreshScript script, SqlRenderer renderer) {
        List<RenderedScript.SentQuery> queries = new ArrayList<>();
        for (ScriptStatement.CreateTableAs build : script.builds()) {
            queries.add(new RenderedScript.SentQuery(
                    build.table(),
                    renderer.render(build.query()),
                    script.tables().get(build.table()),
                    embedsSql(build)));
        }
        for (RefreshScript.Swap swap : script.swaps()) {
            queries.add(new RenderedScript.SentQuery(
                    swap.segmentTable(), copy(swap.stagingTable(), swap.columns()), swap.columns(), false));
        }
        return queries;
    }

    /** The one statement of each template; names are ours and identifiers of the dialect, values come from the IR. */
    private String statement(ScriptStatement statement, SqlRenderer renderer) {
        if (statement instanceof ScriptStatement.CreateTableAs create) {
            return "CREATE OR REPLACE TABLE " + table(create.table()) + " AS\n"
                    + renderer.render(create.query()).stripTrailing();
        }
        if (statement instanceof ScriptStatement.Truncate truncate) {
            return "TRUNCATE TABLE " + table(truncate.table());
        }
        if (statement instanceof ScriptStatement.InsertSelect insert) {
            return "INSERT INTO " + table(insert.target()) + " (" + columnList(insert.columns()) + ")\n"
                    + copy(insert.source(), insert.columns());
        }
        if (statement instanceof ScriptStatement.BeginTransaction) {
            return "BEGIN TRANSACTION";
        }
        if (statement instanceof ScriptStatement.CommitTransaction) {
            return "COMMIT TRANSACTION";
        }
        if (statement instanceof ScriptStatement.Call call) {
            return "CALL " + table(call.procedure()) + "(" + dialect.runTime() + ")";
        }
        ScriptStatement.CreateSegmentTable create = (ScriptStatement.CreateSegmentTable) statement;
        return "CREATE TABLE IF NOT EXISTS " + table(create.table()) + " ("
                + create.columns().stream()
                        .map(c -> dialect.identifier(c.name()) + " " + dialect.typeName(c.type()))
                        .collect(Collectors.joining(", "))
                + ")";
    }

    private String copy(String source, List<OutputColumn> columns) {
        return "SELECT " + columnList(columns) + " FROM " + table(source);
    }

    private String columnList(List<OutputColumn> columns) {
        return columns.stream().map(c -> dialect.identifier(c.name())).collect(Collectors.joining(", "));
    }

    private String table(String name) {
        return dialect.managedTable(warehouse, name);
    }
}

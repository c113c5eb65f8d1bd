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
 * and the structured segments' staging tables, which hold nearly all of its text) go, in order,
 * into as few procedures as fit the limit each; apply creates them ({@code CREATE OR REPLACE
 * PROCEDURE}), and the scheduled script calls them in order, passing {@code @run_time} as their
 * argument, then builds the intent and sql segments' staging tables itself, before the swap. The
 * builds that read a table built in the script (a segment built from an intent or sql segment)
 * stay after it. The swap stays in the script, so the transaction and its all-or-nothing guarantee do not depend on
 * the split. A single build longer than the limit, or what must stay in the script longer than
 * it, cannot be split further: that is an error naming it.
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
        List<String> swap = script.swapStatements().stream()
                .map(s -> statement(s, renderer))
                .toList();
        List<String> statements = new ArrayList<>(builds);
        statements.addAll(swap);
        List<String> procedures = List.of();
        List<RenderedScript.SentQuery> queries = new ArrayList<>(queries(script, renderer));
        if (header(script, "").length() + length(statements) > maxQueryLength) {
            SqlRenderer bodyRenderer = new SqlRenderer(warehouse, procedureDialect);
            Set<String> kept = keptInScript(script);
            List<ScriptStatement.CreateTableAs> movable = script.builds().stream()
                    .filter(b -> !kept.contains(b.table()))
                    .toList();
            procedures = procedures(
                    script,
                    movable,
                    movable.stream().map(b -> statement(b, bodyRenderer)).toList());
            statements = new ArrayList<>();
            for (int part = 1; part <= procedures.size(); part++) {
                statements.add(
                        statement(new ScriptStatement.Call(RefreshScript.procedure(script.cadence(), part)), renderer));
            }
            for (int i = 0; i < builds.size(); i++) {
                if (kept.contains(script.builds().get(i).table())) {
                    statements.add(builds.get(i));
                }
            }
            statements.addAll(swap);
            if (header(script, "").length() + length(statements) > maxQueryLength) {
                throw new ScriptTooLongException(script.name() + ": the hand-written and generated SQL of its"
                        + " intent and sql segments and the swap of "
                        + script.swaps().size()
                        + " segment tables are longer than " + maxQueryLength + " characters together");
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

    private static int length(List<String> statements) {
        return statements.stream().mapToInt(s -> s.length() + END.length() + 1).sum();
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

    /** The builds in order, as few procedures as fit the limit each. */
    private List<String> procedures(
            RefreshScript script, List<ScriptStatement.CreateTableAs> builds, List<String> bodies) {
        List<String> procedures = new ArrayList<>();
        List<String> part = new ArrayList<>();
        for (int i = 0; i < bodies.size(); i++) {
            List<String> grown = new ArrayList<>(part);
            grown.add(bodies.get(i));
            String candidate = procedure(script, procedures.size() + 1, grown);
            if (candidate.length() <= maxQueryLength) {
                part = grown;
                continue;
            }
            if (part.isEmpty()) {
                throw new ScriptTooLongException(script.name() + ": the statement that builds "
                        + builds.get(i).table() + " is " + bodies.get(i).length() + " characters long, more than the "
                        + maxQueryLength + " one query may have");
            }
            procedures.add(procedure(script, procedures.size() + 1, part));
            part = new ArrayList<>(List.of(bodies.get(i)));
            if (procedure(script, procedures.size() + 1, part).length() > maxQueryLength) {
                throw new ScriptTooLongException(script.name() + ": the statement that builds "
                        + builds.get(i).table() + " is " + bodies.get(i).length() + " characters long, more than the "
                        + maxQueryLength + " one query may have");
            }
        }
        if (!part.isEmpty()) {
            procedures.add(procedure(script, procedures.size() + 1, part));
        }
        return procedures;
    }

    private String procedure(RefreshScript script, int part, List<String> bodies) {
        String name = dialect.managedTable(warehouse, RefreshScript.procedure(script.cadence(), part));
        return "CREATE OR REPLACE PROCEDURE " + name
                + "(" + RUN_TIME_ARGUMENT + " TIMESTAMP)\nBEGIN\n"
                + bodies.stream().map(b -> b + END).collect(Collectors.joining("\n")) + "END";
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

package io.segmentsascode.render;

import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.SqlExpr;
import io.segmentsascode.generate.SqlQuery;
import io.segmentsascode.model.AggregateFunction;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Render stage: prints an IR query in one dialect with a fixed layout (two-space indents, one
 * select item per line), so the SQL is byte-stable and its diffs in pull requests are readable.
 */
public final class SqlRenderer {

    private static final String INDENT = "  ";
    /** The step that counts the rows per key of a result checked for unique keys (see {@link #rowsPerKey}). */
    private static final String CHECKED_ROWS = "_segment_rows";

    private final Warehouse warehouse;
    private final Dialect dialect;

    public SqlRenderer(Warehouse warehouse, Dialect dialect) {
        this.warehouse = warehouse;
        this.dialect = dialect;
    }

    public RenderedSegment render(GeneratedSegment generated) {
        Texts texts = texts(generated.query());
        return new RenderedSegment(
                generated.segment().id(), dialect.name(), texts.sql(), generated.columns(), texts.rowsSql());
    }

    String render(SqlQuery.Query query) {
        return texts(query).sql();
    }

    /** A query's text, and the same text without its one-row-per-key check (equal when it has none). */
    private record Texts(String sql, String rowsSql) {}

    /** One pass for both texts: embedded SQL is translated once (for DuckDB, a parse and unparse). */
    private Texts texts(SqlQuery.Query query) {
        List<SqlQuery.Step> steps = new ArrayList<>(query.envelope());
        steps.addAll(query.steps());
        SqlQuery.Select result = query.result();
        Optional<SqlExpr> check = Optional.empty();
        if (query.uniqueRows().isPresent()) {
            SqlQuery.UniqueRows unique = query.uniqueRows().get();
            steps.add(new SqlQuery.Step(CHECKED_ROWS, withRowsPerKey(result, unique)));
            result = columnsOfCheckedRows(result);
            check = Optional.of(onlyRowOfItsKey(unique));
        }
        StringBuilder sql = new StringBuilder();
        if (!steps.isEmpty()) {
            sql.append("WITH\n");
            for (int i = 0; i < steps.size(); i++) {
                SqlQuery.Step step = steps.get(i);
                sql.append(INDENT).append(dialect.identifier(step.name())).append(" AS (\n");
                select(step.select(), INDENT + INDENT, sql);
                sql.append(INDENT).append(i + 1 < steps.size() ? "),\n" : ")\n");
            }
        }
        select(result, "", sql);
        String rows = sql.toString();
        if (check.isEmpty()) {
            return new Texts(rows, rows);
        }
        sql.append("WHERE ");
        expr(check.get(), sql);
        return new Texts(sql.append('\n').toString(), rows);
    }

    /**
     * The result's rows, each with how many rows share its key. The count is a column of its own
     * step, not part of the check, so the check reads as one condition and DuckDB runs the same
     * shape (a window function inside IF() next to ERROR() is also valid BigQuery).
     */
    private static SqlQuery.Select withRowsPerKey(SqlQuery.Select result, SqlQuery.UniqueRows unique) {
        List<SqlQuery.SelectItem> items = new ArrayList<>(result.items());
        items.add(new SqlQuery.SelectItem(new SqlExpr.RowsWithSameKey(unique.key()), rowsPerKey(unique)));
        return new SqlQuery.Select(items, result.from(), result.joins(), result.where(), result.groupBy());
    }

    /** The result's columns, read from the counted rows. */
    private static SqlQuery.Select columnsOfCheckedRows(SqlQuery.Select result) {
        List<SqlQuery.SelectItem> items = result.items().stream()
                .map(item -> new SqlQuery.SelectItem(SqlExpr.ColumnRef.of(item.alias()), item.alias()))
                .toList();
        return new SqlQuery.Select(
                items, new SqlQuery.StepRef(CHECKED_ROWS, CHECKED_ROWS), List.of(), Optional.empty(), List.of());
    }

    /** TRUE for a row whose key is on no other row; a key on more than one row fails the query. */
    private static SqlExpr onlyRowOfItsKey(SqlQuery.UniqueRows unique) {
        SqlExpr onlyRow =
                new SqlExpr.Compare(SqlExpr.ColumnRef.of(rowsPerKey(unique)), "=", new SqlExpr.Literal(BigDecimal.ONE));
        return new SqlExpr.TrueOrFail(onlyRow, unique.message());
    }

    /** Named with a leading underscore, which no contract column, table or step of ours has. */
    private static String rowsPerKey(SqlQuery.UniqueRows unique) {
        return "_rows_per_" + unique.key().column();
    }

    private void select(SqlQuery.Select select, String indent, StringBuilder sql) {
        String itemIndent = indent + INDENT;
        sql.append(indent).append("SELECT\n");
        List<SqlQuery.SelectItem> items = select.items();
        for (int i = 0; i < items.size(); i++) {
            sql.append(itemIndent);
            selectItem(items.get(i), itemIndent, sql);
            sql.append(i + 1 < items.size() ? ",\n" : "\n");
        }
        sql.append(indent).append("FROM ");
        source(select.from(), sql);
        sql.append('\n');
        for (SqlQuery.LeftJoin join : select.joins()) {
            sql.append(indent).append("LEFT JOIN ");
            source(join.step(), sql);
            sql.append(" ON ");
            expr(join.on(), sql);
            sql.append('\n');
        }
        if (select.where().isPresent()) {
            SqlExpr where = select.where().get();
            List<SqlExpr> conjuncts = (where instanceof SqlExpr.Logical l && l.op().equals("AND")
                            ? l.operands()
                            : List.of(where))
                    .stream().filter(this::needed).toList();
            for (int i = 0; i < conjuncts.size(); i++) {
                sql.append(indent).append(i == 0 ? "WHERE " : INDENT + "AND ");
                operand(conjuncts.get(i), "AND", conjuncts.size(), sql);
                sql.append('\n');
            }
        }
        if (!select.groupBy().isEmpty()) {
            sql.append(indent).append("GROUP BY ");
            list(select.groupBy(), sql);
            sql.append('\n');
        }
    }

    /** A shard bound where this engine has no shards is no condition at all. */
    private boolean needed(SqlExpr conjunct) {
        return !(conjunct instanceof SqlExpr.ShardsWithinDays shards)
                || dialect.shardsWithinDays(shards.days()).isPresent();
    }

    private void selectItem(SqlQuery.SelectItem item, String indent, StringBuilder sql) {
        if (item.expr() instanceof SqlExpr.CaseWhen c) {
            multiLineCase(c, indent, sql);
        } else {
            expr(item.expr(), sql);
        }
        boolean sameName = item.expr() instanceof SqlExpr.ColumnRef c
                && c.qualifier().isEmpty()
                && c.column().equals(item.alias());
        if (!sameName) {
            sql.append(" AS ").append(dialect.identifier(item.alias()));
        }
    }

    private void source(SqlQuery.Source source, StringBuilder sql) {
        if (source instanceof SqlQuery.PhysicalTable physical) {
            sql.append(dialect.physicalTable(warehouse, physical.logicalTable()));
            return;
        }
        if (source instanceof SqlQuery.Managed managed) {
            sql.append(dialect.managedTable(warehouse, managed.table()))
                    .append(" AS ")
                    .append(dialect.identifier(managed.alias()));
            return;
        }
        if (source instanceof SqlQuery.DistinctKeys keys) {
            sql.append('(');
            for (int i = 0; i < keys.steps().size(); i++) {
                sql.append(i > 0 ? " " + dialect.unionDistinct() + " " : "")
                        .append("SELECT ")
                        .append(dialect.identifier(keys.column()))
                        .append(" FROM ")
                        .append(dialect.identifier(keys.steps().get(i)));
            }
            sql.append(") AS ").append(dialect.identifier(keys.alias()));
            return;
        }
        if (source instanceof SqlQuery.Nested nested) {
            sql.append("(\n")
                    .append(texts(nested.query()).sql().stripTrailing())
                    .append("\n) AS ")
                    .append(dialect.identifier(nested.alias()));
            return;
        }
        if (source instanceof SqlQuery.Embedded embedded) {
            // newlines keep a trailing line comment of the embedded SQL from swallowing the parenthesis
            sql.append("(\n")
                    .append(dialect.embed(embedded.googleSql(), warehouse))
                    .append("\n) AS ")
                    .append(dialect.identifier(embedded.alias()));
            return;
        }
        SqlQuery.StepRef step = (SqlQuery.StepRef) source;
        sql.append(dialect.identifier(step.step()));
        if (!step.alias().equals(step.step())) {
            sql.append(" AS ").append(dialect.identifier(step.alias()));
        }
    }

    /** An expression on its own, for the dialect's functions that wrap their arguments. */
    String expr(SqlExpr expr) {
        StringBuilder sql = new StringBuilder();
        expr(expr, sql);
        return sql.toString();
    }

    /** Appends to the query text as it is built: no intermediate string per subexpression. */
    private void expr(SqlExpr expr, StringBuilder sql) {
        if (expr instanceof SqlExpr.ColumnRef c) {
            if (c.qualifier().isPresent()) {
                sql.append(dialect.identifier(c.qualifier().get())).append('.');
            }
            sql.append(dialect.identifier(c.column()));
        } else if (expr instanceof SqlExpr.Literal l) {
            literal(l.value(), sql);
        } else if (expr instanceof SqlExpr.RunTime) {
            sql.append(dialect.runTime());
        } else if (expr instanceof SqlExpr.TimestampMinusDays t) {
            sql.append(dialect.timestampMinusDays(expr(t.timestamp()), t.days()));
        } else if (expr instanceof SqlExpr.ShardsWithinDays shards) {
            sql.append(dialect.shardsWithinDays(shards.days()).orElse("TRUE"));
        } else if (expr instanceof SqlExpr.WholeDaysBetween d) {
            sql.append(dialect.wholeDaysBetween(expr(d.later()), expr(d.earlier())));
        } else if (expr instanceof SqlExpr.Compare c) {
            expr(c.left(), sql);
            sql.append(' ').append(c.op()).append(' ');
            expr(c.right(), sql);
        } else if (expr instanceof SqlExpr.Logical l) {
            List<SqlExpr> operands = l.operands();
            for (int i = 0; i < operands.size(); i++) {
                if (i > 0) {
                    sql.append(' ').append(l.op()).append(' ');
                }
                operand(operands.get(i), l.op(), operands.size(), sql);
            }
        } else if (expr instanceof SqlExpr.Not n) {
            sql.append("NOT (");
            expr(n.operand(), sql);
            sql.append(')');
        } else if (expr instanceof SqlExpr.IsNull n) {
            expr(n.operand(), sql);
            sql.append(n.negated() ? " IS NOT NULL" : " IS NULL");
        } else if (expr instanceof SqlExpr.InList in) {
            expr(in.operand(), sql);
            sql.append(in.negated() ? " NOT IN (" : " IN (");
            list(in.values(), sql);
            sql.append(')');
        } else if (expr instanceof SqlExpr.InCte in) {
            expr(in.operand(), sql);
            sql.append(" IN (SELECT ")
                    .append(dialect.identifier(in.column()))
                    .append(" FROM ")
                    .append(dialect.identifier(in.cte()))
                    .append(')');
        } else if (expr instanceof SqlExpr.Aggregate a) {
            aggregate(a, sql);
        } else if (expr instanceof SqlExpr.SafeRatio r) {
            sql.append(dialect.safeRatio(expr(r.numerator()), expr(r.denominator())));
        } else if (expr instanceof SqlExpr.Coalesce c) {
            sql.append("COALESCE(");
            expr(c.value(), sql);
            sql.append(", ");
            expr(c.fallback(), sql);
            sql.append(')');
        } else if (expr instanceof SqlExpr.Cast c) {
            sql.append("CAST(");
            expr(c.value(), sql);
            sql.append(" AS ").append(dialect.typeName(c.type())).append(')');
        } else if (expr instanceof SqlExpr.RowsWithSameKey r) {
            sql.append("COUNT(*) OVER (PARTITION BY ");
            expr(r.key(), sql);
            sql.append(')');
        } else if (expr instanceof SqlExpr.TrueOrFail t) {
            sql.append(dialect.trueOrFail(expr(t.condition()), dialect.stringLiteral(t.message())));
        } else if (expr instanceof SqlExpr.ShareScore score) {
            shareScore(score, sql);
        } else if (expr instanceof SqlExpr.Ntile n) {
            sql.append("NTILE(").append(n.buckets()).append(") OVER (ORDER BY ");
            for (int i = 0; i < n.orderBy().size(); i++) {
                SqlExpr.OrderKey key = n.orderBy().get(i);
                sql.append(i > 0 ? ", " : "");
                expr(key.expr(), sql);
                sql.append(key.descending() ? " DESC" : "");
            }
            sql.append(')');
        } else {
            SqlExpr.CaseWhen c = (SqlExpr.CaseWhen) expr;
            sql.append("CASE");
            for (SqlExpr.When when : c.whens()) {
                sql.append(" WHEN ");
                expr(when.condition(), sql);
                sql.append(" THEN ");
                expr(when.result(), sql);
            }
            sql.append(" ELSE ");
            expr(c.otherwise(), sql);
            sql.append(" END");
        }
    }

    /**
     * {@code 1 + buckets * worse / all} where, in a step grouped by the value, {@code worse} is the
     * running count of users up to this value from the worst, less this value's own users.
     */
    private void shareScore(SqlExpr.ShareScore score, StringBuilder sql) {
        String users = "COUNT(*)";
        StringBuilder runningUsers = new StringBuilder("SUM(" + users + ") OVER (ORDER BY ");
        expr(score.worstFirst().expr(), runningUsers);
        runningUsers.append(score.worstFirst().descending() ? " DESC)" : ")");
        String worse = score.buckets() + " * (" + runningUsers + " - " + users + ")";
        sql.append("CAST(1 + ")
                .append(dialect.integerDivide(worse, "SUM(" + users + ") OVER ()"))
                .append(" AS ")
                .append(dialect.typeName(ColumnType.INT64))
                .append(')');
    }

    /** Comma-separated, as in GROUP BY and IN lists. */
    private void list(List<SqlExpr> exprs, StringBuilder sql) {
        for (int i = 0; i < exprs.size(); i++) {
            sql.append(i > 0 ? ", " : "");
            expr(exprs.get(i), sql);
        }
    }

    /** One WHEN per line: label conditions are what reviewers read in a diff. */
    private void multiLineCase(SqlExpr.CaseWhen c, String indent, StringBuilder sql) {
        sql.append("CASE\n");
        for (SqlExpr.When when : c.whens()) {
            sql.append(indent).append(INDENT).append("WHEN ");
            expr(when.condition(), sql);
            sql.append(" THEN ");
            expr(when.result(), sql);
            sql.append('\n');
        }
        sql.append(indent).append(INDENT).append("ELSE ");
        expr(c.otherwise(), sql);
        sql.append('\n').append(indent).append("END");
    }

    /** Parenthesises a logical operand unless it binds tighter than its parent. */
    private void operand(SqlExpr operand, String parentOp, int siblings, StringBuilder sql) {
        boolean needsParens = operand instanceof SqlExpr.Logical l && (!l.op().equals(parentOp) || siblings == 1);
        sql.append(needsParens ? "(" : "");
        expr(operand, sql);
        sql.append(needsParens ? ")" : "");
    }

    private void aggregate(SqlExpr.Aggregate a, StringBuilder sql) {
        if (a.function() == AggregateFunction.COUNT) {
            if (a.filter().isPresent()) {
                sql.append(dialect.countIf(expr(a.filter().get())));
            } else {
                sql.append("COUNT(*)");
            }
            return;
        }
        sql.append(
                switch (a.function()) {
                    case COUNT_DISTINCT -> "COUNT(DISTINCT ";
                    case SUM -> "SUM(";
                    case MIN -> "MIN(";
                    case MAX -> "MAX(";
                    case COUNT -> throw new IllegalStateException("handled above");
                });
        if (a.filter().isPresent()) {
            sql.append("CASE WHEN ");
            expr(a.filter().get(), sql);
            sql.append(" THEN ");
            argument(a, sql);
            sql.append(" END");
        } else {
            argument(a, sql);
        }
        sql.append(')');
    }

    private void argument(SqlExpr.Aggregate a, StringBuilder sql) {
        if (a.argument().isPresent()) {
            expr(a.argument().get(), sql);
        } else {
            sql.append('*');
        }
    }

    private void literal(Object value, StringBuilder sql) {
        if (value == null) {
            sql.append("NULL");
        } else if (value instanceof String s) {
            sql.append(dialect.stringLiteral(s));
        } else if (value instanceof Boolean b) {
            sql.append(b ? "TRUE" : "FALSE");
        } else {
            sql.append(((BigDecimal) value).toPlainString());
        }
    }
}

package io.segmentsascode.render;

import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.SqlExpr;
import io.segmentsascode.generate.SqlQuery;
import io.segmentsascode.model.AggregateFunction;
import io.segmentsascode.model.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Render stage: prints an IR query in one dialect with a fixed layout (two-space indents, one
 * select item per line), so the SQL is byte-stable and its diffs in pull requests are readable.
 */
public final class SqlRenderer {

    private static final String INDENT = "  ";

    private final Warehouse warehouse;
    private final Dialect dialect;

    public SqlRenderer(Warehouse warehouse, Dialect dialect) {
        this.warehouse = warehouse;
        this.dialect = dialect;
    }

    public RenderedSegment render(GeneratedSegment generated) {
        return new RenderedSegment(generated.segment().id(), dialect.name(), render(generated.query()), generated.columns());
    }

    String render(SqlQuery.Query query) {
        List<SqlQuery.Step> steps = new ArrayList<>(query.envelope());
        steps.addAll(query.steps());
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
        select(query.result(), "", sql);
        return sql.toString();
    }

    private void select(SqlQuery.Select select, String indent, StringBuilder sql) {
        sql.append(indent).append("SELECT\n");
        List<SqlQuery.SelectItem> items = select.items();
        for (int i = 0; i < items.size(); i++) {
            sql.append(indent).append(INDENT).append(selectItem(items.get(i), indent + INDENT))
                    .append(i + 1 < items.size() ? ",\n" : "\n");
        }
        sql.append(indent).append("FROM ").append(source(select.from())).append('\n');
        for (SqlQuery.LeftJoin join : select.joins()) {
            sql.append(indent).append("LEFT JOIN ").append(source(join.step())).append(" ON ")
                    .append(expr(join.on())).append('\n');
        }
        select.where().ifPresent(where -> {
            List<SqlExpr> conjuncts = where instanceof SqlExpr.Logical l && l.op().equals("AND") ? l.operands() : List.of(where);
            sql.append(indent).append("WHERE ").append(operand(conjuncts.get(0), "AND", conjuncts.size())).append('\n');
            for (SqlExpr conjunct : conjuncts.subList(1, conjuncts.size())) {
                sql.append(indent).append(INDENT).append("AND ").append(operand(conjunct, "AND", conjuncts.size())).append('\n');
            }
        });
        if (!select.groupBy().isEmpty()) {
            sql.append(indent).append("GROUP BY ")
                    .append(select.groupBy().stream().map(this::expr).collect(Collectors.joining(", "))).append('\n');
        }
    }

    private String selectItem(SqlQuery.SelectItem item, String indent) {
        String rendered = item.expr() instanceof SqlExpr.CaseWhen c ? multiLineCase(c, indent) : expr(item.expr());
        boolean sameName = item.expr() instanceof SqlExpr.ColumnRef c && c.qualifier().isEmpty()
                && c.column().equals(item.alias());
        return sameName ? rendered : rendered + " AS " + dialect.identifier(item.alias());
    }

    private String source(SqlQuery.Source source) {
        if (source instanceof SqlQuery.PhysicalTable physical) {
            return dialect.physicalTable(warehouse, physical.logicalTable());
        }
        if (source instanceof SqlQuery.Embedded embedded) {
            // newlines keep a trailing line comment of the embedded SQL from swallowing the parenthesis
            return "(\n" + dialect.embed(embedded.googleSql()) + "\n) AS " + dialect.identifier(embedded.alias());
        }
        SqlQuery.StepRef step = (SqlQuery.StepRef) source;
        String name = dialect.identifier(step.step());
        return step.alias().equals(step.step()) ? name : name + " AS " + dialect.identifier(step.alias());
    }

    String expr(SqlExpr expr) {
        if (expr instanceof SqlExpr.ColumnRef c) {
            return c.qualifier().map(q -> dialect.identifier(q) + ".").orElse("") + dialect.identifier(c.column());
        }
        if (expr instanceof SqlExpr.Literal l) {
            return literal(l.value());
        }
        if (expr instanceof SqlExpr.RunTime) {
            return dialect.runTime();
        }
        if (expr instanceof SqlExpr.TimestampMinusDays t) {
            return dialect.timestampMinusDays(expr(t.timestamp()), t.days());
        }
        if (expr instanceof SqlExpr.WholeDaysBetween d) {
            return dialect.wholeDaysBetween(expr(d.later()), expr(d.earlier()));
        }
        if (expr instanceof SqlExpr.Compare c) {
            return expr(c.left()) + " " + c.op() + " " + expr(c.right());
        }
        if (expr instanceof SqlExpr.Logical l) {
            return l.operands().stream().map(o -> operand(o, l.op(), l.operands().size()))
                    .collect(Collectors.joining(" " + l.op() + " "));
        }
        if (expr instanceof SqlExpr.Not n) {
            return "NOT (" + expr(n.operand()) + ")";
        }
        if (expr instanceof SqlExpr.IsNull n) {
            return expr(n.operand()) + (n.negated() ? " IS NOT NULL" : " IS NULL");
        }
        if (expr instanceof SqlExpr.InList in) {
            return expr(in.operand()) + (in.negated() ? " NOT IN (" : " IN (")
                    + in.values().stream().map(this::expr).collect(Collectors.joining(", ")) + ")";
        }
        if (expr instanceof SqlExpr.InCte in) {
            return expr(in.operand()) + " IN (SELECT " + dialect.identifier(in.column()) + " FROM "
                    + dialect.identifier(in.cte()) + ")";
        }
        if (expr instanceof SqlExpr.Aggregate a) {
            return aggregate(a);
        }
        if (expr instanceof SqlExpr.SafeRatio r) {
            return dialect.safeRatio(expr(r.numerator()), expr(r.denominator()));
        }
        if (expr instanceof SqlExpr.Coalesce c) {
            return "COALESCE(" + expr(c.value()) + ", " + expr(c.fallback()) + ")";
        }
        if (expr instanceof SqlExpr.Cast c) {
            return "CAST(" + expr(c.value()) + " AS " + dialect.typeName(c.type()) + ")";
        }
        if (expr instanceof SqlExpr.Ntile n) {
            return "NTILE(" + n.buckets() + ") OVER (ORDER BY " + n.orderBy().stream()
                    .map(k -> expr(k.expr()) + (k.descending() ? " DESC" : ""))
                    .collect(Collectors.joining(", ")) + ")";
        }
        SqlExpr.CaseWhen c = (SqlExpr.CaseWhen) expr;
        StringBuilder out = new StringBuilder("CASE");
        for (SqlExpr.When when : c.whens()) {
            out.append(" WHEN ").append(expr(when.condition())).append(" THEN ").append(expr(when.result()));
        }
        return out.append(" ELSE ").append(expr(c.otherwise())).append(" END").toString();
    }

    /** One WHEN per line: label conditions are what reviewers read in a diff. */
    private String multiLineCase(SqlExpr.CaseWhen c, String indent) {
        StringBuilder out = new StringBuilder("CASE\n");
        for (SqlExpr.When when : c.whens()) {
            out.append(indent).append(INDENT).append("WHEN ").append(expr(when.condition())).append(" THEN ")
                    .append(expr(when.result())).append('\n');
        }
        return out.append(indent).append(INDENT).append("ELSE ").append(expr(c.otherwise())).append('\n')
                .append(indent).append("END").toString();
    }

    /** Parenthesises a logical operand unless it binds tighter than its parent. */
    private String operand(SqlExpr operand, String parentOp, int siblings) {
        String rendered = expr(operand);
        boolean needsParens = operand instanceof SqlExpr.Logical l && (!l.op().equals(parentOp) || siblings == 1);
        return needsParens ? "(" + rendered + ")" : rendered;
    }

    private String aggregate(SqlExpr.Aggregate a) {
        String argument = a.argument().map(this::expr).orElse("*");
        if (a.function() == AggregateFunction.COUNT) {
            return a.filter().map(f -> dialect.countIf(expr(f))).orElse("COUNT(*)");
        }
        if (a.filter().isPresent()) {
            argument = "CASE WHEN " + expr(a.filter().get()) + " THEN " + argument + " END";
        }
        return switch (a.function()) {
            case COUNT_DISTINCT -> "COUNT(DISTINCT " + argument + ")";
            case SUM -> "SUM(" + argument + ")";
            case MIN -> "MIN(" + argument + ")";
            case MAX -> "MAX(" + argument + ")";
            case COUNT -> throw new IllegalStateException("handled above");
        };
    }

    private String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String s) {
            return dialect.stringLiteral(s);
        }
        if (value instanceof Boolean b) {
            return b ? "TRUE" : "FALSE";
        }
        return ((BigDecimal) value).toPlainString();
    }
}

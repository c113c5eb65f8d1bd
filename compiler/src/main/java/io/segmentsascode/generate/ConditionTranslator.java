package io.segmentsascode.generate;

import io.segmentsascode.expr.Expr;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a checked condition into IR. Names go through {@code names} (which knows what column or
 * step each name lives in); literals become {@link SqlExpr.Literal}s that the dialect escapes;
 * {@code in_segment} calls go through {@code members} (which knows where each segment's members are
 * read: a nested query, a staging table or a published table).
 */
final class ConditionTranslator {

    private final Function<String, SqlExpr> names;
    private final Function<String, SqlExpr> members;

    /** For conditions that cannot name segments (RFM labels). */
    ConditionTranslator(Function<String, SqlExpr> names) {
        this(names, id -> {
            throw new IllegalStateException("in_segment('" + id + "') where no segment can be named");
        });
    }

    ConditionTranslator(Function<String, SqlExpr> names, Function<String, SqlExpr> members) {
        this.names = names;
        this.members = members;
    }

    SqlExpr translate(Expr expr) {
        if (expr instanceof Expr.Name n) {
            return names.apply(n.name());
        }
        if (expr instanceof Expr.NumberLiteral n) {
            return new SqlExpr.Literal(n.value());
        }
        if (expr instanceof Expr.StringLiteral s) {
            return new SqlExpr.Literal(s.value());
        }
        if (expr instanceof Expr.BooleanLiteral b) {
            return new SqlExpr.Literal(b.value());
        }
        if (expr instanceof Expr.InSegment ref) {
            return members.apply(ref.segmentId());
        }
        if (expr instanceof Expr.Compare c) {
            return new SqlExpr.Compare(translate(c.left()), c.op().sql(), translate(c.right()));
        }
        if (expr instanceof Expr.In in) {
            return new SqlExpr.InList(
                    translate(in.value()),
                    in.candidates().stream().map(this::translate).toList(),
                    in.negated());
        }
        if (expr instanceof Expr.IsNull n) {
            return new SqlExpr.IsNull(translate(n.value()), n.negated());
        }
        if (expr instanceof Expr.And a) {
            return new SqlExpr.Logical("AND", List.of(translate(a.left()), translate(a.right())));
        }
        if (expr instanceof Expr.Or o) {
            return new SqlExpr.Logical("OR", List.of(translate(o.left()), translate(o.right())));
        }
        return new SqlExpr.Not(translate(((Expr.Not) expr).operand()));
    }
}

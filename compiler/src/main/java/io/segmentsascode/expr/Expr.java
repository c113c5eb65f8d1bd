package io.segmentsascode.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed condition. Only what segment definitions need: names, literals, comparisons,
 * {@code in}, {@code is null}, and/or/not, and {@code in_segment('seg_id')} (membership of another
 * segment). {@code offset} is the character position in the source text, for located errors.
 */
public sealed interface Expr {

    int offset();

    /** Adds every name {@code expr} mentions to {@code into} (which decides their order). */
    static void collectNames(Expr expr, Set<String> into) {
        if (expr instanceof Name n) {
            into.add(n.name());
        } else if (expr instanceof Compare c) {
            collectNames(c.left(), into);
            collectNames(c.right(), into);
        } else if (expr instanceof In in) {
            collectNames(in.value(), into);
        } else if (expr instanceof IsNull n) {
            collectNames(n.value(), into);
        } else if (expr instanceof And a) {
            collectNames(a.left(), into);
            collectNames(a.right(), into);
        } else if (expr instanceof Or o) {
            collectNames(o.left(), into);
            collectNames(o.right(), into);
        } else if (expr instanceof Not n) {
            collectNames(n.operand(), into);
        }
    }

    /** Every {@code in_segment} call of {@code expr}, in the order they are written. */
    static List<InSegment> segmentReferences(Expr expr) {
        List<InSegment> found = new ArrayList<>();
        collectReferences(expr, found);
        return List.copyOf(found);
    }

    private static void collectReferences(Expr expr, List<InSegment> into) {
        if (expr instanceof InSegment ref) {
            into.add(ref);
        } else if (expr instanceof And a) {
            collectReferences(a.left(), into);
            collectReferences(a.right(), into);
        } else if (expr instanceof Or o) {
            collectReferences(o.left(), into);
            collectReferences(o.right(), into);
        } else if (expr instanceof Not n) {
            collectReferences(n.operand(), into);
        } else if (expr instanceof Compare c) {
            collectReferences(c.left(), into);
            collectReferences(c.right(), into);
        } else if (expr instanceof IsNull n) {
            collectReferences(n.value(), into);
        }
    }

    record Name(String name, int offset) implements Expr {}

    record NumberLiteral(BigDecimal value, int offset) implements Expr {}

    record StringLiteral(String value, int offset) implements Expr {}

    record BooleanLiteral(boolean value, int offset) implements Expr {}

    record Compare(Expr left, CompareOp op, Expr right, int offset) implements Expr {}

    record In(Expr value, List<Expr> candidates, boolean negated, int offset) implements Expr {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    record IsNull(Expr value, boolean negated, int offset) implements Expr {}

    record And(Expr left, Expr right, int offset) implements Expr {}

    record Or(Expr left, Expr right, int offset) implements Expr {}

    record Not(Expr operand, int offset) implements Expr {}

    /**
     * {@code in_segment('seg_id')}: true for the members of segment {@code segmentId}. The id is
     * only ever looked up among the project's segments (never spliced into SQL); {@code offset} is
     * where the call starts, {@code idOffset} where its quoted id starts.
     */
    record InSegment(String segmentId, int offset, int idOffset) implements Expr {}

    enum CompareOp {
        EQ("="),
        NE("<>"),
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        private final String sql;

        CompareOp(String sql) {
            this.sql = sql;
        }

        public String sql() {
            return sql;
        }
    }
}

package io.segmentsascode.expr;

import io.segmentsascode.diagnostics.Suggestions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binds the names of a parsed condition to a scope, checks that comparisons compare like with like
 * and that every number fits the BigQuery type it will have. Reports every problem, each at its
 * character offset.
 */
public final class ExprChecker {

    public record Problem(int offset, String message, String hint) {}

    private static final BigDecimal INT64_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal INT64_MAX = BigDecimal.valueOf(Long.MAX_VALUE);
    /** Numbers longer than this are named by their number of digits in messages, not printed whole. */
    private static final int SHOWN_LENGTH = 24;
    /** What a segment id can be made of (the full convention is checked where segments are declared). */
    private static final Pattern PLAIN_ID = Pattern.compile("[a-z][a-z0-9_]{0,127}");

    private final Map<String, ValueType> scope;
    private final String scopeLabel;
    /** The segment ids {@code in_segment} may name; empty where the condition cannot refer to segments. */
    private final Optional<Set<String>> segmentIds;

    private final List<Problem> problems = new ArrayList<>();

    private ExprChecker(Map<String, ValueType> scope, String scopeLabel, Optional<Set<String>> segmentIds) {
        this.scope = scope;
        this.scopeLabel = scopeLabel;
        this.segmentIds = segmentIds;
    }

    /**
     * A condition that cannot refer to other segments (warehouse labels and filters).
     *
     * @param scopeLabel what the names are, for messages ("RFM names and metrics", "events columns")
     */
    public static List<Problem> check(Expr expr, Map<String, ValueType> scope, String scopeLabel) {
        return check(expr, scope, scopeLabel, Optional.empty());
    }

    /**
     * @param segmentIds the project's segment ids, which {@code in_segment} may name; empty where the
     *                   condition cannot refer to segments
     */
    public static List<Problem> check(
            Expr expr, Map<String, ValueType> scope, String scopeLabel, Optional<Set<String>> segmentIds) {
        ExprChecker checker = new ExprChecker(scope, scopeLabel, segmentIds);
        Optional<ValueType> type = checker.typeOf(expr);
        if (type.isPresent() && type.get() != ValueType.BOOLEAN) {
            checker.problems.add(new Problem(
                    expr.offset(),
                    "condition is a " + type.get().label() + ", not true/false",
                    comparisonExample(expr, type.get())));
        }
        return List.copyOf(checker.problems);
    }

    private Optional<ValueType> typeOf(Expr expr) {
        if (expr instanceof Expr.Name n) {
            return name(n);
        }
        if (expr instanceof Expr.NumberLiteral n) {
            numberInRange(n);
            return Optional.of(ValueType.NUMBER);
        }
        if (expr instanceof Expr.StringLiteral) {
            return Optional.of(ValueType.STRING);
        }
        if (expr instanceof Expr.BooleanLiteral) {
            return Optional.of(ValueType.BOOLEAN);
        }
        if (expr instanceof Expr.InSegment ref) {
            inSegment(ref);
        } else if (expr instanceof Expr.Compare c) {
            compare(c);
        } else if (expr instanceof Expr.In in) {
            in(in);
        } else if (expr instanceof Expr.IsNull n) {
            typeOf(n.value());
        } else if (expr instanceof Expr.And a) {
            requireBoolean(a.left(), "and");
            requireBoolean(a.right(), "and");
        } else if (expr instanceof Expr.Or o) {
            requireBoolean(o.left(), "or");
            requireBoolean(o.right(), "or");
        } else if (expr instanceof Expr.Not n) {
            requireBoolean(n.operand(), "not");
        }
        return Optional.of(ValueType.BOOLEAN);
    }

    /**
     * The id must be one of the project's segments: it is only ever looked up, never written into
     * SQL, so an id that is not a plain segment id (quotes, spaces, SQL) cannot be anything else.
     */
    private void inSegment(Expr.InSegment ref) {
        if (segmentIds.isEmpty()) {
            problems.add(new Problem(
                    ref.offset(),
                    "in_segment() is not allowed here",
                    "refer to other segments in a segment's include:, exclude: or where: condition"));
            return;
        }
        String id = ref.segmentId();
        if (segmentIds.get().contains(id)) {
            return;
        }
        if (!PLAIN_ID.matcher(id).matches()) {
            problems.add(new Problem(
                    ref.idOffset(),
                    "in_segment() names '" + shownId(id) + "', which is not a segment id",
                    "write the id of a segment of this project, e.g. in_segment('seg_rfm_champions')"));
            return;
        }
        problems.add(new Problem(
                ref.idOffset(),
                "in_segment() names unknown segment '" + id + "'",
                Suggestions.closest(id, segmentIds.get())
                        .map(s -> "did you mean '" + s + "'?")
                        .orElse("name a segment declared in the segments folder (its file name is its id)")));
    }

    private static String shownId(String id) {
        String printable = id.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= SHOWN_LENGTH * 2 ? printable : printable.substring(0, SHOWN_LENGTH * 2) + "…";
    }

    private void compare(Expr.Compare c) {
        Optional<ValueType> left = typeOf(c.left());
        Optional<ValueType> right = typeOf(c.right());
        if (left.isPresent() && right.isPresent() && !comparable(left.get(), right.get())) {
            problems.add(new Problem(
                    c.right().offset(),
                    "cannot compare " + describe(c.left()) + " (" + left.get().label() + ") with " + describe(c.right())
                            + " (" + right.get().label() + ")",
                    right.get() == ValueType.NUMBER && left.get() == ValueType.STRING
                            ? "quote the value: '" + describe(c.right()) + "'"
                            : "compare with a " + left.get().label()));
        }
        if (isConstant(c.left()) && isConstant(c.right())) {
            problems.add(new Problem(
                    c.offset(),
                    "comparison of two constants is always the same",
                    "compare a name with a value, e.g. 'f >= 4'"));
        }
    }

    private void in(Expr.In in) {
        Optional<ValueType> value = typeOf(in.value());
        for (Expr candidate : in.candidates()) {
            Optional<ValueType> type = typeOf(candidate);
            if (value.isPresent() && type.isPresent() && !comparable(value.get(), type.get())) {
                problems.add(new Problem(
                        candidate.offset(),
                        describe(candidate) + " is a " + type.get().label() + " but " + describe(in.value()) + " is a "
                                + value.get().label(),
                        "list values of the same type"));
            }
        }
    }

    /**
     * The SQL carries a number as written ({@link BigDecimal#toPlainString()}), and BigQuery
     * types it INT64 without a fraction and FLOAT64 with one. A number those cannot hold compiled and
     * previewed (DuckDB widens it) and failed only in BigQuery; one that FLOAT64 rounds to 0 would
     * silently compare with 0 there.
     */
    private void numberInRange(Expr.NumberLiteral number) {
        BigDecimal value = number.value();
        if (value.scale() <= 0) {
            if (value.compareTo(INT64_MIN) < 0 || value.compareTo(INT64_MAX) > 0) {
                problems.add(new Problem(
                        number.offset(),
                        shown(value) + " is out of range for a whole number (INT64, " + Long.MIN_VALUE + " to "
                                + Long.MAX_VALUE + ")",
                        "use a smaller number, or add '.0' to compare it as a FLOAT64"));
            }
            return;
        }
        double asFloat = value.doubleValue();
        if (Double.isInfinite(asFloat)) {
            problems.add(new Problem(
                    number.offset(),
                    shown(value) + " is out of range for a number with a fraction "
                            + "(FLOAT64, up to about 1.8 × 10^308)",
                    "use a smaller number"));
        } else if (asFloat == 0 && value.signum() != 0) {
            problems.add(new Problem(
                    number.offset(),
                    shown(value) + " is too close to 0 for a number with a fraction "
                            + "(FLOAT64, from about 4.9 × 10^-324): BigQuery would read it as 0",
                    "write 0, or a larger number"));
        }
    }

    private static String shown(BigDecimal value) {
        String text = value.toPlainString();
        return text.length() <= SHOWN_LENGTH
                ? text
                : "the " + text.replaceAll("[^0-9]", "").length() + "-digit number";
    }

    private static boolean isConstant(Expr expr) {
        return expr instanceof Expr.NumberLiteral
                || expr instanceof Expr.StringLiteral
                || expr instanceof Expr.BooleanLiteral;
    }

    private void requireBoolean(Expr operand, String op) {
        Optional<ValueType> type = typeOf(operand);
        if (type.isPresent() && type.get() != ValueType.BOOLEAN) {
            problems.add(new Problem(
                    operand.offset(),
                    "'" + op + "' needs a true/false condition but " + describe(operand) + " is a "
                            + type.get().label(),
                    comparisonExample(operand, type.get())));
        }
    }

    private Optional<ValueType> name(Expr.Name name) {
        ValueType type = scope.get(name.name());
        if (type == null) {
            problems.add(new Problem(
                    name.offset(),
                    "unknown name '" + name.name() + "'",
                    Suggestions.didYouMean(name.name(), scope.keySet(), scopeLabel)));
            return Optional.empty();
        }
        if (type == ValueType.NESTED) {
            problems.add(new Problem(
                    name.offset(),
                    "'" + name.name() + "' is an array or struct column; conditions" + " compare scalar columns only",
                    "read it in a sql: segment, e.g. EXISTS (SELECT 1 FROM UNNEST(" + name.name()
                            + ") AS p WHERE ...)"));
            return Optional.empty();
        }
        return Optional.of(type);
    }

    private static boolean comparable(ValueType a, ValueType b) {
        if (a == b) {
            return true;
        }
        // dates and timestamps compare with quoted ISO literals
        return (a == ValueType.STRING && (b == ValueType.DATE || b == ValueType.TIMESTAMP))
                || (b == ValueType.STRING && (a == ValueType.DATE || a == ValueType.TIMESTAMP));
    }

    /** Hint for a value used as a condition: a comparison that suits its type. */
    private static String comparisonExample(Expr expr, ValueType type) {
        String comparison = switch (type) {
            case STRING -> " = 'text'";
            case DATE, TIMESTAMP -> " >= '2026-01-01'";
            default -> " > 0";
        };
        return "compare it, e.g. '" + describe(expr) + comparison + "'";
    }

    private static String describe(Expr expr) {
        if (expr instanceof Expr.Name n) {
            return n.name();
        }
        if (expr instanceof Expr.NumberLiteral n) {
            return n.value().toPlainString();
        }
        if (expr instanceof Expr.StringLiteral s) {
            return "'" + s.value() + "'";
        }
        if (expr instanceof Expr.BooleanLiteral b) {
            return String.valueOf(b.value());
        }
        return "the expression";
    }
}

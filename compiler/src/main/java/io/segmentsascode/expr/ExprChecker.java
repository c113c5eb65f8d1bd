package io.segmentsascode.expr;

import io.segmentsascode.diagnostics.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Binds the names of a parsed condition to a scope and checks that comparisons compare like with
 * like. Reports every problem, each at its character offset.
 */
public final class ExprChecker {

    public record Problem(int offset, String message, String hint) {
    }

    private final Map<String, ValueType> scope;
    private final String scopeLabel;
    private final List<Problem> problems = new ArrayList<>();

    private ExprChecker(Map<String, ValueType> scope, String scopeLabel) {
        this.scope = scope;
        this.scopeLabel = scopeLabel;
    }

    /** @param scopeLabel what the names are, for messages ("RFM names and metrics", "events columns") */
    public static List<Problem> check(Expr expr, Map<String, ValueType> scope, String scopeLabel) {
        ExprChecker checker = new ExprChecker(scope, scopeLabel);
        Optional<ValueType> type = checker.typeOf(expr);
        if (type.isPresent() && type.get() != ValueType.BOOLEAN) {
            checker.problems.add(new Problem(expr.offset(), "condition is a " + type.get().label() + ", not true/false",
                    comparisonExample(expr, type.get())));
        }
        return List.copyOf(checker.problems);
    }

    private Optional<ValueType> typeOf(Expr expr) {
        if (expr instanceof Expr.Name n) {
            return name(n);
        }
        if (expr instanceof Expr.NumberLiteral) {
            return Optional.of(ValueType.NUMBER);
        }
        if (expr instanceof Expr.StringLiteral) {
            return Optional.of(ValueType.STRING);
        }
        if (expr instanceof Expr.BooleanLiteral) {
            return Optional.of(ValueType.BOOLEAN);
        }
        if (expr instanceof Expr.Compare c) {
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

    private void compare(Expr.Compare c) {
        Optional<ValueType> left = typeOf(c.left());
        Optional<ValueType> right = typeOf(c.right());
        if (left.isPresent() && right.isPresent() && !comparable(left.get(), right.get())) {
            problems.add(new Problem(c.right().offset(), "cannot compare " + describe(c.left()) + " ("
                    + left.get().label() + ") with " + describe(c.right()) + " (" + right.get().label() + ")",
                    right.get() == ValueType.NUMBER && left.get() == ValueType.STRING
                            ? "quote the value: '" + describe(c.right()) + "'"
                            : "compare with a " + left.get().label()));
        }
        if (isConstant(c.left()) && isConstant(c.right())) {
            problems.add(new Problem(c.offset(), "comparison of two constants is always the same",
                    "compare a name with a value, e.g. 'f >= 4'"));
        }
    }

    private void in(Expr.In in) {
        Optional<ValueType> value = typeOf(in.value());
        for (Expr candidate : in.candidates()) {
            Optional<ValueType> type = typeOf(candidate);
            if (value.isPresent() && type.isPresent() && !comparable(value.get(), type.get())) {
                problems.add(new Problem(candidate.offset(), describe(candidate) + " is a " + type.get().label()
                        + " but " + describe(in.value()) + " is a " + value.get().label(),
                        "list values of the same type"));
            }
        }
    }

    private static boolean isConstant(Expr expr) {
        return expr instanceof Expr.NumberLiteral || expr instanceof Expr.StringLiteral
                || expr instanceof Expr.BooleanLiteral;
    }

    private void requireBoolean(Expr operand, String op) {
        Optional<ValueType> type = typeOf(operand);
        if (type.isPresent() && type.get() != ValueType.BOOLEAN) {
            problems.add(new Problem(operand.offset(), "'" + op + "' needs a true/false condition but "
                    + describe(operand) + " is a " + type.get().label(), comparisonExample(operand, type.get())));
        }
    }

    private Optional<ValueType> name(Expr.Name name) {
        ValueType type = scope.get(name.name());
        if (type == null) {
            problems.add(new Problem(name.offset(), "unknown name '" + name.name() + "'",
                    Suggestions.didYouMean(name.name(), scope.keySet(), scopeLabel)));
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

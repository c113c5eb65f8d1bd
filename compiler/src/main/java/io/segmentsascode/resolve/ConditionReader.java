package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.TextSyntaxException;
import io.segmentsascode.expr.Expr;
import io.segmentsascode.expr.ExprChecker;
import io.segmentsascode.expr.ExprParser;
import io.segmentsascode.expr.ValueType;
import io.segmentsascode.load.YScalar;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Parses and type-checks one condition written in a YAML scalar, reporting at the exact character. */
final class ConditionReader {

    private final Diagnostics diagnostics;

    ConditionReader(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    Optional<Expr> read(YScalar scalar, Map<String, ValueType> scope, String scopeLabel) {
        Expr expr;
        try {
            expr = ExprParser.parse(scalar.text());
        } catch (TextSyntaxException e) {
            diagnostics.error(scalar.locationOf(e.offset()), "invalid condition: " + e.getMessage(), e.hint());
            return Optional.empty();
        }
        List<ExprChecker.Problem> problems = ExprChecker.check(expr, scope, scopeLabel);
        problems.forEach(
                p -> diagnostics.error(scalar.locationOf(p.offset()), "invalid condition: " + p.message(), p.hint()));
        return problems.isEmpty() ? Optional.of(expr) : Optional.empty();
    }
}

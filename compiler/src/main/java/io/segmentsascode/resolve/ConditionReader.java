package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.TextSyntaxException;
import io.segmentsascode.expr.Expr;
import io.segmentsascode.expr.ExprChecker;
import io.segmentsascode.expr.ExprParser;
import io.segmentsascode.expr.ValueType;
import io.segmentsascode.load.YScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Parses and type-checks one condition written in a YAML scalar, reporting at the exact character.
 * A reader given the project's segment ids accepts {@code in_segment} and keeps where each call is
 * written ({@link #references()}), for the dependency graph's errors.
 */
final class ConditionReader {

    /** An {@code in_segment} call: the segment it names and where the call is written. */
    record Reference(String segmentId, Location at) {}

    private final Diagnostics diagnostics;
    private final Optional<Set<String>> segmentIds;
    private final List<Reference> references = new ArrayList<>();

    /** A reader of conditions that cannot refer to segments (the warehouse's). */
    ConditionReader(Diagnostics diagnostics) {
        this(diagnostics, Optional.empty());
    }

    ConditionReader(Diagnostics diagnostics, Optional<Set<String>> segmentIds) {
        this.diagnostics = diagnostics;
        this.segmentIds = segmentIds;
    }

    /** The {@code in_segment} calls of the conditions read so far that checked, in reading order. */
    List<Reference> references() {
        return List.copyOf(references);
    }

    Optional<Expr> read(YScalar scalar, Map<String, ValueType> scope, String scopeLabel) {
        Expr expr;
        try {
            expr = ExprParser.parse(scalar.text());
        } catch (TextSyntaxException e) {
            diagnostics.error(scalar.locationOf(e.offset()), "invalid condition: " + e.getMessage(), e.hint());
            return Optional.empty();
        }
        List<ExprChecker.Problem> problems = ExprChecker.check(expr, scope, scopeLabel, segmentIds);
        problems.forEach(
                p -> diagnostics.error(scalar.locationOf(p.offset()), "invalid condition: " + p.message(), p.hint()));
        if (!problems.isEmpty()) {
            return Optional.empty();
        }
        Expr.segmentReferences(expr)
                .forEach(r -> references.add(new Reference(r.segmentId(), scalar.locationOf(r.offset()))));
        return Optional.of(expr);
    }
}

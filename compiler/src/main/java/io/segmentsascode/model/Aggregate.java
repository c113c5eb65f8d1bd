package io.segmentsascode.model;

import io.segmentsascode.expr.Expr;
import java.util.Optional;

/** A per-user aggregate over the rows of one table inside a window, e.g. count of purchases. */
public record Aggregate(
        String table,
        AggregateFunction function,
        Optional<String> of,
        Optional<Expr> where,
        MetricWindow window,
        ColumnType resultType) {}

package io.segmentsascode.model;

import io.segmentsascode.expr.Expr;
import java.util.Optional;

/**
 * A row filter applied to every segment by the renderer: rows of {@code table} are kept where
 * {@code keep} holds; with {@code propagateBy}, rows of other tables carrying that key column are
 * kept only for kept keys (so events of test users vanish too).
 */
public record MandatoryFilter(String id, String description, String table, Expr keep, Optional<String> propagateBy) {}

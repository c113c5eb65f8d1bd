/**
 * The condition language of segment rules ({@code include:}, label conditions): parsed into
 * {@link io.segmentsascode.expr.Expr} and type-checked against a scope. Used by resolve; its syntax
 * errors are {@link io.segmentsascode.diagnostics.TextSyntaxException}s located in the YAML.
 */
package io.segmentsascode.expr;

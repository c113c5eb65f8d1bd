/**
 * Stage 3, resolve. Input: {@link io.segmentsascode.validate.ValidatedProject}. Output:
 * {@link io.segmentsascode.model.ResolvedProject}: names bound to warehouse tables and columns,
 * conditions parsed and type-checked, spec hashes computed.
 * Error: {@link io.segmentsascode.resolve.ResolveException}.
 */
package io.segmentsascode.resolve;

/**
 * Stage 2, validate. Input: {@link io.segmentsascode.load.LoadedProject}. Output:
 * {@link io.segmentsascode.validate.ValidatedProject}, the documents checked against the JSON
 * Schemas under {@code schemas/}, every breach located.
 * Error: {@link io.segmentsascode.validate.ValidationException}.
 */
package io.segmentsascode.validate;

/**
 * Stage 4, SQL sources. Input: the resolved project and {@code segments.lock}. Output: the checked
 * SQL of every intent and {@code sql:} segment ({@link io.segmentsascode.intent.EmbeddedSql}), from
 * pins analysed afresh where trust is decided; {@code segments:generate} asks the model (the
 * {@link io.segmentsascode.intent.IntentModel} port) for missing pins.
 * Errors: {@link io.segmentsascode.intent.LockFileException},
 * {@link io.segmentsascode.intent.GenerationException}.
 */
package io.segmentsascode.intent;

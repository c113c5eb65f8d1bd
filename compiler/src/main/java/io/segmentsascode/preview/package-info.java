/**
 * Stage 7, preview. Input: segments rendered for the sample warehouse (the
 * {@link io.segmentsascode.preview.PreviewEngine} port). Output:
 * {@link io.segmentsascode.preview.PreviewReport} and {@code preview.txt}.
 * Error: {@link io.segmentsascode.preview.PreviewException}, naming every segment that failed.
 */
package io.segmentsascode.preview;

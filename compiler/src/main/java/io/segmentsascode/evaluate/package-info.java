/**
 * Stage 7½, evaluate. Input: the experiments table's sums per experiment, segment label and
 * variant, read through the {@link io.segmentsascode.preview.PreviewEngine} port with SQL we
 * generate. Output: {@link io.segmentsascode.evaluate.Evaluation}, A against B per label with a
 * z-test on conversion and Welch's t-test on revenue per user, mappings' holdout control groups
 * against their treated members, promotion gates judged on the comparisons, and the console,
 * Markdown, JSON and HTML reports. Error: {@link io.segmentsascode.evaluate.EvaluateException} when the table cannot
 * be read.
 */
package io.segmentsascode.evaluate;

/**
 * Stage 1, load. Input: the segments and campaigns folders. Output:
 * {@link io.segmentsascode.load.LoadedProject}, every YAML document with the position of each node.
 * Error: {@link io.segmentsascode.load.LoadException} (unreadable files, YAML syntax, limits).
 */
package io.segmentsascode.load;

/**
 * The ports the front end fills with connectors ({@link io.segmentsascode.spi.Connectors}, found
 * through {@link io.segmentsascode.spi.ConnectorsFactory}) and where the pipeline reports
 * ({@link io.segmentsascode.spi.Console}): the core needs no DuckDB, Git or Google jars. The
 * connectors to Google share one way of waiting before another try ({@link io.segmentsascode.spi.Backoff}).
 */
package io.segmentsascode.spi;

/**
 * The resolved model: warehouse, segments and campaign mappings as typed, immutable records; the
 * output of resolve and the input of every later stage.
 */
package io.segmentsascode.model;

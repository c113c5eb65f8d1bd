/**
 * Foundation: atomic file replacement for state, lock, journal, caches and exports.
 */
package io.segmentsascode.storage;

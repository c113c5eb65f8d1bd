/**
 * Foundation: SHA-256, the identity of specs, SQL, files and hashed identifiers.
 */
package io.segmentsascode.digest;

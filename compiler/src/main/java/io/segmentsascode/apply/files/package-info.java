/**
 * The {@code files} audience destination ({@code segments.audiences=files}): Customer Match upload
 * files in the state folder. It needs no third-party library, so it lives in the core; the Data
 * Manager and Google Ads destinations are connectors behind the same port.
 *
 * <p>Input: campaign changes, members from the warehouse target, a marker store. Output: one CSV
 * of SHA-256 hashes per campaign mapping. Error: an {@code UncheckedIOException} or the marker
 * store's exception; the file is never written before its marker.
 */
package io.segmentsascode.apply.files;

/**
 * Turns the contact rows of a campaign's segment members into a Google Ads Customer Match upload.
 *
 * <p>Identifiers are normalised and SHA-256 hashed as Google documents for Customer Match before
 * they leave this package: emails trimmed and lowercased ({@link io.segmentsascode.audience.EmailNormalizer}),
 * phones in E.164 ({@link io.segmentsascode.audience.PhoneNormalizer}). Raw emails and phones only
 * ever live in {@link io.segmentsascode.audience.ContactRecord}, whose {@code toString()} masks them;
 * nothing in this package logs, and no exception message carries an identifier.
 */
package io.segmentsascode.audience;

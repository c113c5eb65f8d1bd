package io.segmentsascode.audience;

import io.segmentsascode.render.Dialect;

/**
 * The Data Manager normalisation of {@link EmailNormalizer#normalizeForDataManager} and the E.164 phones of
 * {@link PhoneNormalizer}, then SHA-256 hex, as SQL of either dialect: a warehouse target hashes contact data where it
 * lives, so the machine running apply never sees it. Equal to the Java twins on the corpus of
 * {@code IdentifierSqlDialectsTest}, with these limits, which SQL cannot lift:
 *
 * <ul>
 *   <li>phones are normalised only when written with their country code ({@code +49 151 2345 6789}); a national
 *       number ({@code 0151 23456789}, {@code (800) 555-0100}) needs libphonenumber's numbering plans to find its
 *       country, so SQL gives NULL where Java reads it in {@code segments.phoneRegion};</li>
 *   <li>SQL checks the length of a phone (8 to 15 digits after the +), not its validity against the numbering plan
 *       as libphonenumber does, so a well-formed but unallocated number is hashed (it never matches); a number with
 *       an extension or a trunk prefix in brackets ({@code +49 (0) 30 ...}) is left out;</li>
 *   <li>lower-casing follows the engine's Unicode tables; addresses with characters whose lower case differs between
 *       Java and the engine (a dotted capital I, say) may hash differently.</li>
 * </ul>
 */
public final class IdentifierSql {

    /** Java's {@code Character.isWhitespace} or {@code isSpaceChar}: ASCII controls 9-13 and 28-31, and Unicode Z. */
    static final String SPACE = "[\\t\\n\\x{0B}\\f\\r\\x{1C}-\\x{1F}\\p{Z}]";
    /** One {@code @} after a non-empty local part; a domain of non-empty labels, at least two. */
    static final String ADDRESS = "^[^@]+@([^@.]+\\.)+[^@.]+$";
    /** A + and a country code first, then digits and the usual separators only. */
    static final String INTERNATIONAL = "^\\+[1-9][0-9 ./()\\-]*$";

    private IdentifierSql() {}

    /** SHA-256 hex of the normalised email of a STRING expression; NULL where Java's is empty. */
    public static String hashedEmail(Dialect dialect, String raw) {
        return dialect.hexSha256(normalizedEmail(dialect, raw));
    }

    /** SHA-256 hex of the E.164 phone of a STRING expression written with its country code; NULL otherwise. */
    public static String hashedPhone(Dialect dialect, String raw) {
        return dialect.hexSha256(normalizedPhone(dialect, raw));
    }

    static String normalizedEmail(Dialect dialect, String raw) {
        String email = "LOWER(" + dialect.regexpReplace(raw, SPACE, "") + ")";
        String local = dialect.regexpExtract(email, "^([^@]*)@");
        String domain = dialect.regexpExtract(email, "@(.*)$");
        String mailbox = "REPLACE(" + dialect.regexpReplace(local, "\\+.*$", "") + ", '.', '')";
        return "CASE WHEN NOT " + dialect.regexpContains(email, ADDRESS) + " THEN NULL"
                + " WHEN " + domain + " IN ('gmail.com', 'googlemail.com') THEN NULLIF(" + mailbox + ", '') || '@' || "
                + domain + " ELSE " + email + " END";
    }

    static String normalizedPhone(Dialect dialect, String raw) {
        String trimmed = dialect.regexpReplace(raw, "^" + SPACE + "+|" + SPACE + "+$", "");
        String digits = dialect.regexpReplace(trimmed, "[^0-9]", "");
        return "CASE WHEN " + dialect.regexpContains(trimmed, INTERNATIONAL) + " AND NOT "
                + dialect.regexpContains(trimmed, "\\(0\\)") + " AND LENGTH(" + digits
                + ") BETWEEN 8 AND 15 THEN '+' || "
                + digits + " END";
    }
}

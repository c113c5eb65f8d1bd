package io.segmentsascode.audience;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Customer Match email normalisation: strip leading and trailing whitespace, lowercase.
 *
 * <p>Dots and {@code +suffix} parts of gmail.com / googlemail.com addresses are kept on purpose:
 * removing them is an enhanced-conversions rule, not a Customer Match one, and would change the hash.
 *
 * <p>Values that are plainly not an address are rejected rather than hashed: anything without
 * exactly one {@code @}, with an empty local part, with a domain that has no dot or an empty label
 * ({@code a@.com}, {@code a@b..com}, {@code a@com.}), or with whitespace inside. This is a sanity
 * check, not RFC 5322 validation; internationalised domains are lowercased but not converted to
 * punycode.
 *
 * <p>{@link #normalizeForDataManager} follows the Data Manager API's formatting guide instead
 * (developers.google.com/data-manager/api/devguides/concepts/formatting), which differs in two ways:
 * whitespace inside the value is removed rather than rejected, and for gmail.com and googlemail.com
 * every dot before the {@code @} is removed and a {@code +} and all after it in the local part too.
 */
public final class EmailNormalizer {

    private EmailNormalizer() {}

    /** The normalised address, or empty if {@code raw} is null, blank or not an address. */
    public static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return plausible(strip(raw).toLowerCase(Locale.ROOT));
    }

    /** The address as the Data Manager API expects it before hashing, or empty if not an address. */
    public static Optional<String> normalizeForDataManager(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        StringBuilder compact = new StringBuilder();
        raw.codePoints().filter(c -> !isSpace(c)).forEach(compact::appendCodePoint);
        return plausible(compact.toString().toLowerCase(Locale.ROOT)).flatMap(EmailNormalizer::googleMailbox);
    }

    private static final Set<String> GOOGLE_MAIL_DOMAINS = Set.of("gmail.com", "googlemail.com");

    /** Gmail ignores dots and {@code +suffix} in the local part, so Google matches on the address without them. */
    private static Optional<String> googleMailbox(String email) {
        int at = email.indexOf('@');
        String domain = email.substring(at + 1);
        if (!GOOGLE_MAIL_DOMAINS.contains(domain)) {
            return Optional.of(email);
        }
        String local = email.substring(0, at);
        int plus = local.indexOf('+');
        local = (plus < 0 ? local : local.substring(0, plus)).replace(".", "");
        return local.isEmpty() ? Optional.empty() : Optional.of(local + "@" + domain);
    }

    private static Optional<String> plausible(String email) {
        if (email.isEmpty() || email.codePoints().anyMatch(EmailNormalizer::isSpace)) {
            return Optional.empty();
        }
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@')) {
            return Optional.empty();
        }
        String domain = email.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(email);
    }

    /** Like {@link String#strip()}, but also removes no-break and other Unicode space separators. */
    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isSpace(text.codePointAt(start))) {
            start += Character.charCount(text.codePointAt(start));
        }
        while (end > start && isSpace(text.codePointBefore(end))) {
            end -= Character.charCount(text.codePointBefore(end));
        }
        return text.substring(start, end);
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }
}

package io.segmentsascode.audience;

import java.util.Objects;

/**
 * One row of the identity table for a segment member, raw as read from the warehouse: every value
 * but {@code userId} may be null.
 *
 * <p>Carries raw PII: {@link #toString()} prints only whether email and phone are present.
 *
 * @param optedOut {@code true} means suppressed (e.g. unsubscribed); null or false means not suppressed
 */
public record ContactRecord(
        String userId,
        String email,
        String phone,
        Boolean adUserDataConsent,
        Boolean adPersonalizationConsent,
        Boolean optedOut) {

    public ContactRecord {
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("userId must not be blank");
        }
    }

    /** Both consents explicitly granted; false or NULL in either one is no consent. */
    public boolean hasConsent() {
        return Boolean.TRUE.equals(adUserDataConsent) && Boolean.TRUE.equals(adPersonalizationConsent);
    }

    public boolean isSuppressed() {
        return Boolean.TRUE.equals(optedOut);
    }

    @Override
    public String toString() {
        return "ContactRecord[userId=" + userId + ", email=" + mask(email) + ", phone=" + mask(phone)
                + ", adUserDataConsent=" + adUserDataConsent + ", adPersonalizationConsent="
                + adPersonalizationConsent + ", optedOut=" + optedOut + "]";
    }

    private static String mask(String value) {
        return value == null ? "null" : "<redacted>";
    }
}

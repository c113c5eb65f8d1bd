package io.segmentsascode.audience;

import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One row of a Customer Match upload: SHA-256 hex digests only, at least one of them present.
 * The constructor rejects anything that is not a 64-digit lowercase hex digest, so a raw identifier
 * cannot end up here by mistake.
 */
public record AudienceMember(String userId, Optional<String> hashedEmail, Optional<String> hashedPhone)
        implements Comparable<AudienceMember> {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    /** By hashed email, then hashed phone (absent first), then user id. */
    private static final Comparator<AudienceMember> ORDER = Comparator.comparing(
                    (AudienceMember m) -> m.hashedEmail().orElse(""))
            .thenComparing(m -> m.hashedPhone().orElse(""))
            .thenComparing(AudienceMember::userId);

    public AudienceMember {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(hashedEmail, "hashedEmail");
        Objects.requireNonNull(hashedPhone, "hashedPhone");
        if (hashedEmail.isEmpty() && hashedPhone.isEmpty()) {
            throw new IllegalArgumentException("an audience member needs a hashed email or phone");
        }
        // the message names the field only: the rejected value may be a raw identifier
        hashedEmail.ifPresent(h -> requireDigest(h, "hashedEmail"));
        hashedPhone.ifPresent(h -> requireDigest(h, "hashedPhone"));
    }

    /** True if both have the same hashed identifiers, whatever their user ids. */
    public boolean sameIdentifiers(AudienceMember other) {
        return hashedEmail.equals(other.hashedEmail) && hashedPhone.equals(other.hashedPhone);
    }

    @Override
    public int compareTo(AudienceMember other) {
        return ORDER.compare(this, other);
    }

    /** Hashed identifiers are still personal data: print only whether they are present. */
    @Override
    public String toString() {
        return "AudienceMember[userId=" + userId + ", hashedEmail=" + (hashedEmail.isPresent() ? "<sha256>" : "none")
                + ", hashedPhone=" + (hashedPhone.isPresent() ? "<sha256>" : "none") + "]";
    }

    private static void requireDigest(String value, String field) {
        if (!SHA256_HEX.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be a lowercase SHA-256 hex digest");
        }
    }
}

package io.segmentsascode.audience;

import io.segmentsascode.digest.Sha256;
import java.util.Objects;
import java.util.Optional;

/**
 * Normalises a raw identifier and hashes it as Customer Match expects: SHA-256 of the normalised
 * UTF-8 string, as 64 lowercase hex digits. Empty when the identifier is not usable.
 */
public final class IdentifierHasher {

    private final PhoneNormalizer phones;

    public IdentifierHasher(PhoneNormalizer phones) {
        this.phones = Objects.requireNonNull(phones, "phones");
    }

    /** Shorthand for {@code new IdentifierHasher(new PhoneNormalizer(defaultPhoneRegion))}. */
    public static IdentifierHasher forRegion(String defaultPhoneRegion) {
        return new IdentifierHasher(new PhoneNormalizer(defaultPhoneRegion));
    }

    public Optional<String> hashEmail(String raw) {
        return EmailNormalizer.normalize(raw).map(Sha256::hex);
    }

    public Optional<String> hashPhone(String raw) {
        return phones.normalize(raw).map(Sha256::hex);
    }
}

package io.segmentsascode.audience;

import io.segmentsascode.digest.Sha256;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Normalises a raw identifier and hashes it as Customer Match expects: SHA-256 of the normalised
 * UTF-8 string, as 64 lowercase hex digits. Empty when the identifier is not usable.
 */
public final class IdentifierHasher {

    private final PhoneNormalizer phones;
    private final Function<String, Optional<String>> emails;

    public IdentifierHasher(PhoneNormalizer phones) {
        this(phones, EmailNormalizer::normalize);
    }

    private IdentifierHasher(PhoneNormalizer phones, Function<String, Optional<String>> emails) {
        this.phones = Objects.requireNonNull(phones, "phones");
        this.emails = emails;
    }

    /**
     * The Data Manager API's rules ({@link EmailNormalizer#normalizeForDataManager}): what its ingest expects,
     * while upload files keep the Customer Match file rules.
     */
    public static IdentifierHasher forDataManager(String defaultPhoneRegion) {
        return new IdentifierHasher(new PhoneNormalizer(defaultPhoneRegion), EmailNormalizer::normalizeForDataManager);
    }

    /** Shorthand for {@code new IdentifierHasher(new PhoneNormalizer(defaultPhoneRegion))}. */
    public static IdentifierHasher forRegion(String defaultPhoneRegion) {
        return new IdentifierHasher(new PhoneNormalizer(defaultPhoneRegion));
    }

    public Optional<String> hashEmail(String raw) {
        return emails.apply(raw).map(Sha256::hex);
    }

    public Optional<String> hashPhone(String raw) {
        return phones.normalize(raw).map(Sha256::hex);
    }
}

package io.segmentsascode.audience;

import io.segmentsascode.digest.Sha256;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Normalises a raw identifier and hashes it as Customer Match expects: SHA-256 of the normalised
 * UTF-8 string, as 64 lowercase hex digits. Empty when the identifier is not usable.
 */
public final class IdentifierHasher {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Function<String, Optional<String>> emailHashes;
    private final Function<String, Optional<String>> phoneHashes;

    public IdentifierHasher(PhoneNormalizer phones) {
        this(phones, EmailNormalizer::normalize);
    }

    private IdentifierHasher(PhoneNormalizer phones, Function<String, Optional<String>> emails) {
        Objects.requireNonNull(phones, "phones");
        this.emailHashes = raw -> emails.apply(raw).map(Sha256::hex);
        this.phoneHashes = raw -> phones.normalize(raw).map(Sha256::hex);
    }

    private IdentifierHasher(Function<String, Optional<String>> passThrough) {
        this.emailHashes = passThrough;
        this.phoneHashes = passThrough;
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

    /**
     * For identifiers a warehouse already normalised and hashed ({@link IdentifierSql}): digests pass through, NULL
     * is no identifier, and anything else is refused without being echoed, since it could be contact data in clear.
     */
    public static IdentifierHasher alreadyHashed() {
        return new IdentifierHasher(value -> {
            if (value == null) {
                return Optional.empty();
            }
            if (!SHA256_HEX.matcher(value).matches()) {
                throw new IllegalStateException(
                        "the warehouse returned an identifier that is not a SHA-256 hex digest; it is not sent");
            }
            return Optional.of(value);
        });
    }

    public Optional<String> hashEmail(String raw) {
        return emailHashes.apply(raw);
    }

    public Optional<String> hashPhone(String raw) {
        return phoneHashes.apply(raw);
    }
}

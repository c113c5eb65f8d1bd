package io.segmentsascode.audience;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Customer Match phone normalisation: E.164 ({@code +}, country code, national number, digits only),
 * via libphonenumber.
 *
 * <p>Numbers written without a country code ({@code 0151 23456789}) are read in the configured
 * default region. Only numbers libphonenumber considers <em>valid</em> ({@link PhoneNumberUtil#isValidNumber})
 * are accepted, not merely <em>possible</em> ones: "possible" only checks the length and lets through
 * numbers such as {@code +4912} or a German mobile number one digit short, which can never match and
 * would inflate the export. The price is that validity follows libphonenumber's metadata: a number in a
 * newly allocated range is rejected until the dependency is upgraded, and an upgrade can change which
 * rows are exported. Extensions are dropped (E.164 has none).
 *
 * <p>Digits with common separators take {@link PhoneFastPath}, which reaches the same result from the same
 * metadata about five times faster; anything else takes libphonenumber's parse, isValidNumber and format.
 */
public final class PhoneNormalizer {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

    private final String defaultRegion;

    /**
     * @param defaultRegion ISO 3166-1 alpha-2 code (case-insensitive, e.g. {@code "DE"}) for numbers
     *     without a country code
     * @throws IllegalArgumentException if libphonenumber does not know the region
     */
    public PhoneNormalizer(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        String region = defaultRegion.strip().toUpperCase(Locale.ROOT);
        if (!PHONES.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown phone region '" + defaultRegion
                    + "': expected an ISO 3166-1 alpha-2 code such as DE or US");
        }
        this.defaultRegion = region;
    }

    /** The upper-case region used for numbers without a country code. */
    public String defaultRegion() {
        return defaultRegion;
    }

    /** The number in E.164, or empty if {@code raw} is null, blank, unparseable or not a valid number. */
    public Optional<String> normalize(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        PhoneFastPath.Result fast = PhoneFastPath.normalize(raw, defaultRegion);
        switch (fast.outcome()) {
            case VALID -> {
                return Optional.of(fast.e164());
            }
            case INVALID -> {
                return Optional.empty();
            }
            case UNDECIDED -> {
                // libphonenumber's full path below
            }
        }
        PhoneNumber number;
        try {
            number = PHONES.parse(raw, defaultRegion);
        } catch (NumberParseException e) {
            // deliberately swallowed: the exception's message may echo the raw number
            return Optional.empty();
        }
        if (!PHONES.isValidNumber(number)) {
            return Optional.empty();
        }
        return Optional.of(PHONES.format(number, PhoneNumberFormat.E164));
    }
}

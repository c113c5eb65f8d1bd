package io.segmentsascode.audience;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneMetadata;
import com.google.i18n.phonenumbers.Phonemetadata.PhoneNumberDesc;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import com.google.i18n.phonenumbers.metadata.DefaultMetadataDependenciesProvider;
import com.google.i18n.phonenumbers.metadata.source.MetadataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The common phone inputs (digits with spaces, dashes, dots, slashes or parentheses, with or without a leading
 * {@code +}) parsed and validated the way libphonenumber's {@code parse} and {@code isValidNumber} do, from the same
 * metadata, without their general machinery: libphonenumber spends about 4 µs parsing a number and 1 µs validating
 * it (regex cache lookups, extension and alpha handling that such input never needs), which made phones ten times
 * slower to hash than emails.
 *
 * <p>Every step that could go more than one way (an international dialling prefix, the country code written
 * without {@code +}, a national prefix with a transform rule, a national number with a leading zero, a country code
 * shared by several regions when validating) answers {@link Outcome#UNDECIDED}, and the caller takes
 * libphonenumber's full path: the results are the same by construction and are checked equal on a generated corpus
 * of every region (PhoneFastPathTest).
 */
final class PhoneFastPath {

    /** What the fast path concluded. */
    enum Outcome {
        VALID,
        INVALID,
        UNDECIDED
    }

    /** A decided number: its country code and national significant number when {@link Outcome#VALID}. */
    record Result(Outcome outcome, int countryCode, String nationalNumber) {
        static final Result UNDECIDED = new Result(Outcome.UNDECIDED, 0, "");
        static final Result INVALID = new Result(Outcome.INVALID, 0, "");

        String e164() {
            return "+" + countryCode + nationalNumber;
        }
    }

    // libphonenumber's limits (PhoneNumberUtil.MIN_LENGTH_FOR_NSN, MAX_LENGTH_FOR_NSN, MAX_INPUT_STRING_LENGTH)
    private static final int MIN_LENGTH_FOR_NSN = 2;
    private static final int MAX_LENGTH_FOR_NSN = 17;
    private static final int MAX_INPUT_LENGTH = 250;
    private static final int MAX_LENGTH_COUNTRY_CODE = 3;
    private static final String NON_GEO_REGION = "001";

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    private static final MetadataSource METADATA =
            DefaultMetadataDependenciesProvider.getInstance().getPhoneNumberMetadataSource();
    private static final Map<String, Optional<RegionRules>> RULES = new ConcurrentHashMap<>();

    private PhoneFastPath() {}

    /**
     * {@code raw} parsed in {@code defaultRegion} and validated, or {@link Result#UNDECIDED} when only libphonenumber's
     * full path can tell.
     */
    static Result normalize(String raw, String defaultRegion) {
        if (raw.length() > MAX_INPUT_LENGTH) {
            return Result.UNDECIDED;
        }
        StringBuilder digits = new StringBuilder(20);
        boolean plus = false;
        boolean started = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
                started = true;
            } else if (c == '+' && !started && digits.isEmpty() && !plus && onlySpacesBefore(raw, i)) {
                plus = true;
                started = true;
            } else if (!(c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/')) {
                return Result.UNDECIDED; // letters, extensions, other scripts' digits, tel: URIs...
            }
        }
        if (digits.length() < 3) {
            return Result.UNDECIDED;
        }
        String all = digits.toString();
        int countryCode;
        String national;
        Optional<RegionRules> parsing;
        if (plus) {
            countryCode = countryCodeOf(all);
            if (countryCode == 0) {
                return Result.UNDECIDED;
            }
            String main = PHONES.getRegionCodeForCountryCode(countryCode);
            if (NON_GEO_REGION.equals(main)) {
                return Result.UNDECIDED;
            }
            national = all.substring(String.valueOf(countryCode).length());
            parsing = rules(main);
        } else {
            parsing = rules(defaultRegion);
            if (parsing.isEmpty()) {
                return Result.UNDECIDED;
            }
            RegionRules region = parsing.get();
            if (region.internationalPrefix.matcher(all).lookingAt()
                    || all.startsWith(String.valueOf(region.countryCode))) {
                return Result.UNDECIDED; // dialled abroad, or the country code without +: libphonenumber decides
            }
            countryCode = region.countryCode;
            national = all;
        }
        if (parsing.isEmpty() || national.length() < MIN_LENGTH_FOR_NSN) {
            return Result.UNDECIDED;
        }
        String stripped = parsing.get().withoutNationalPrefix(national);
        if (stripped == null) {
            return Result.UNDECIDED;
        }
        if (stripped.length() < MIN_LENGTH_FOR_NSN
                || stripped.length() > MAX_LENGTH_FOR_NSN
                || stripped.charAt(0) == '0') {
            return Result.UNDECIDED; // too short or long (an error), or an Italian leading zero
        }
        List<String> regions = PHONES.getRegionCodesForCountryCode(countryCode);
        boolean valid;
        if (regions.size() == 1) {
            Optional<RegionRules> validating = rules(regions.get(0));
            if (validating.isEmpty()) {
                return Result.UNDECIDED;
            }
            valid = validating.get().valid(stripped);
        } else {
            // the region follows from leading digits or number types: libphonenumber's own check, on the parsed number
            valid = PHONES.isValidNumber(
                    new PhoneNumber().setCountryCode(countryCode).setNationalNumber(Long.parseLong(stripped)));
        }
        return valid ? new Result(Outcome.VALID, countryCode, stripped) : Result.INVALID;
    }

    private static boolean onlySpacesBefore(String raw, int end) {
        for (int i = 0; i < end; i++) {
            if (raw.charAt(i) != ' ') {
                return false;
            }
        }
        return true;
    }

    /** The first 1 to 3 digits that are a country calling code, as libphonenumber's extractCountryCode reads them. */
    private static int countryCodeOf(String digits) {
        if (digits.charAt(0) == '0') {
            return 0;
        }
        for (int i = 1; i <= MAX_LENGTH_COUNTRY_CODE && i <= digits.length(); i++) {
            int candidate = Integer.parseInt(digits.substring(0, i));
            if (!PHONES.getRegionCodesForCountryCode(candidate).isEmpty()) {
                return candidate;
            }
        }
        return 0;
    }

    private static Optional<RegionRules> rules(String region) {
        return RULES.computeIfAbsent(
                region,
                r -> Optional.ofNullable(METADATA.getMetadataForRegion(r)).map(RegionRules::new));
    }

    /** One region's metadata as the fast path uses it, patterns compiled once. */
    private static final class RegionRules {
        final int countryCode;
        final Pattern internationalPrefix;
        final Pattern nationalPrefix;
        final String transformRule;
        final Desc general;
        final List<Desc> types = new ArrayList<>();
        final List<Integer> generalLengths;
        final List<Integer> generalLocalOnlyLengths;

        RegionRules(PhoneMetadata metadata) {
            countryCode = metadata.getCountryCode();
            internationalPrefix = Pattern.compile(metadata.getInternationalPrefix());
            nationalPrefix = metadata.getNationalPrefixForParsing().isEmpty()
                    ? null
                    : Pattern.compile(metadata.getNationalPrefixForParsing());
            transformRule = metadata.getNationalPrefixTransformRule();
            general = new Desc(metadata.getGeneralDesc());
            generalLengths = metadata.getGeneralDesc().getPossibleLengthList();
            generalLocalOnlyLengths = metadata.getGeneralDesc().getPossibleLengthLocalOnlyList();
            // the types getNumberType tries; a number is valid when it matches any (order only changes the speed)
            types.add(new Desc(metadata.getMobile()));
            types.add(new Desc(metadata.getFixedLine()));
            types.add(new Desc(metadata.getPremiumRate()));
            types.add(new Desc(metadata.getTollFree()));
            types.add(new Desc(metadata.getSharedCost()));
            types.add(new Desc(metadata.getVoip()));
            types.add(new Desc(metadata.getPersonalNumber()));
            types.add(new Desc(metadata.getPager()));
            types.add(new Desc(metadata.getUan()));
            types.add(new Desc(metadata.getVoicemail()));
            if (metadata.getSameMobileAndFixedLinePattern()) {
                types.remove(0); // getNumberType never tries mobile then
            }
        }

        /** isValidNumberForRegion: matches the general description and one of the number types. */
        boolean valid(String nationalNumber) {
            if (!general.matches(nationalNumber)) {
                return false;
            }
            for (Desc type : types) {
                if (type.matches(nationalNumber)) {
                    return true;
                }
            }
            return false;
        }

        /**
         * parse's national prefix step (maybeStripNationalPrefixAndCarrierCode, then the length test that can undo
         * it); null when a transform rule applies.
         */
        String withoutNationalPrefix(String number) {
            if (nationalPrefix == null) {
                return number;
            }
            Matcher prefix = nationalPrefix.matcher(number);
            if (!prefix.lookingAt()) {
                return number;
            }
            if (!transformRule.isEmpty() && prefix.group(prefix.groupCount()) != null) {
                return null;
            }
            String stripped = number.substring(prefix.end());
            if (general.matchesPattern(number) && !general.matchesPattern(stripped)) {
                return number;
            }
            if (generalLengths.isEmpty()) {
                return null;
            }
            return lengthAllowsStripping(stripped.length()) ? stripped : number;
        }

        /** testNumberLength(number, metadata) is neither TOO_SHORT, IS_POSSIBLE_LOCAL_ONLY nor INVALID_LENGTH. */
        private boolean lengthAllowsStripping(int length) {
            if (generalLengths.get(0) == -1 || generalLocalOnlyLengths.contains(length)) {
                return false;
            }
            int minimum = generalLengths.get(0);
            if (minimum == length) {
                return true;
            }
            if (minimum > length) {
                return false;
            }
            if (generalLengths.get(generalLengths.size() - 1) < length) {
                return true; // TOO_LONG keeps the stripped number
            }
            return generalLengths.subList(1, generalLengths.size()).contains(length);
        }
    }

    /** A number description: possible lengths, then the national number pattern in full. */
    private static final class Desc {
        final List<Integer> lengths;
        final Pattern pattern;

        Desc(PhoneNumberDesc desc) {
            lengths = desc.getPossibleLengthList();
            pattern =
                    desc.getNationalNumberPattern().isEmpty() ? null : Pattern.compile(desc.getNationalNumberPattern());
        }

        boolean matches(String number) {
            if (!lengths.isEmpty() && !lengths.contains(number.length())) {
                return false;
            }
            return matchesPattern(number);
        }

        boolean matchesPattern(String number) {
            return pattern != null && pattern.matcher(number).matches();
        }
    }
}

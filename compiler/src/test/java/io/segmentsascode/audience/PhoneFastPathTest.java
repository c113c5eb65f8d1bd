package io.segmentsascode.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The fast path changes no result: {@link PhoneNormalizer} against libphonenumber's full path (parse, isValidNumber,
 * format E.164) on a generated corpus: every region's example numbers of every type and its invalid example, in
 * every format, with separators, digits dropped, added and changed, dialling prefixes, extensions, letters, blanks
 * and random digits, read in regions with and without national prefixes, transform rules and shared country codes.
 */
class PhoneFastPathTest {

    private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
    /** With and without national prefixes, transform rules (AR, BR, MX), shared country codes (US/CA, RU/KZ, GB/JE). */
    private static final List<String> DEFAULT_REGIONS = List.of(
            "DE", "US", "CA", "GB", "JE", "FR", "IT", "VA", "NL", "RU", "KZ", "BR", "AR", "MX", "IN", "CN", "JP", "AU",
            "NG", "AE");

    @Test
    void theSameE164OrRejectionAsLibphonenumbersFullPathOnEveryRegionsNumbersInEveryForm() {
        List<String> corpus = corpus();
        Map<PhoneFastPath.Outcome, Integer> decided = new EnumMap<>(PhoneFastPath.Outcome.class);
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (String region : DEFAULT_REGIONS) {
            PhoneNormalizer normalizer = new PhoneNormalizer(region);
            for (String raw : corpus) {
                Optional<String> expected = fullPath(raw, region);
                Optional<String> actual = normalizer.normalize(raw);
                compared++;
                if (!expected.equals(actual) && differences.size() < 20) {
                    differences.add(region + " '" + raw + "': libphonenumber " + expected + ", normalizer " + actual);
                }
                if (raw != null && !raw.isBlank()) {
                    decided.merge(PhoneFastPath.normalize(raw, region).outcome(), 1, Integer::sum);
                }
            }
        }
        assertEquals(List.of(), differences, "of " + compared + " compared");
        // the comparison means something only if the fast path decided much of it, both ways
        int fast = decided.getOrDefault(PhoneFastPath.Outcome.VALID, 0)
                + decided.getOrDefault(PhoneFastPath.Outcome.INVALID, 0);
        assertTrue(fast > compared / 3, "decided by the fast path: " + decided + " of " + compared);
        assertTrue(decided.getOrDefault(PhoneFastPath.Outcome.VALID, 0) > 10_000, decided.toString());
        assertTrue(decided.getOrDefault(PhoneFastPath.Outcome.INVALID, 0) > 10_000, decided.toString());
    }

    @Test
    void theCommonGermanNotationsTakeTheFastPath() {
        for (String raw : List.of("+49 151 23456789", "0151-23456789", "(0151) 2345 6789", "030 / 123 456 78")) {
            PhoneFastPath.Result fast = PhoneFastPath.normalize(raw, "DE");
            assertEquals(PhoneFastPath.Outcome.VALID, fast.outcome(), raw);
            assertEquals(fullPath(raw, "DE"), Optional.of(fast.e164()), raw);
        }
    }

    /** What PhoneNormalizer did before the fast path: libphonenumber alone. */
    private static Optional<String> fullPath(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            PhoneNumber number = PHONES.parse(raw, region);
            return PHONES.isValidNumber(number)
                    ? Optional.of(PHONES.format(number, PhoneNumberFormat.E164))
                    : Optional.empty();
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static List<String> corpus() {
        Random random = new Random(20261205L);
        Set<String> raws = new LinkedHashSet<>();
        raws.add(null);
        raws.add("");
        raws.add("   ");
        raws.add("+");
        raws.add("0");
        raws.add("00");
        raws.add("+0");
        for (String region : new TreeSet<>(PHONES.getSupportedRegions())) {
            List<PhoneNumber> numbers = new ArrayList<>();
            for (PhoneNumberType type : PhoneNumberType.values()) {
                Optional.ofNullable(PHONES.getExampleNumberForType(region, type))
                        .ifPresent(numbers::add);
            }
            Optional.ofNullable(PHONES.getInvalidExampleNumber(region)).ifPresent(numbers::add);
            for (PhoneNumber number : numbers) {
                for (String written : forms(number)) {
                    raws.add(written);
                    raws.addAll(variants(written, number, random));
                }
            }
        }
        for (int i = 0; i < 3_000; i++) {
            StringBuilder digits = new StringBuilder();
            int length = 1 + random.nextInt(19);
            for (int d = 0; d < length; d++) {
                digits.append((char) ('0' + random.nextInt(10)));
            }
            raws.add(digits.toString());
            raws.add("+" + digits);
            raws.add("+" + digits.substring(0, Math.min(3, length)) + " " + digits.substring(Math.min(3, length)));
        }
        return new ArrayList<>(raws);
    }

    private static List<String> forms(PhoneNumber number) {
        List<String> forms = new ArrayList<>();
        for (PhoneNumberFormat format : PhoneNumberFormat.values()) {
            forms.add(PHONES.format(number, format));
        }
        forms.add(PHONES.getNationalSignificantNumber(number));
        forms.add(number.getCountryCode() + PHONES.getNationalSignificantNumber(number));
        forms.add("00" + number.getCountryCode() + PHONES.getNationalSignificantNumber(number));
        forms.add("011" + number.getCountryCode() + PHONES.getNationalSignificantNumber(number));
        forms.add("+" + number.getCountryCode() + " 0" + PHONES.getNationalSignificantNumber(number));
        forms.add("0" + PHONES.getNationalSignificantNumber(number));
        return forms;
    }

    private static List<String> variants(String written, PhoneNumber number, Random random) {
        List<String> variants = new ArrayList<>();
        variants.add(written.replace(' ', '-'));
        variants.add(written.replace(' ', '.'));
        variants.add(written.replace(' ', '/'));
        variants.add("  " + written + " ");
        int space = written.indexOf(' ', 1);
        if (space > 0) {
            variants.add("(" + written.substring(0, space) + ")" + written.substring(space));
        }
        variants.add(written + " ext. 12");
        variants.add(written + " x12");
        variants.add(written + "#");
        variants.add(written + "a");
        variants.add("tel:" + written.replace(' ', '-'));
        int last = lastDigit(written);
        if (last >= 0) {
            variants.add(written.substring(0, last) + written.substring(last + 1)); // a digit short
            variants.add(written.substring(0, last + 1) + random.nextInt(10) + written.substring(last + 1));
            variants.add(written.substring(0, last)
                    + ((written.charAt(last) - '0' + 1 + random.nextInt(9)) % 10)
                    + written.substring(last + 1));
        }
        return variants;
    }

    private static int lastDigit(String text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isDigit(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}

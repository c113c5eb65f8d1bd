package io.segmentsascode.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNormalizerTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "+49 151 23456789|DE|+4915123456789",
                "0151-23456789|DE|+4915123456789",
                "0049 30 12345678|DE|+493012345678",
                "(030) 1234 5678|de|+493012345678",
                "(415) 555-0100|US|+14155550100",
                "+1 415-555-0100|DE|+14155550100",
                "+49 151 23456789 ext. 12|US|+4915123456789",
            })
    void formatsAsE164(String raw, String region, String expected) {
        assertEquals(Optional.of(expected), new PhoneNormalizer(region).normalize(raw));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "  ",
                "garbage",
                "n/a",
                "12",
                // a German mobile number one digit short: "possible" by length, but not valid
                "+49 151 2345678",
                "0151-2345678"
            })
    void rejectsInvalidNumbers(String raw) {
        assertEquals(Optional.empty(), new PhoneNormalizer("DE").normalize(raw));
    }

    @Test
    void numberWithoutCountryCodeIsReadInTheDefaultRegion() {
        assertEquals(Optional.of("+493012345678"), new PhoneNormalizer("DE").normalize("030 12345678"));
        assertEquals(Optional.empty(), new PhoneNormalizer("US").normalize("030 12345678"));
    }

    @Test
    void rejectsUnknownRegion() {
        assertThrows(IllegalArgumentException.class, () -> new PhoneNormalizer("XX"));
        assertThrows(IllegalArgumentException.class, () -> new PhoneNormalizer("Germany"));
        assertEquals("DE", new PhoneNormalizer(" de ").defaultRegion());
    }
}

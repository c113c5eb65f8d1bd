package io.segmentsascode.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailNormalizerTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "test@example.com|test@example.com",
                "'  Test@Example.COM '|test@example.com",
                "'\tjane@example.org\n'|jane@example.org",
                "'\u00a0jane@example.org\u00a0'|jane@example.org",
                // dots and +suffixes stay: removing them is an enhanced-conversions rule, not Customer Match
                "John.Doe@Gmail.com|john.doe@gmail.com",
                "john.doe+ads@googlemail.com|john.doe+ads@googlemail.com",
            })
    void trimsAndLowercases(String raw, String expected) {
        assertEquals(Optional.of(expected), EmailNormalizer.normalize(raw));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(
            strings = {
                "",
                "   ",
                "no-at-sign.example.com",
                "@example.com",
                "a@b@example.com",
                "jane@localhost",
                "jane@.example.com",
                "jane@example.com.",
                "jane@example..com",
                "jane doe@example.com",
                "jane@exa mple.com",
                "jane@"
            })
    void rejectsWhatIsNotAnAddress(String raw) {
        assertEquals(Optional.empty(), EmailNormalizer.normalize(raw));
    }
}

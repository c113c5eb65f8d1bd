package io.segmentsascode.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrintableTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "line feed            | 10  | \\n",
                "carriage return      | 13  | \\r",
                "tab                  | 9   | \\t",
                "NUL                  | 0   | \\u0000",
                "bell                 | 7   | \\u0007",
                "ESC (ANSI sequences) | 27  | \\u001b",
                "DEL                  | 127 | \\u007f",
                "NEL (C1 line break)  | 133 | \\u0085",
                "CSI (C1)             | 155 | \\u009b",
                "line separator       | 8232 | \\u2028",
                "paragraph separator  | 8233 | \\u2029",
            })
    void aControlCharacterIsShownAsItsEscape(String name, int codePoint, String shown) {
        assertEquals("a" + shown + "b", PrintableText.escape("a" + (char) codePoint + "b"));
    }

    @Test
    void aForgedMavenLineStaysOnTheLineThatQuotesIt() {
        assertEquals(
                "owner 'a@b.c\\n[INFO] BUILD SUCCESS\\r\\u001b[2K' is wrong",
                PrintableText.escape("owner 'a@b.c\n[INFO] BUILD SUCCESS\r\u001b[2K' is wrong"));
    }

    @Test
    void printableTextOfAnyScriptAndBackslashesAreLeftAsWritten() {
        String text = "Zoë's 顧客 ✓ 🎯 C:\\temp\\n (regex \\d+), 100% <b>";
        assertEquals(text, PrintableText.escape(text));
    }

    @Test
    void escapingTwiceChangesNothing() {
        String once = PrintableText.escape("a\nb\u001b[0m\u0085");
        assertEquals(once, PrintableText.escape(once));
    }
}

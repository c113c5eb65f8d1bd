package io.segmentsascode.diagnostics;

import java.util.Locale;

/**
 * Text from users' files on one printable line. Messages quote values as written, and a value
 * holding a line break or a terminal escape would otherwise start a line of its own on the
 * console, e.g. a forged {@code [INFO] BUILD SUCCESS}, or rewrite what is already shown. Line
 * breaks and tabs become {@code \n}, {@code \r}, {@code \t}; every other control character
 * (C0, DEL, C1, which includes ESC and NEL) and the Unicode line and paragraph separators become
 * {@code \}{@code uXXXX}. Backslashes stay as they are, so escaping twice changes nothing and
 * paths and hints read as written.
 */
public final class PrintableText {

    private PrintableText() {}

    public static String escape(String text) {
        int first = firstToEscape(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (needsEscape(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean needsEscape(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}

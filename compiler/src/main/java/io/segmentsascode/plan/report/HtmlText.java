package io.segmentsascode.plan.report;

import java.util.Locale;

/**
 * How the HTML report writes text and numbers, shared by the page and its charts: escaped for
 * element content and attribute values, and formatted with {@link Locale#ROOT} so the bytes do not
 * depend on the machine that renders them.
 */
final class HtmlText {

    /** Hashes and the fingerprint are shown with this many hex characters. */
    static final int SHORT_HASH = 12;

    private HtmlText() {}

    /** Text for element content and attribute values. */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String cssName(String text) {
        return nz(text).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static String shortHash(String hash) {
        String h = nz(hash);
        return h.length() <= SHORT_HASH ? h : h.substring(0, SHORT_HASH);
    }

    static String integer(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    static String jaccard(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** SVG coordinates and sizes: one decimal. */
    static String num(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String nz(String text) {
        return text == null ? "" : text;
    }
}

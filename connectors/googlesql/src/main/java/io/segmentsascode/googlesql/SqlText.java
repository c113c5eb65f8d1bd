package io.segmentsascode.googlesql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A minimal BigQuery lexer for what Calcite's parser cannot do itself: it finds statement
 * separators and named query parameters ({@code @run_time}) outside string literals, quoted
 * identifiers and comments ({@code --}, {@code #}, {@code /* *\/}). Used by the Calcite fallback
 * only; the GoogleSQL analyzer uses GoogleSQL's own parser for these facts.
 */
final class SqlText {

    /**
     * A query parameter at a char offset: {@code @name} (name without the {@code @}, length
     * including it) or a positional {@code ?} (name {@link #POSITIONAL}).
     */
    record Parameter(String name, int offset, int length) {}

    /** A statement's text range (char offsets, end exclusive, without its {@code ;}). */
    record Statement(int start, int end) {}

    static final String POSITIONAL = "?";

    private final String text;
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Statement> statements = new ArrayList<>();

    SqlText(String text) {
        this.text = text;
        scan();
    }

    List<Parameter> parameters() {
        return parameters;
    }

    /** Statements holding at least one token (blank and comment-only stretches do not count). */
    List<Statement> statements() {
        return statements;
    }

    /**
     * The text with each {@code @name} replaced by {@code ?} and spaces of the same length, so
     * every other position stays where it was; the i-th {@code ?} (Calcite's dynamic parameter
     * number i) stands for {@code parameters().get(i)}.
     */
    String withPositionalParameters() {
        StringBuilder out = new StringBuilder(text);
        for (Parameter parameter : parameters) {
            out.setCharAt(parameter.offset(), '?');
            for (int i = 1; i < parameter.length(); i++) {
                out.setCharAt(parameter.offset() + i, ' ');
            }
        }
        return out.toString();
    }

    private void scan() {
        int n = text.length();
        int firstToken = -1;
        int lastTokenEnd = -1;
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            char next = i + 1 < n ? text.charAt(i + 1) : '\0';
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if ((c == '-' && next == '-') || c == '#') {
                while (i < n && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            if (c == '/' && next == '*') {
                int close = text.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                continue;
            }
            if (c == ';') {
                if (firstToken >= 0) {
                    statements.add(new Statement(firstToken, lastTokenEnd));
                }
                firstToken = -1;
                i++;
                continue;
            }
            int tokenStart = i;
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(i);
            } else if (c == '@' && parameterNameStart(i) > 0) {
                int j = parameterNameStart(i); // @@system_variable: reported as a parameter named "@name"
                while (j < n && isIdentifierPart(text.charAt(j))) {
                    j++;
                }
                parameters.add(new Parameter(text.substring(i + 1, j), i, j - i));
                i = j;
            } else if (c == '?') {
                parameters.add(new Parameter(POSITIONAL, i, 1));
                i++;
            } else if (isIdentifierPart(c)) {
                while (i < n && isIdentifierPart(text.charAt(i))) {
                    i++;
                }
                // string prefixes: r'..', b"..", rb'..'
                if (i < n
                        && (text.charAt(i) == '\'' || text.charAt(i) == '"')
                        && isStringPrefix(text.substring(tokenStart, i))) {
                    i = skipQuoted(i);
                }
            } else {
                i++;
            }
            if (firstToken < 0) {
                firstToken = tokenStart;
            }
            lastTokenEnd = i;
        }
        if (firstToken >= 0) {
            statements.add(new Statement(firstToken, lastTokenEnd));
        }
    }

    /** Where the name of a parameter starting at {@code at} begins, or -1 if this {@code @} is no parameter. */
    private int parameterNameStart(int at) {
        int j = at + 1;
        if (j < text.length() && text.charAt(j) == '@') {
            j++;
        }
        return j < text.length() && isIdentifierStart(text.charAt(j)) ? j : -1;
    }

    /** Skips a quoted literal or identifier starting at {@code i} (single, double, triple quotes, backticks). */
    private int skipQuoted(int i) {
        int n = text.length();
        char quote = text.charAt(i);
        boolean triple = quote != '`' && i + 2 < n && text.charAt(i + 1) == quote && text.charAt(i + 2) == quote;
        int j = i + (triple ? 3 : 1);
        while (j < n) {
            char c = text.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == quote) {
                if (!triple) {
                    return j + 1;
                }
                if (j + 2 < n && text.charAt(j + 1) == quote && text.charAt(j + 2) == quote) {
                    return j + 3;
                }
            }
            j++;
        }
        return n; // unterminated: the parser reports it
    }

    private static boolean isStringPrefix(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "r", "b", "rb", "br" -> true;
            default -> false;
        };
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}

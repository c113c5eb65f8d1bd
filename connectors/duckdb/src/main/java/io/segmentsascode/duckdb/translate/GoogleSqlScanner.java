package io.segmentsascode.duckdb.translate;

import io.segmentsascode.render.UnpreviewableSqlException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A small GoogleSQL lexer run before Calcite's parser. It knows exactly the lexical structure
 * Calcite must not misread: string literals (quotes, backslash escapes, raw/bytes/triple-quoted
 * forms), backtick identifiers, the three comment styles and query parameters. It never
 * rewrites SQL syntax; it produces a text with the same lines (and, but for quoted names, the
 * same columns) in which
 * <ul>
 *   <li>comments ({@code -- …}, {@code # …}, {@code /* … *}{@code /}) are blanked to spaces
 *       (Calcite does not know {@code #} comments and would read {@code /*+ … *}{@code /} as a
 *       hint);</li>
 *   <li>each real {@code @run_time} token is replaced by {@link #RUN_TIME_PLACEHOLDER}, an
 *       identifier of the same length that GoogleSQL cannot produce (a {@code $} outside
 *       literals is rejected below), which the tree rewrite then replaces;</li>
 *   <li>the {@code r} of a raw string literal is blanked (Calcite has no raw strings; the
 *       literal is lexed the same way, its value is taken from here);</li>
 *   <li>names that GoogleSQL allows unquoted but Calcite's parser reserves ({@code date},
 *       {@code time}, {@code timestamp}, {@code datetime}, {@code variant}, the day names) are
 *       put in backticks where they are used as names (not as {@code DATE '…'}, {@code DATE(…)},
 *       {@code CAST(… AS DATE)}, {@code WEEK(MONDAY)}, …). This is the only change of length:
 *       {@link Result#toOriginal} maps Calcite's positions back to the caller's text.</li>
 * </ul>
 * It also decodes every string literal with BigQuery's escape rules ({@code \n}, {@code \\},
 * {@code \x41}, {@code \u00e9}, …): Calcite only understands {@code \'} and {@code \"} and
 * would keep the other escapes as two characters. The rewrite replaces each literal's value
 * by the decoded one, found by the literal's position.
 */
final class GoogleSqlScanner {

    /** Same length as {@code @run_time}; {@code $} cannot start a GoogleSQL identifier. */
    static final String RUN_TIME_PLACEHOLDER = "$run_time";
    static final String RUN_TIME_PARAMETER = "run_time";

    enum Kind { IDENTIFIER, QUOTED_IDENTIFIER, STRING, NUMBER, SYMBOL }

    /** A token of the original text (comments and whitespace are not tokens). */
    record Token(Kind kind, String text, int offset, int line, int column) {
        boolean isWord(String word) {
            return kind == Kind.IDENTIFIER && text.equalsIgnoreCase(word);
        }

        boolean isSymbol(String symbol) {
            return kind == Kind.SYMBOL && text.equals(symbol);
        }
    }

    /** Backticks put around the name starting at (line, column) of the caller's text. */
    record Quoted(int line, int column, int length) {
    }

    /**
     * The text for Calcite, the decoded string literals by their position in that text, the
     * tokens (positions in the caller's text) and the names put in backticks.
     */
    record Result(String text, Map<Long, String> stringValues, List<Token> tokens, List<Quoted> quoted) {

        /** The decoded value of the string literal whose opening quote is at line:column of {@link #text}. */
        String stringValue(int line, int column) {
            return stringValues.get(key(line, column));
        }

        /** A position in {@link #text} (as Calcite reports it) as {line, column} of the caller's text. */
        int[] toOriginal(int line, int column) {
            int delta = 0;
            for (Quoted q : quoted) {
                if (q.line() != line) {
                    continue;
                }
                int start = q.column() + delta; // the opening backtick in text
                if (column < start) {
                    break;
                }
                if (column <= start + q.length() + 1) {
                    return new int[] {line, q.column() + Math.max(0, Math.min(column - start - 1, q.length() - 1))};
                }
                delta += 2;
            }
            return new int[] {line, column - delta};
        }
    }

    /** GoogleSQL allows these unquoted as names; Calcite's babel parser does not. */
    private static final java.util.Set<String> CALCITE_RESERVED = java.util.Set.of("DATE", "TIME", "TIMESTAMP",
            "DATETIME", "VARIANT", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
    private static final java.util.Set<String> DAYS = java.util.Set.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
            "FRIDAY", "SATURDAY", "SUNDAY");

    private final String sql;
    private final StringBuilder out;
    private final Map<Long, String> stringValues = new HashMap<>();
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int column = 1;

    private GoogleSqlScanner(String sql) {
        this.sql = sql;
        this.out = new StringBuilder(sql);
    }

    static Result scan(String sql) {
        GoogleSqlScanner scanner = new GoogleSqlScanner(sql);
        scanner.run();
        List<Token> toQuote = namesToQuote(scanner.tokens);
        StringBuilder text = scanner.out;
        List<Quoted> quoted = new ArrayList<>();
        for (int i = toQuote.size() - 1; i >= 0; i--) {
            Token t = toQuote.get(i);
            text.insert(t.offset() + t.text().length(), '`');
            text.insert(t.offset(), '`');
        }
        for (Token t : toQuote) {
            quoted.add(new Quoted(t.line(), t.column(), t.text().length()));
        }
        Map<Long, String> strings = new HashMap<>();
        scanner.stringValues.forEach((position, value) -> {
            int line = (int) (position >> 32);
            int column = (int) (long) position;
            int shift = 0;
            for (Quoted q : quoted) {
                if (q.line() == line && q.column() < column) {
                    shift += 2;
                }
            }
            strings.put(key(line, column + shift), value);
        });
        return new Result(text.toString(), Map.copyOf(strings), List.copyOf(scanner.tokens), List.copyOf(quoted));
    }

    /** The tokens among {@link #CALCITE_RESERVED} that are used as names, judged from their neighbours. */
    private static List<Token> namesToQuote(List<Token> tokens) {
        List<Token> names = new ArrayList<>();
        java.util.ArrayDeque<String> openedBy = new java.util.ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token prev = i > 0 ? tokens.get(i - 1) : null;
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (t.isSymbol("(")) {
                openedBy.push(prev != null && prev.kind() == Kind.IDENTIFIER ? prev.text().toUpperCase(Locale.ROOT) : "");
                continue;
            }
            if (t.isSymbol(")")) {
                openedBy.poll();
                continue;
            }
            if (t.kind() != Kind.IDENTIFIER || !CALCITE_RESERVED.contains(t.text().toUpperCase(Locale.ROOT))) {
                continue;
            }
            String word = t.text().toUpperCase(Locale.ROOT);
            String open = openedBy.isEmpty() ? "" : openedBy.peek();
            boolean keyword = next != null && (next.isSymbol("(") || next.kind() == Kind.STRING) // DATE(…), DATE '…'
                    || prev != null && prev.isWord("AS") && (open.equals("CAST") || open.equals("SAFE_CAST"))
                    || next != null && next.isWord("FROM") && open.equals("EXTRACT") // EXTRACT(DATE FROM …)
                    || prev != null && (prev.isSymbol("<") || prev.isWord("AT")) // ARRAY<DATE>, AT TIME ZONE
                    || next != null && next.isWord("ZONE")
                    || DAYS.contains(word) && open.equals("WEEK"); // WEEK(MONDAY)
            if (!keyword) {
                names.add(t);
            }
        }
        return names;
    }

    static long key(int line, int column) {
        return ((long) line << 32) | (column & 0xffffffffL);
    }

    private void run() {
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                advance(1);
            } else if (c == '#' || startsWith("--")) {
                blankUntilEndOfLine();
            } else if (startsWith("/*")) {
                blockComment();
            } else if (c == '\'' || c == '"') {
                stringLiteral(pos, line, column, false);
            } else if (c == '`') {
                quotedIdentifier();
            } else if (c == '@') {
                parameter();
            } else if (isIdentifierStart(c)) {
                word();
            } else if (Character.isDigit(c) || (c == '.' && pos + 1 < sql.length() && Character.isDigit(sql.charAt(pos + 1)))) {
                number();
            } else if (c == '$') {
                throw error("unexpected character '$'", line, column);
            } else if (c == '?') {
                throw error("positional query parameters (?) cannot be previewed on DuckDB; the preview knows only @"
                        + RUN_TIME_PARAMETER, line, column);
            } else {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), pos, line, column));
                advance(1);
            }
        }
    }

    private void word() {
        int start = pos;
        int startLine = line;
        int startColumn = column;
        while (pos < sql.length() && isIdentifierPart(sql.charAt(pos))) {
            advance(1);
        }
        String text = sql.substring(start, pos);
        boolean quoteFollows = pos < sql.length() && (sql.charAt(pos) == '\'' || sql.charAt(pos) == '"');
        String prefix = text.toLowerCase(Locale.ROOT);
        if (quoteFollows && (prefix.equals("r") || prefix.equals("b") || prefix.equals("rb") || prefix.equals("br"))) {
            if (prefix.contains("b")) {
                throw error("bytes literal " + text + "'...' cannot be previewed on DuckDB", startLine, startColumn);
            }
            // raw string: blank the prefix, the literal itself keeps its position one column later
            out.setCharAt(start, ' ');
            stringLiteral(pos, line, column, true);
            return;
        }
        tokens.add(new Token(Kind.IDENTIFIER, text, start, startLine, startColumn));
    }

    private void number() {
        int start = pos;
        int startLine = line;
        int startColumn = column;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && pos > start
                    && Character.toLowerCase(sql.charAt(pos - 1)) == 'e' && !sql.substring(start, pos).toLowerCase(Locale.ROOT).startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '.' || c == '_' || exponentSign) {
                advance(1);
            } else {
                break;
            }
        }
        String number = sql.substring(start, pos);
        if (number.toLowerCase(Locale.ROOT).startsWith("0x")) {
            throw error("hexadecimal literal " + number + " cannot be previewed on DuckDB", startLine, startColumn);
        }
        tokens.add(new Token(Kind.NUMBER, number, start, startLine, startColumn));
    }

    private void parameter() {
        int startLine = line;
        int startColumn = column;
        int start = pos;
        if (startsWith("@@")) {
            throw error("system variables (@@...) cannot be previewed on DuckDB", startLine, startColumn);
        }
        int end = pos + 1;
        while (end < sql.length() && isIdentifierPart(sql.charAt(end))) {
            end++;
        }
        String name = sql.substring(pos + 1, end);
        if (name.isEmpty()) {
            throw error("unexpected character '@'", startLine, startColumn);
        }
        if (!name.equalsIgnoreCase(RUN_TIME_PARAMETER)) {
            throw error("query parameter @" + name + " is not known to the DuckDB preview (only @" + RUN_TIME_PARAMETER
                    + " is bound)", startLine, startColumn);
        }
        for (int i = 0; i < RUN_TIME_PLACEHOLDER.length(); i++) {
            out.setCharAt(start + i, RUN_TIME_PLACEHOLDER.charAt(i));
        }
        tokens.add(new Token(Kind.IDENTIFIER, RUN_TIME_PLACEHOLDER, start, startLine, startColumn));
        advance(end - pos);
    }

    private void quotedIdentifier() {
        int start = pos;
        int startLine = line;
        int startColumn = column;
        advance(1);
        while (true) {
            if (pos >= sql.length() || sql.charAt(pos) == '\n' || sql.charAt(pos) == '\r') {
                throw error("unterminated quoted identifier", startLine, startColumn);
            }
            char c = sql.charAt(pos);
            if (c == '\\') {
                throw error("escape sequences in quoted identifiers cannot be previewed on DuckDB", line, column);
            }
            advance(1);
            if (c == '`') {
                break;
            }
        }
        tokens.add(new Token(Kind.QUOTED_IDENTIFIER, sql.substring(start + 1, pos - 1), start, startLine, startColumn));
    }

    /** A string literal starting at its opening quote; {@code raw}: backslashes are plain characters. */
    private void stringLiteral(int start, int startLine, int startColumn, boolean raw) {
        char quote = sql.charAt(start);
        if (sql.startsWith(String.valueOf(quote).repeat(3), start)) {
            throw error("triple-quoted string literals cannot be previewed on DuckDB", startLine, startColumn);
        }
        advance(1);
        StringBuilder value = new StringBuilder();
        while (true) {
            if (pos >= sql.length() || sql.charAt(pos) == '\n' || sql.charAt(pos) == '\r') {
                throw error("unterminated string literal", startLine, startColumn);
            }
            char c = sql.charAt(pos);
            if (c == quote) {
                advance(1);
                break;
            }
            if (c == '\\') {
                if (pos + 1 >= sql.length()) {
                    throw error("unterminated string literal", startLine, startColumn);
                }
                if (raw) {
                    // the pair is kept as written; the quote after a backslash does not end the literal
                    value.append(c).append(sql.charAt(pos + 1));
                    advance(2);
                } else {
                    escape(value);
                }
                continue;
            }
            value.append(c);
            advance(1);
        }
        if (value.indexOf("\u0000") >= 0) {
            throw error("string literals containing NUL characters cannot be previewed on DuckDB", startLine, startColumn);
        }
        stringValues.put(key(startLine, startColumn), value.toString());
        tokens.add(new Token(Kind.STRING, value.toString(), start, startLine, startColumn));
    }

    /** BigQuery escape sequences: https://cloud.google.com/bigquery/docs/reference/standard-sql/lexical */
    private void escape(StringBuilder value) {
        int escLine = line;
        int escColumn = column;
        char e = sql.charAt(pos + 1);
        switch (e) {
            case 'a' -> simple(value, '\u0007');
            case 'b' -> simple(value, '\b');
            case 'f' -> simple(value, '\f');
            case 'n' -> simple(value, '\n');
            case 'r' -> simple(value, '\r');
            case 't' -> simple(value, '\t');
            case 'v' -> simple(value, '\u000b');
            case '\\', '?', '"', '\'', '`' -> simple(value, e);
            case 'x', 'X' -> hex(value, 2, 2, escLine, escColumn);
            case 'u' -> hex(value, 2, 4, escLine, escColumn);
            case 'U' -> hex(value, 2, 8, escLine, escColumn);
            default -> {
                if (e >= '0' && e <= '7') {
                    String digits = pos + 4 <= sql.length() ? sql.substring(pos + 1, pos + 4) : "";
                    if (!digits.matches("[0-7]{3}")) {
                        throw error("invalid octal escape in string literal", escLine, escColumn);
                    }
                    value.append((char) Integer.parseInt(digits, 8));
                    advance(4);
                } else {
                    throw error("invalid escape sequence \\" + e + " in string literal", escLine, escColumn);
                }
            }
        }
    }

    private void simple(StringBuilder value, char c) {
        value.append(c);
        advance(2);
    }

    private void hex(StringBuilder value, int prefixLength, int digits, int escLine, int escColumn) {
        int from = pos + prefixLength;
        if (from + digits > sql.length() || !sql.substring(from, from + digits).matches("[0-9a-fA-F]+")) {
            throw error("invalid hex/unicode escape in string literal", escLine, escColumn);
        }
        int codePoint = Integer.parseInt(sql.substring(from, from + digits), 16);
        if (!Character.isValidCodePoint(codePoint)) {
            throw error("invalid unicode escape in string literal", escLine, escColumn);
        }
        value.appendCodePoint(codePoint);
        advance(prefixLength + digits);
    }

    private void blankUntilEndOfLine() {
        while (pos < sql.length() && sql.charAt(pos) != '\n' && sql.charAt(pos) != '\r') {
            out.setCharAt(pos, ' ');
            advance(1);
        }
    }

    private void blockComment() {
        int startLine = line;
        int startColumn = column;
        while (true) {
            if (pos >= sql.length()) {
                throw error("unterminated comment", startLine, startColumn);
            }
            boolean end = startsWith("*/") && !(line == startLine && column == startColumn + 1);
            char c = sql.charAt(pos);
            if (c != '\n' && c != '\r') {
                out.setCharAt(pos, ' ');
            }
            if (end) {
                out.setCharAt(pos + 1, ' ');
                advance(2);
                return;
            }
            advance(1);
        }
    }

    private boolean startsWith(String s) {
        return sql.startsWith(s, pos);
    }

    /** Moves n characters on, counting lines like Calcite's parser (CR, LF and CRLF end a line). */
    private void advance(int n) {
        for (int i = 0; i < n; i++) {
            char c = sql.charAt(pos);
            pos++;
            if (c == '\n' || (c == '\r' && (pos >= sql.length() || sql.charAt(pos) != '\n'))) {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }

    private static UnpreviewableSqlException error(String message, int line, int column) {
        return new UnpreviewableSqlException(message + " (line " + line + ", column " + column + ")", line, column);
    }
}

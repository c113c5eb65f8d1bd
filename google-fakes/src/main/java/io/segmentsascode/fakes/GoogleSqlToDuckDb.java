package io.segmentsascode.fakes;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Rewrites ONE GoogleSQL statement (comments already stripped) into DuckDB SQL over the tables {@link StoredRows}
 * keeps, so that the fake evaluates the statement a client sent, not a copy of it. It rewrites exactly this and
 * nothing else:
 *
 * <ul>
 *   <li><b>Table names</b>: a name ({@code `p.d.t`}, {@code `p`.`d`.`t`}, {@code p.d.t}, {@code d.t}, or {@code t}
 *       right after FROM/JOIN/INTO/UPDATE/MERGE/USING/TABLE with a default dataset) that names a table of the fake
 *       becomes that table's DuckDB twin; a three-part name of no table fails with 404 notFound, as BigQuery does.
 *       Other backticked names become double-quoted identifiers.</li>
 *   <li><b>Literals</b>: GoogleSQL strings ({@code '..'}, {@code ".."}, triple-quoted, {@code r'..'} raw; escapes
 *       {@code \\ \' \" \n \r \t \a \b \f \v \? \` \xHH}, backslash-u with 4 and backslash-U with 8 hex digits, and octal) become DuckDB {@code '..'}
 *       strings with the same value (DuckDB reads backslashes literally).</li>
 *   <li><b>Statements</b>: {@code MERGE t} / {@code INSERT t} / {@code DELETE t} without INTO/FROM get it.</li>
 *   <li><b>Types</b> (words not followed by {@code (}): FLOAT64 → DOUBLE, NUMERIC/BIGNUMERIC → DECIMAL(38, 9),
 *       BYTES → BLOB, TIMESTAMP → TIMESTAMPTZ (an absolute time, as in BigQuery; the session runs in UTC),
 *       DATETIME → TIMESTAMP. STRING, INT64, BOOL, DATE are DuckDB names already.</li>
 *   <li><b>Functions</b>: {@code CURRENT_TIMESTAMP()}/{@code CURRENT_DATE()} → without parentheses;
 *       {@code SHA256(x)} → {@code unhex(sha256(x))} (BYTES, as BigQuery's); {@code TO_HEX(b)} →
 *       {@code lower(hex(b))}; {@code TIMESTAMP_SECONDS(n)} → {@code to_timestamp(n)}; {@code UNIX_SECONDS(ts)} →
 *       {@code CAST(floor(epoch(ts)) AS BIGINT)}; {@code TIMESTAMP_ADD/SUB(ts, INTERVAL n unit)} → {@code ts ± INTERVAL};
 *       {@code SAFE_DIVIDE(a, b)} → CASE; {@code REGEXP_CONTAINS} → {@code regexp_matches};
 *       {@code REGEXP_REPLACE(x, p, r)} → {@code regexp_replace(x, p, r, 'g')} (BigQuery replaces every match, DuckDB
 *       only the first without 'g'); {@code REGEXP_EXTRACT(x, p)} → NULL without a match (DuckDB gives '') and the
 *       capturing group when the literal pattern has one. Both engines use RE2, so patterns mean the same.</li>
 * </ul>
 *
 * Anything else is passed through unchanged; what DuckDB then rejects fails the statement (see {@link StoredRows}).
 * Query parameters ({@code @x}, {@code ?}) and BYTES literals are refused with {@link Unsupported}.
 */
final class GoogleSqlToDuckDb {

    /** The statement cannot be rewritten; the message says why. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String message) {
            super(message);
        }
    }

    /** The rewritten statement and the fake's tables it names ({@code project.dataset.table}). */
    record Rewritten(String sql, Set<String> tables) {}

    private static final Set<String> TABLE_CONTEXT =
            Set.of("FROM", "JOIN", "INTO", "UPDATE", "MERGE", "USING", "TABLE");
    private static final Map<String, String> TYPES = Map.of(
            "FLOAT64", "DOUBLE",
            "NUMERIC", "DECIMAL(38, 9)",
            "BIGNUMERIC", "DECIMAL(38, 9)",
            "BYTES", "BLOB",
            "TIMESTAMP", "TIMESTAMPTZ",
            "DATETIME", "TIMESTAMP");

    private enum Kind {
        WORD,
        QUOTED_NAME,
        STRING,
        NUMBER,
        SYMBOL,
        SPACE
    }

    private record Token(Kind kind, String text, String value) {
        boolean is(String symbolOrWord) {
            return (kind == Kind.SYMBOL || kind == Kind.WORD) && text.equalsIgnoreCase(symbolOrWord);
        }
    }

    private final Function<List<String>, Optional<String>> tables;
    private final Function<String, String> twinName;
    private final String defaultDataset;
    private final Set<String> named = new LinkedHashSet<>();

    /**
     * @param tables         a name's parts → the fake's table id it names, if the fake has such a table
     * @param twinName       a table id → the DuckDB identifier of its twin
     * @param defaultDataset {@code project.dataset} for one-part table names, or null
     */
    private GoogleSqlToDuckDb(
            Function<List<String>, Optional<String>> tables, Function<String, String> twinName, String defaultDataset) {
        this.tables = tables;
        this.twinName = twinName;
        this.defaultDataset = defaultDataset;
    }

    static Rewritten rewrite(
            String statement,
            Function<List<String>, Optional<String>> tables,
            Function<String, String> twinName,
            String defaultDataset) {
        GoogleSqlToDuckDb rewriter = new GoogleSqlToDuckDb(tables, twinName, defaultDataset);
        List<Token> tokens = lex(statement);
        String sql = rewriter.translate(tokens, 0, tokens.size());
        return new Rewritten(sql, rewriter.named);
    }

    // ---- translation

    private String translate(List<Token> t, int from, int to) {
        StringBuilder out = new StringBuilder();
        String previousWord = "";
        boolean first = true;
        for (int i = from; i < to; i++) {
            Token tok = t.get(i);
            switch (tok.kind) {
                case SPACE -> out.append(' ');
                case NUMBER -> out.append(tok.text);
                case STRING -> out.append(duckString(tok.value));
                case SYMBOL -> {
                    if (tok.text.equals("@") || tok.text.equals("?")) {
                        throw new Unsupported("query parameters are not evaluated by the fake");
                    }
                    out.append(tok.text);
                }
                case WORD, QUOTED_NAME -> {
                    int end = chainEnd(t, i);
                    List<String> parts = chainParts(t, i, end);
                    int next = skipSpace(t, end, to);
                    boolean call = tok.kind == Kind.WORD
                            && end == i + 1
                            && next < to
                            && t.get(next).is("(");
                    String upper = tok.text.toUpperCase(Locale.ROOT);
                    if (call) {
                        int close = matching(t, next, to);
                        String replaced = function(upper, t, next + 1, close);
                        if (replaced != null) {
                            out.append(replaced);
                            i = close;
                            previousWord = "";
                            first = false;
                            continue;
                        }
                        out.append(tok.text);
                        previousWord = upper;
                        first = false;
                        continue;
                    }
                    Optional<String> table = table(parts, previousWord, tok.kind == Kind.QUOTED_NAME);
                    if (table.isPresent()) {
                        named.add(table.get());
                        out.append(twinName.apply(table.get()));
                    } else if (tok.kind == Kind.WORD && end == i + 1) {
                        out.append(TYPES.getOrDefault(upper, tok.text));
                        if (first
                                && (upper.equals("MERGE") || upper.equals("INSERT"))
                                && !nextWordIs(t, end, to, "INTO")) {
                            out.append(" INTO");
                        }
                        if (first && upper.equals("DELETE") && !nextWordIs(t, end, to, "FROM")) {
                            out.append(" FROM");
                        }
                        previousWord = upper;
                        first = false;
                        continue;
                    } else {
                        out.append(chainText(t, i, end));
                    }
                    previousWord = "";
                    first = false;
                    i = end - 1;
                }
            }
        }
        return out.toString();
    }

    /** The table a name names, or empty when it names none (a column, an alias); notFound for a missing table. */
    private Optional<String> table(List<String> parts, String previousWord, boolean backticked) {
        if (parts.size() >= 2) {
            Optional<String> found = tables.apply(parts);
            if (found.isPresent()) return found;
            if (parts.size() == 3 && (backticked || TABLE_CONTEXT.contains(previousWord))) {
                throw BigQueryError.notFound("Table " + parts.get(0) + ":" + parts.get(1) + "." + parts.get(2));
            }
            return Optional.empty();
        }
        if (defaultDataset != null && TABLE_CONTEXT.contains(previousWord)) {
            List<String> qualified = new ArrayList<>(List.of(defaultDataset.split("\\.")));
            qualified.add(parts.get(0));
            return tables.apply(qualified);
        }
        return Optional.empty();
    }

    /** A rewritten call of {@code name} over the tokens {@code (from, close)}, or null to keep it as is. */
    private String function(String name, List<Token> t, int from, int close) {
        switch (name) {
            case "CURRENT_TIMESTAMP", "CURRENT_DATE" -> {
                if (!args(t, from, close).isEmpty()) throw new Unsupported(name + " takes no argument in the fake");
                return name;
            }
            case "SHA256" -> {
                return "unhex(sha256(" + one(name, t, from, close) + "))";
            }
            case "TO_HEX" -> {
                return "lower(hex(" + one(name, t, from, close) + "))";
            }
            case "TIMESTAMP_SECONDS" -> {
                return "to_timestamp(" + one(name, t, from, close) + ")";
            }
            case "UNIX_SECONDS" -> {
                return "CAST(floor(epoch(" + one(name, t, from, close) + ")) AS BIGINT)";
            }
            case "TIMESTAMP_ADD", "TIMESTAMP_SUB" -> {
                List<String> a = translated(name, t, from, close, 2);
                return "(" + a.get(0) + (name.endsWith("ADD") ? " + " : " - ") + a.get(1) + ")";
            }
            case "SAFE_DIVIDE" -> {
                List<String> a = translated(name, t, from, close, 2);
                return "(CASE WHEN (" + a.get(1) + ") = 0 THEN NULL ELSE (" + a.get(0) + ") / (" + a.get(1) + ") END)";
            }
            case "REGEXP_CONTAINS" -> {
                List<String> a = translated(name, t, from, close, 2);
                return "regexp_matches(" + a.get(0) + ", " + a.get(1) + ")";
            }
            case "REGEXP_REPLACE" -> {
                List<String> a = translated(name, t, from, close, 3);
                return "regexp_replace(" + a.get(0) + ", " + a.get(1) + ", " + a.get(2) + ", 'g')";
            }
            case "REGEXP_EXTRACT" -> {
                List<int[]> spans = args(t, from, close);
                List<String> a = translated(name, t, from, close, 2);
                String pattern = literalValue(t, spans.get(1))
                        .orElseThrow(() -> new Unsupported("REGEXP_EXTRACT with a pattern that is not a literal"));
                int group = capturingGroups(pattern) > 0 ? 1 : 0;
                return "(CASE WHEN regexp_matches(" + a.get(0) + ", " + a.get(1) + ") THEN regexp_extract(" + a.get(0)
                        + ", " + a.get(1) + ", " + group + ") END)";
            }
            default -> {
                return null;
            }
        }
    }

    private String one(String name, List<Token> t, int from, int close) {
        return translated(name, t, from, close, 1).get(0);
    }

    private List<String> translated(String name, List<Token> t, int from, int close, int count) {
        List<int[]> spans = args(t, from, close);
        if (spans.size() != count) {
            throw new Unsupported(
                    name + " with " + spans.size() + " arguments (the fake rewrites it with " + count + ")");
        }
        List<String> out = new ArrayList<>();
        for (int[] span : spans) out.add(translate(t, span[0], span[1]).strip());
        return out;
    }

    /** Top-level argument spans of the call whose arguments are {@code [from, close)}. */
    private static List<int[]> args(List<Token> t, int from, int close) {
        List<int[]> spans = new ArrayList<>();
        int depth = 0;
        int start = from;
        for (int i = from; i < close; i++) {
            Token tok = t.get(i);
            if (tok.is("(")) depth++;
            else if (tok.is(")")) depth--;
            else if (tok.is(",") && depth == 0) {
                spans.add(new int[] {start, i});
                start = i + 1;
            }
        }
        if (skipSpace(t, start, close) < close || !spans.isEmpty()) spans.add(new int[] {start, close});
        return spans;
    }

    private static Optional<String> literalValue(List<Token> t, int[] span) {
        int i = skipSpace(t, span[0], span[1]);
        if (i < span[1] && t.get(i).kind == Kind.STRING && skipSpace(t, i + 1, span[1]) == span[1]) {
            return Optional.of(t.get(i).value);
        }
        return Optional.empty();
    }

    /** RE2 capturing groups: {@code (} not escaped, not in a class, not {@code (?:}/{@code (?i)} (but {@code (?P<n>}). */
    static int capturingGroups(String pattern) {
        int groups = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                if (c == ']') inClass = false;
            } else if (c == '[') {
                inClass = true;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') i++;
            } else if (c == '(') {
                boolean modifier = i + 1 < pattern.length() && pattern.charAt(i + 1) == '?';
                boolean named = modifier && pattern.startsWith("?P<", i + 1);
                if (!modifier || named) groups++;
            }
        }
        return groups;
    }

    private static int matching(List<Token> t, int open, int to) {
        int depth = 0;
        for (int i = open; i < to; i++) {
            if (t.get(i).is("(")) depth++;
            else if (t.get(i).is(")") && --depth == 0) return i;
        }
        throw new Unsupported("unbalanced parentheses");
    }

    private static boolean nextWordIs(List<Token> t, int from, int to, String word) {
        int i = skipSpace(t, from, to);
        return i < to && t.get(i).kind == Kind.WORD && t.get(i).text.equalsIgnoreCase(word);
    }

    private static int skipSpace(List<Token> t, int from, int to) {
        int i = from;
        while (i < to && t.get(i).kind == Kind.SPACE) i++;
        return i;
    }

    /** The end (exclusive) of a dotted name starting at {@code i}: name ( . name )*. */
    private static int chainEnd(List<Token> t, int i) {
        int end = i + 1;
        while (end + 1 < t.size()
                && t.get(end).is(".")
                && (t.get(end + 1).kind == Kind.WORD || t.get(end + 1).kind == Kind.QUOTED_NAME)) {
            end += 2;
        }
        return end;
    }

    private static List<String> chainParts(List<Token> t, int from, int end) {
        List<String> parts = new ArrayList<>();
        for (int i = from; i < end; i += 2) {
            Token tok = t.get(i);
            if (tok.kind == Kind.QUOTED_NAME) {
                for (String p : tok.value.split("\\.", -1)) parts.add(p);
            } else {
                parts.add(tok.text);
            }
        }
        return parts;
    }

    /** A name that is no table: backticked parts become double-quoted identifiers (keeping their dots). */
    private static String chainText(List<Token> t, int from, int end) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < end; i += 2) {
            if (i > from) out.append('.');
            Token tok = t.get(i);
            out.append(tok.kind == Kind.QUOTED_NAME ? "\"" + tok.value.replace("\"", "\"\"") + "\"" : tok.text);
        }
        return out.toString();
    }

    private static String duckString(String value) {
        if (value.indexOf('\0') >= 0) throw new Unsupported("a string literal holding NUL");
        return "'" + value.replace("'", "''") + "'";
    }

    // ---- lexing

    private static List<Token> lex(String sql) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (Character.isWhitespace(c)) {
                int j = i;
                while (j < n && Character.isWhitespace(sql.charAt(j))) j++;
                out.add(new Token(Kind.SPACE, " ", " "));
                i = j;
            } else if (c == '`') {
                int j = sql.indexOf('`', i + 1);
                if (j < 0) throw new Unsupported("unterminated quoted name");
                out.add(new Token(Kind.QUOTED_NAME, sql.substring(i, j + 1), sql.substring(i + 1, j)));
                i = j + 1;
            } else if (c == '\'' || c == '"' || isStringPrefix(sql, i)) {
                int start = i;
                boolean raw = false;
                while (sql.charAt(i) != '\'' && sql.charAt(i) != '"') {
                    char p = Character.toLowerCase(sql.charAt(i));
                    if (p == 'b') throw new Unsupported("BYTES literals are not evaluated by the fake");
                    raw |= p == 'r';
                    i++;
                }
                char q = sql.charAt(i);
                boolean triple = sql.startsWith("" + q + q + q, i);
                String close = triple ? "" + q + q + q : "" + q;
                int j = i + close.length();
                StringBuilder value = new StringBuilder();
                while (true) {
                    if (j >= n) throw new Unsupported("unterminated string literal");
                    if (sql.startsWith(close, j)) break;
                    char d = sql.charAt(j);
                    if (d == '\\' && j + 1 < n) {
                        if (raw) {
                            value.append(d).append(sql.charAt(j + 1));
                            j += 2;
                        } else {
                            j = unescape(sql, j, value);
                        }
                    } else {
                        value.append(d);
                        j++;
                    }
                }
                j += close.length();
                out.add(new Token(Kind.STRING, sql.substring(start, j), value.toString()));
                i = j;
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) j++;
                out.add(new Token(Kind.WORD, sql.substring(i, j), sql.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    if ((sql.charAt(j) == 'e' || sql.charAt(j) == 'E')
                            && j + 1 < n
                            && "+-".indexOf(sql.charAt(j + 1)) >= 0) {
                        j++;
                    }
                    j++;
                }
                out.add(new Token(Kind.NUMBER, sql.substring(i, j), sql.substring(i, j)));
                i = j;
            } else {
                String two = i + 1 < n ? sql.substring(i, i + 2) : "";
                String sym =
                        List.of("!=", "<>", "<=", ">=", "||", "<<", ">>", "=>").contains(two) ? two : "" + c;
                out.add(new Token(Kind.SYMBOL, sym, sym));
                i += sym.length();
            }
        }
        return out;
    }

    /** {@code r'..'}, {@code b"..."}, {@code rb'..'}, {@code br'..'}: a string prefix right before a quote. */
    private static boolean isStringPrefix(String sql, int i) {
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_')) return false;
        int j = i;
        while (j < sql.length() && j - i < 2 && "rRbB".indexOf(sql.charAt(j)) >= 0) j++;
        return j > i && j < sql.length() && (sql.charAt(j) == '\'' || sql.charAt(j) == '"');
    }

    /** One GoogleSQL escape sequence at {@code j} (a backslash) appended to {@code value}; returns the next index. */
    private static int unescape(String sql, int j, StringBuilder value) {
        char e = sql.charAt(j + 1);
        switch (e) {
            case 'n' -> value.append('\n');
            case 'r' -> value.append('\r');
            case 't' -> value.append('\t');
            case 'a' -> value.append('\u0007');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 'v' -> value.append('\u000B');
            case '\\', '\'', '"', '?', '`' -> value.append(e);
            case 'x', 'X' -> {
                value.append((char) Integer.parseInt(sql.substring(j + 2, j + 4), 16));
                return j + 4;
            }
            case 'u' -> {
                value.append((char) Integer.parseInt(sql.substring(j + 2, j + 6), 16));
                return j + 6;
            }
            case 'U' -> {
                value.appendCodePoint(Integer.parseInt(sql.substring(j + 2, j + 10), 16));
                return j + 10;
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    value.append((char) Integer.parseInt(sql.substring(j + 1, j + 4), 8));
                    return j + 4;
                }
                throw new Unsupported("unknown escape \\" + e + " in a string literal");
            }
        }
        return j + 2;
    }
}

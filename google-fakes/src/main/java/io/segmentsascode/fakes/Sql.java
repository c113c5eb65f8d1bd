package io.segmentsascode.fakes;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough lexing of GoogleSQL for the fakes: comments, statement splitting, table names. */
final class Sql {
    private Sql() {}

    /** A possibly backticked, dotted name: {@code `p.d.t`}, {@code `p`.d.t}, {@code p.d.t}, {@code d.t}, {@code t}. */
    static final String NAME = "(?:`[^`]+`|[A-Za-z_][\\w-]*)(?:\\s*\\.\\s*(?:`[^`]+`|[\\w-]+\\*?|\\*))*";

    static final Pattern NAME_PATTERN = Pattern.compile(NAME);

    /** Removes -- , # and block comments outside string literals and backticks; keeps line structure roughly. */
    static String stripComments(String sql) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                int j = skipQuoted(sql, i);
                out.append(sql, i, j);
                i = j;
            } else if ((c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') || c == '#') {
                while (i < n && sql.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static final Pattern CREATE_PROCEDURE =
            Pattern.compile("\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?PROCEDURE\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern BLOCK_WORD = Pattern.compile(
            "\\b(BEGIN|END)\\b(?!\\s+(TRANSACTION|IF|LOOP|WHILE|FOR|REPEAT|CASE)\\b)", Pattern.CASE_INSENSITIVE);

    /**
     * Splits a comment-free script on semicolons outside literals; drops empty statements. A
     * {@code CREATE PROCEDURE} is one statement up to the {@code END} of its body, semicolons
     * inside included.
     */
    static List<String> statements(String sqlWithoutComments) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        String s = sqlWithoutComments;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (i == start && CREATE_PROCEDURE.matcher(s).region(i, s.length()).lookingAt()) {
                i = procedureEnd(s, i);
            } else if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(s, i);
            } else if (c == ';') {
                add(out, s.substring(start, i));
                start = ++i;
            } else {
                i++;
            }
        }
        add(out, s.substring(start));
        return out;
    }

    /** Where the body of the procedure created at {@code from} ends: after the END closing its first BEGIN. */
    private static int procedureEnd(String s, int from) {
        int depth = 0;
        int i = from;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = skipQuoted(s, i);
                continue;
            }
            char upper = Character.toUpperCase(c);
            boolean wordStart = i == 0 || !Character.isLetterOrDigit(s.charAt(i - 1)) && s.charAt(i - 1) != '_';
            Matcher word = BLOCK_WORD.matcher(s).region(i, s.length());
            if ((upper == 'B' || upper == 'E') && wordStart && word.lookingAt()) {
                depth += word.group(1).equalsIgnoreCase("BEGIN") ? 1 : -1;
                i = word.end();
                if (depth == 0) {
                    return i;
                }
                continue;
            }
            i++;
        }
        return s.length();
    }

    private static void add(List<String> out, String stmt) {
        String t = stmt.strip();
        if (!t.isEmpty()) out.add(t);
    }

    private static int skipQuoted(String s, int i) {
        char q = s.charAt(i);
        boolean triple = i + 2 < s.length() && s.charAt(i + 1) == q && s.charAt(i + 2) == q && q != '`';
        if (triple) {
            int end = s.indexOf("" + q + q + q, i + 3);
            return end < 0 ? s.length() : end + 3;
        }
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == q) return j + 1;
            j++;
        }
        return s.length();
    }

    /** {@code `p`.`d`.t} -> {@code [p, d, t]}; backticks may wrap several dotted parts. */
    static List<String> parts(String name) {
        List<String> out = new ArrayList<>();
        for (String p : name.replace("`", "").split("\\.")) out.add(p.strip());
        return out;
    }

    /**
     * Resolves a table name to {@code project.dataset.table}: 3 parts as is, 2 parts in the job's project, 1 part in the
     * default dataset. Returns null when it cannot be resolved.
     */
    static String resolve(String name, String projectId, String defaultDataset) {
        List<String> p = parts(name);
        return switch (p.size()) {
            case 3 -> String.join(".", p);
            case 2 -> projectId + "." + p.get(0) + "." + p.get(1);
            case 1 -> defaultDataset == null ? null : defaultDataset + "." + p.get(0);
            default -> null;
        };
    }
}

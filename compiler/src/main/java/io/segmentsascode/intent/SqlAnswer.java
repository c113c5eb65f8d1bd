package io.segmentsascode.intent;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns the model's raw answer into SQL: one code fence around the SQL is removed; prose around
 * it, several fences, or an answer that is not a query are refused with a reason that goes back
 * to the model in a repair round.
 */
public final class SqlAnswer {

    private SqlAnswer() {}

    /** The SQL, or empty with {@code problem} filled. */
    public static Optional<String> clean(String raw, StringBuilder problem) {
        if (raw == null || raw.isBlank()) {
            problem.append("the answer was empty");
            return Optional.empty();
        }
        String text = raw.strip();
        int fences = count(text, "```");
        if (fences > 0) {
            if (fences != 2 || !text.startsWith("```") || !text.endsWith("```")) {
                problem.append(
                        "the answer mixes prose and code; return the SQL only, without explanation or code fences");
                return Optional.empty();
            }
            int firstLineEnd = text.indexOf('\n');
            String language = firstLineEnd < 0
                    ? ""
                    : text.substring(3, firstLineEnd).strip().toLowerCase(Locale.ROOT);
            if (firstLineEnd < 0
                    || !(language.isEmpty()
                            || language.equals("sql")
                            || language.equals("googlesql")
                            || language.equals("bigquery"))) {
                problem.append("the answer is a code block that is not SQL");
                return Optional.empty();
            }
            text = text.substring(firstLineEnd + 1, text.length() - 3).strip();
        }
        String start =
                text.length() >= 6 ? text.substring(0, 6).toUpperCase(Locale.ROOT) : text.toUpperCase(Locale.ROOT);
        if (!(start.startsWith("SELECT")
                || start.startsWith("WITH")
                || start.startsWith("(")
                || text.startsWith("--"))) {
            problem.append("the answer does not start with SELECT or WITH; return the SQL only, without explanation");
            return Optional.empty();
        }
        while (text.endsWith(";")) {
            text = text.substring(0, text.length() - 1).strip();
        }
        return Optional.of(text + "\n");
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length())) {
            count++;
        }
        return count;
    }
}

package io.segmentsascode.diagnostics;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean …?" for misspelt names: the closest known name within a small edit distance. */
public final class Suggestions {

    private Suggestions() {}

    public static Optional<String> closest(String wrong, Collection<String> known) {
        int limit = Math.max(2, wrong.length() / 3);
        return known.stream()
                .map(k -> new Candidate(k, distance(wrong, k)))
                .filter(c -> c.distance() <= limit)
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .map(Candidate::name);
    }

    private record Candidate(String name, int distance) {}

    /** Hint text: "did you mean 'x'?" or the list of what is known. */
    public static String didYouMean(String wrong, Collection<String> known, String what) {
        return closest(wrong, known)
                .map(s -> "did you mean '" + s + "'?")
                .orElse(
                        known.isEmpty()
                                ? "no " + what + " is declared"
                                : "declared " + what + ": "
                                        + String.join(
                                                ", ", known.stream().sorted().toList()));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}

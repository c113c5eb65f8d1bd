package io.segmentsascode.bigquery;

import io.segmentsascode.model.Refresh;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the target marks what it manages, on BigQuery itself (CI runners are thrown away, so the
 * markers there are the truth). Tables and jobs carry labels. A Data Transfer config has no
 * labels, so its display name carries the marker and spec hash, repeated in a header comment of
 * its query for whoever reads the query in the console.
 */
final class Markers {

    static final String MANAGED_BY = "managed-by";
    static final String SEGMENTS = "segments";
    /** A label value holds at most 63 characters, a spec hash 64: it is split over two labels. */
    static final String SPEC_HEAD = "segments-spec-1";

    static final String SPEC_TAIL = "segments-spec-2";
    static final String PURPOSE = "segments-purpose";

    private static final Pattern DISPLAY_NAME = Pattern.compile("segments ([a-z]+) refresh \\[spec ([0-9a-f]{64})]");

    private Markers() {}

    /** The marker of a scheduled query, as parsed from its display name. */
    record ConfigMarker(Refresh cadence, String specHash) {}

    static String displayName(Refresh cadence, String specHash) {
        return "segments " + cadence.label() + " refresh [spec " + specHash + "]";
    }

    static Optional<ConfigMarker> parseDisplayName(String displayName) {
        Matcher m = DISPLAY_NAME.matcher(displayName);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ConfigMarker(Refresh.parse(m.group(1)), m.group(2)));
        } catch (IllegalArgumentException unknownCadence) {
            return Optional.empty();
        }
    }

    /** The query as scheduled: a header naming the marker, then the script. */
    static String query(Refresh cadence, String specHash, String script) {
        return "-- " + displayName(cadence, specHash)
                + ": managed by segments; edits made here are reverted by the next apply\n" + script;
    }

    static Map<String, String> tableLabels(String specHash) {
        Map<String, String> labels = new HashMap<>();
        labels.put(MANAGED_BY, SEGMENTS);
        labels.put(SPEC_HEAD, specHash.substring(0, 32));
        labels.put(SPEC_TAIL, specHash.substring(32));
        return labels;
    }

    static Map<String, String> jobLabels(String purpose) {
        return Map.of(MANAGED_BY, SEGMENTS, PURPOSE, purpose.toLowerCase(Locale.ROOT));
    }

    static boolean isManaged(Map<String, String> labels) {
        return labels != null && SEGMENTS.equals(labels.get(MANAGED_BY));
    }

    /** The spec hash on a managed table's labels; empty when a label was removed or edited. */
    static Optional<String> specHash(Map<String, String> labels) {
        String head = labels.getOrDefault(SPEC_HEAD, "");
        String tail = labels.getOrDefault(SPEC_TAIL, "");
        String hash = head + tail;
        return hash.matches("[0-9a-f]{64}") ? Optional.of(hash) : Optional.empty();
    }
}

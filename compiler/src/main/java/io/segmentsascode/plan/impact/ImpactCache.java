package io.segmentsascode.plan.impact;

import io.segmentsascode.storage.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Figures already computed on the same data at the same reference time, keyed by the hash of the
 * segment's SQL (and pairs/unions of such keys). A plan after a one-segment change recomputes
 * that segment and its pairs only. Kept in the state folder; a missing or unreadable cache is
 * simply empty.
 */
final class ImpactCache {

    record Size(long members, Map<String, Long> labels) {}

    record Content(
            String data,
            String runTime,
            Map<String, Size> sizes,
            Map<String, Long> intersections,
            Map<String, Long> unions) {}

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final String data;
    private final String runTime;
    final Map<String, Size> sizes = new TreeMap<>();
    final Map<String, Long> intersections = new TreeMap<>();
    final Map<String, Long> unions = new TreeMap<>();

    ImpactCache(Path file, String data, String runTime) {
        this.file = file;
        this.data = data;
        this.runTime = runTime;
        if (Files.isRegularFile(file)) {
            try {
                Content content = JSON.readValue(file.toFile(), Content.class);
                if (data.equals(content.data()) && runTime.equals(content.runTime())) {
                    sizes.putAll(content.sizes());
                    intersections.putAll(content.intersections());
                    unions.putAll(content.unions());
                }
            } catch (RuntimeException e) {
                // a corrupt cache only costs time: start empty
            }
        }
    }

    /** Keeps only what the current definitions use, so the file does not grow forever. */
    void save(Set<String> usedSizes, Set<String> usedPairs, Set<String> usedUnions) {
        sizes.keySet().retainAll(usedSizes);
        intersections.keySet().retainAll(usedPairs);
        unions.keySet().retainAll(usedUnions);
        try {
            AtomicFiles.write(file, JSON.writeValueAsBytes(new Content(data, runTime, sizes, intersections, unions)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

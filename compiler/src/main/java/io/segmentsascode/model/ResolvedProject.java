package io.segmentsascode.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Output of the resolve stage: the immutable model every later stage reads. Sorted by id. */
public record ResolvedProject(Warehouse warehouse, List<Segment> segments, List<Campaign> campaigns) {

    public ResolvedProject {
        segments = segments.stream().sorted(Comparator.comparing(Segment::id)).toList();
        campaigns = List.copyOf(campaigns);
    }

    /** Segments are sorted by id, so a lookup is a binary search (plans of thousands of segments call it often). */
    public Optional<Segment> segment(String id) {
        int low = 0;
        int high = segments.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = segments.get(middle).id().compareTo(id);
            if (order == 0) {
                return Optional.of(segments.get(middle));
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return Optional.empty();
    }
}

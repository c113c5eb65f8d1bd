package io.segmentsascode.model;

import java.util.List;
import java.util.Optional;

/** Output of the resolve stage: the immutable model every later stage reads. Sorted by id. */
public record ResolvedProject(Warehouse warehouse, List<Segment> segments, List<Campaign> campaigns) {

    public ResolvedProject {
        segments = List.copyOf(segments);
        campaigns = List.copyOf(campaigns);
    }

    public Optional<Segment> segment(String id) {
        return segments.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}

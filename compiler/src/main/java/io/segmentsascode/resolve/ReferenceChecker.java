package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentGraph;
import io.segmentsascode.model.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Checks the graph of {@code in_segment} references among the resolved segments: no cycle (a
 * segment built from itself, directly or through others, has no first build), and no reference to
 * a retired segment (which keeps no table to read). Each error points at the {@code in_segment}
 * call; a cycle's error names every segment on it and where each call is written.
 */
final class ReferenceChecker {

    private final Map<String, Segment> segments = new TreeMap<>();
    private final Map<String, List<ConditionReader.Reference>> references;
    private final Diagnostics diagnostics;

    ReferenceChecker(
            List<Segment> segments, Map<String, List<ConditionReader.Reference>> references, Diagnostics diagnostics) {
        segments.forEach(s -> this.segments.put(s.id(), s));
        this.references = references;
        this.diagnostics = diagnostics;
    }

    void check() {
        Map<String, List<String>> edges = new TreeMap<>();
        references.forEach((from, calls) -> {
            List<String> targets = new ArrayList<>();
            for (ConditionReader.Reference call : calls) {
                Segment target = segments.get(call.segmentId());
                if (target == null) {
                    continue; // declared, but it did not resolve: its own errors say why
                }
                if (target.stage() == Stage.RETIRED && segments.get(from).stage() != Stage.RETIRED) {
                    diagnostics.error(
                            call.at(),
                            "in_segment() names retired segment '" + call.segmentId()
                                    + "', which keeps no table to read",
                            "remove the reference, or move " + call.segmentId() + " back to experimental");
                }
                targets.add(call.segmentId());
            }
            edges.put(from, targets);
        });
        for (List<String> cycle : SegmentGraph.cycles(edges)) {
            String path = String.join(" → ", cycle);
            List<String> calls = new ArrayList<>();
            for (int i = 0; i + 1 < cycle.size(); i++) {
                call(cycle.get(i), cycle.get(i + 1)).ifPresent(at -> calls.add(at.toString()));
            }
            Location first = call(cycle.get(0), cycle.get(1)).orElseThrow();
            diagnostics.error(
                    first,
                    "segments are built from each other in a cycle: " + path
                            + (calls.size() > 1 ? " (in_segment calls at " + String.join(", ", calls) + ")" : ""),
                    "remove one of these references; a segment cannot include or exclude itself, directly or"
                            + " through other segments");
        }
    }

    /** Where {@code from} first names {@code to}. */
    private Optional<Location> call(String from, String to) {
        return references.getOrDefault(from, List.of()).stream()
                .filter(r -> r.segmentId().equals(to))
                .map(ConditionReader.Reference::at)
                .findFirst();
    }
}

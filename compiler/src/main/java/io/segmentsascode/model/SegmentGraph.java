package io.segmentsascode.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which segments are built from which ({@code in_segment}): an edge from a segment to each segment
 * its conditions name. The resolver rejects cycles, so a resolved project's graph is acyclic and
 * {@link #levels()} orders every segment after those it names. Ids are sorted throughout, so the
 * same definitions always give the same order.
 */
public final class SegmentGraph {

    /** One dependency: {@code from}'s members are computed from {@code to}'s. */
    public record Edge(String from, String to) implements Comparable<Edge> {
        @Override
        public int compareTo(Edge other) {
            int byFrom = from.compareTo(other.from);
            return byFrom != 0 ? byFrom : to.compareTo(other.to);
        }

        @Override
        public String toString() {
            return from + " → " + to;
        }
    }

    private final Map<String, List<String>> dependencies = new TreeMap<>();

    private SegmentGraph() {}

    /** The graph of {@code segments}; a reference to a segment not among them is left out. */
    public static SegmentGraph of(Collection<Segment> segments) {
        SegmentGraph graph = new SegmentGraph();
        Set<String> ids = new TreeSet<>();
        segments.forEach(s -> ids.add(s.id()));
        for (Segment segment : segments) {
            graph.dependencies.put(
                    segment.id(),
                    segment.definition().references().stream()
                            .filter(ids::contains)
                            .toList());
        }
        return graph;
    }

    /** The segments {@code id} names directly, sorted. */
    public List<String> dependencies(String id) {
        return dependencies.getOrDefault(id, List.of());
    }

    public Set<Edge> edges() {
        Set<Edge> edges = new TreeSet<>();
        dependencies.forEach((from, tos) -> tos.forEach(to -> edges.add(new Edge(from, to))));
        return Collections.unmodifiableSet(edges);
    }

    /**
     * The segments in levels: the first holds those that name no other, each later one those whose
     * every dependency is in an earlier level; ids sorted within a level. Segments of a level do not
     * depend on each other, so each level can be built in parallel.
     *
     * @throws IllegalStateException on a cycle (the resolver reports cycles before anything is built)
     */
    public List<List<String>> levels() {
        List<List<String>> levels = new ArrayList<>();
        Set<String> done = new TreeSet<>();
        while (done.size() < dependencies.size()) {
            List<String> level = dependencies.entrySet().stream()
                    .filter(e -> !done.contains(e.getKey()) && done.containsAll(e.getValue()))
                    .map(Map.Entry::getKey)
                    .toList();
            if (level.isEmpty()) {
                throw new IllegalStateException("segment references form a cycle; the resolver should have refused it");
            }
            levels.add(level);
            done.addAll(level);
        }
        return levels;
    }

    /** Every segment after the segments it names: the levels one after another. */
    public List<String> topologicalOrder() {
        return levels().stream().flatMap(List::stream).toList();
    }

    /**
     * The cycles of the graph given by {@code edges} (segment → the segments it names), each as the
     * ids along it with the first repeated at the end, starting at its smallest id; a segment on a
     * cycle already found starts no other, so each knot of references is reported once.
     */
    public static List<List<String>> cycles(Map<String, List<String>> edges) {
        List<List<String>> cycles = new ArrayList<>();
        Set<String> covered = new TreeSet<>();
        for (String start : new TreeSet<>(edges.keySet())) {
            if (covered.contains(start)) {
                continue;
            }
            List<String> path = new ArrayList<>();
            if (pathBack(start, start, edges, path, new TreeSet<>())) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(start);
                cycles.add(List.copyOf(cycle));
                covered.addAll(path);
            }
        }
        return cycles;
    }

    /** Depth-first from {@code at} to {@code start}, sorted neighbours first; {@code path} holds the way. */
    private static boolean pathBack(
            String start, String at, Map<String, List<String>> edges, List<String> path, Set<String> visited) {
        path.add(at);
        visited.add(at);
        for (String next : new TreeSet<>(edges.getOrDefault(at, List.of()))) {
            if (next.equals(start)) {
                return true;
            }
            if (!visited.contains(next) && pathBack(start, next, edges, path, visited)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        return false;
    }
}

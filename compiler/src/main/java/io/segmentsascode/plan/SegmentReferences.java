package io.segmentsascode.plan;

import io.segmentsascode.generate.RefreshPlanner;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plan's view of segments built from segments: every dependency ({@code in_segment}) with the
 * table its refresh reads and how old that table can be, and the dependencies added and removed
 * against the base revision (empty without a base).
 *
 * @param dependencies every edge of the graph, sorted by segment then named segment
 * @param added        edges the base does not have, as "seg_a → seg_b"
 * @param removed      edges of the base these definitions no longer have
 */
public record SegmentReferences(List<Dependency> dependencies, List<String> added, List<String> removed) {

    /**
     * {@code segment} is built from {@code named}'s members, which its refresh reads from {@code table}:
     * the staging table its own run has just built ({@code maxAgeDays} 0), or, across cadences, the
     * table the other cadence's last good run published, which is up to {@code maxAgeDays} old when
     * that refresh runs on schedule.
     */
    public record Dependency(String segment, String named, String table, String readFrom, int maxAgeDays) {}

    public SegmentReferences {
        dependencies = List.copyOf(dependencies);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    public static SegmentReferences none() {
        return new SegmentReferences(List.of(), List.of(), List.of());
    }

    public static SegmentReferences of(ResolvedProject project, Optional<ResolvedProject> base) {
        SegmentGraph graph = SegmentGraph.of(project.segments());
        List<Dependency> dependencies = new ArrayList<>();
        for (SegmentGraph.Edge edge : graph.edges()) {
            Segment from = project.segment(edge.from()).orElseThrow();
            Segment named = project.segment(edge.to()).orElseThrow();
            String table = RefreshPlanner.membersTable(from.refresh(), named);
            boolean sameRun = named.refresh() == from.refresh();
            dependencies.add(new Dependency(
                    from.id(),
                    named.id(),
                    table,
                    sameRun
                            ? "staging table of the same " + from.refresh().label() + " run"
                            : "last good " + named.refresh().label() + " table",
                    sameRun ? 0 : periodDays(named.refresh())));
        }
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        if (base.isPresent()) {
            Set<SegmentGraph.Edge> now = graph.edges();
            Set<SegmentGraph.Edge> before =
                    SegmentGraph.of(base.get().segments()).edges();
            new TreeSet<>(now).stream().filter(e -> !before.contains(e)).forEach(e -> added.add(e.toString()));
            new TreeSet<>(before).stream().filter(e -> !now.contains(e)).forEach(e -> removed.add(e.toString()));
        }
        return new SegmentReferences(dependencies, added, removed);
    }

    /** Days between two scheduled runs of a cadence: the age of its table just before the next run. */
    static int periodDays(Refresh cadence) {
        return switch (cadence) {
            case DAILY -> 1;
            case WEEKLY -> 7;
        };
    }

    /** One line per dependency, for text and Markdown: "seg_a ← seg_b (reads seg_b, last good weekly table, ≤ 7 days old)". */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (Dependency d : dependencies) {
            lines.add(d.segment() + " ← " + d.named() + " (reads " + d.table() + ", " + d.readFrom()
                    + (d.maxAgeDays() > 0 ? ", up to " + d.maxAgeDays() + " days old" : "") + ")");
        }
        return lines;
    }
}

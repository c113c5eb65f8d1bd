package io.segmentsascode.plan.review;

import io.segmentsascode.plan.impact.Overlap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The overlap changes a reviewer should see: pairs whose Jaccard overlap crossed the threshold
 * (either way) between the base and the working tree, or moved by at least {@link #MIN_CHANGE}.
 * A pair compared on one side only is listed when that side is flagged (it crossed into, or out
 * of, the flagged range by the change). Crossings first, then the largest moves.
 */
public final class OverlapChanges {

    /** The smallest move of Jaccard overlap (absolute, 0..1) listed without crossing the threshold. */
    public static final double MIN_CHANGE = 0.05;

    private OverlapChanges() {}

    public static List<OverlapChange> between(List<Overlap> base, List<Overlap> head) {
        Map<String, Overlap> before = byPair(base);
        Map<String, Overlap> after = byPair(head);
        List<OverlapChange> changes = new ArrayList<>();
        for (String pair : new TreeSet<>(union(before, after))) {
            Overlap was = before.get(pair);
            Overlap now = after.get(pair);
            Overlap either = now != null ? now : was;
            OverlapChange change = new OverlapChange(
                    either.a(),
                    either.b(),
                    either.sharedBy(),
                    was == null ? null : was.jaccard(),
                    now == null ? null : now.jaccard(),
                    was != null && was.flagged(),
                    now != null && now.flagged());
            boolean comparedOnBothSides = was != null && now != null;
            if (change.crossedThreshold() || (comparedOnBothSides && Math.abs(change.change()) >= MIN_CHANGE - 1e-9)) {
                changes.add(change);
            }
        }
        changes.sort(Comparator.comparing((OverlapChange c) -> !c.crossedThreshold())
                .thenComparing(c -> -Math.abs(c.change()))
                .thenComparing(OverlapChange::a)
                .thenComparing(OverlapChange::b));
        return changes;
    }

    private static TreeSet<String> union(Map<String, Overlap> before, Map<String, Overlap> after) {
        TreeSet<String> pairs = new TreeSet<>(before.keySet());
        pairs.addAll(after.keySet());
        return pairs;
    }

    private static Map<String, Overlap> byPair(List<Overlap> overlaps) {
        Map<String, Overlap> byPair = new TreeMap<>();
        overlaps.forEach(o -> byPair.put(o.a() + "|" + o.b(), o));
        return byPair;
    }
}

package io.segmentsascode.plan.review;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.plan.review.SegmentDiff.Status;
import io.segmentsascode.render.RenderedSegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares the compiled working tree with the compiled base revision: what a reviewer needs to
 * see in a pull request. A segment removed under one id and added under another with the same
 * SQL is reported as renamed.
 */
public final class BaseDiffer {

    private BaseDiffer() {}

    public static BaseDiff diff(
            String ref,
            String commit,
            ResolvedProject head,
            List<RenderedSegment> headSql,
            ResolvedProject base,
            List<RenderedSegment> baseSql,
            boolean lockChanged) {
        Map<String, String> now = sqlById(headSql);
        Map<String, String> before = sqlById(baseSql);
        Map<String, String> removedBySql = new TreeMap<>();
        before.forEach((id, sql) -> {
            if (!now.containsKey(id)) {
                removedBySql.putIfAbsent(sql, id);
            }
        });
        List<SegmentDiff> diffs = new ArrayList<>();
        List<String> renamedAway = new ArrayList<>();
        for (Map.Entry<String, String> entry : now.entrySet()) {
            String id = entry.getKey();
            String sql = entry.getValue();
            String stage = head.segment(id).map(s -> s.stage().label()).orElse("");
            if (!before.containsKey(id)) {
                String from = removedBySql.remove(sql);
                if (from != null) {
                    renamedAway.add(from);
                    diffs.add(new SegmentDiff(id, Status.RENAMED, from, stageChange(base.segment(from), stage), ""));
                } else {
                    diffs.add(new SegmentDiff(id, Status.ADDED, null, "", unified(id, "", sql)));
                }
                continue;
            }
            String stageChange = stageChange(base.segment(id), stage);
            if (!before.get(id).equals(sql) || !stageChange.isEmpty()) {
                diffs.add(new SegmentDiff(id, Status.CHANGED, null, stageChange, unified(id, before.get(id), sql)));
            }
        }
        before.keySet().stream()
                .filter(id -> !now.containsKey(id) && !renamedAway.contains(id))
                .forEach(id ->
                        diffs.add(new SegmentDiff(id, Status.REMOVED, null, "", unified(id, before.get(id), ""))));
        diffs.sort((a, b) -> a.id().compareTo(b.id()));

        Map<String, Campaign> headCampaigns = byId(head.campaigns());
        Map<String, Campaign> baseCampaigns = byId(base.campaigns());
        List<String> added = headCampaigns.keySet().stream()
                .filter(id -> !baseCampaigns.containsKey(id))
                .toList();
        List<String> removed = baseCampaigns.keySet().stream()
                .filter(id -> !headCampaigns.containsKey(id))
                .toList();
        List<String> changed = headCampaigns.keySet().stream()
                .filter(baseCampaigns::containsKey)
                .filter(id -> !headCampaigns
                        .get(id)
                        .specHash()
                        .equals(baseCampaigns.get(id).specHash()))
                .toList();
        return new BaseDiff(ref, commit, diffs, added, changed, removed, lockChanged);
    }

    private static String stageChange(Optional<Segment> before, String now) {
        return before.map(s -> s.stage().label())
                .filter(s -> !s.equals(now))
                .map(s -> s + " -> " + now)
                .orElse("");
    }

    /** Unified diff with three lines of context, file names a/<id>.sql and b/<id>.sql. */
    static String unified(String id, String before, String after) {
        List<String> from = before.isEmpty() ? List.of() : before.lines().toList();
        List<String> to = after.isEmpty() ? List.of() : after.lines().toList();
        List<String> lines = UnifiedDiffUtils.generateUnifiedDiff(
                before.isEmpty() ? "/dev/null" : "a/" + id + ".sql",
                after.isEmpty() ? "/dev/null" : "b/" + id + ".sql",
                from,
                DiffUtils.diff(from, to),
                3);
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }

    private static Map<String, String> sqlById(List<RenderedSegment> rendered) {
        return rendered.stream()
                .collect(Collectors.toMap(RenderedSegment::segmentId, RenderedSegment::sql, (a, b) -> a, TreeMap::new));
    }

    private static Map<String, Campaign> byId(List<Campaign> campaigns) {
        return campaigns.stream()
                .collect(Collectors.toMap(Campaign::id, Function.identity(), (a, b) -> a, TreeMap::new));
    }
}

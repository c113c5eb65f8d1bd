package io.segmentsascode.plan.review;

import io.segmentsascode.brief.BriefLock;
import io.segmentsascode.brief.BriefPin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How one segment's pinned brief ({@code briefs.lock}) differs from the base revision's:
 * {@code status} is {@code added}, {@code changed}, {@code removed} or {@code not re-drafted} (the
 * segment's definition changed but its brief is the base's: the plan's stale-brief warning says
 * more); {@code details} say what changed, for a reviewer who reads the brief next to the SQL.
 */
public record BriefChange(String segmentId, String status, List<String> details) {

    public BriefChange {
        details = List.copyOf(details);
    }

    /**
     * Every brief that differs, by segment id. {@code changedSegments}: the segments whose
     * definition the review shows as changed.
     */
    public static List<BriefChange> between(BriefLock base, BriefLock head, Set<String> changedSegments) {
        Map<String, BriefPin> before = base.pins();
        Map<String, BriefPin> after = head.pins();
        Set<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<BriefChange> changes = new ArrayList<>();
        for (String id : ids) {
            BriefPin was = before.get(id);
            BriefPin now = after.get(id);
            if (was == null) {
                changes.add(new BriefChange(id, "added", List.of("data of " + now.dataDate(), now.provenance())));
            } else if (now == null) {
                changes.add(new BriefChange(id, "removed", List.of()));
            } else if (!was.equals(now)) {
                changes.add(new BriefChange(id, "changed", differences(was, now)));
            } else if (changedSegments.contains(id)) {
                changes.add(new BriefChange(
                        id, "not re-drafted", List.of("its segment changed; the brief is still of " + now.dataDate())));
            }
        }
        return changes;
    }

    private static List<String> differences(BriefPin was, BriefPin now) {
        List<String> details = new ArrayList<>();
        if (!was.brief().equals(now.brief())) {
            details.add("brief text");
        }
        if (!was.definition().equals(now.definition())) {
            details.add("drafted for a changed definition");
        }
        if (!was.profile().equals(now.profile())) {
            details.add("profile figures");
        }
        if (!Objects.equals(was.dataDate(), now.dataDate())) {
            details.add("data of " + now.dataDate() + " (was " + was.dataDate() + ")");
        }
        if (!was.provenance().equals(now.provenance())) {
            details.add(now.provenance() + " (was " + was.provenance() + ")");
        }
        return details;
    }
}

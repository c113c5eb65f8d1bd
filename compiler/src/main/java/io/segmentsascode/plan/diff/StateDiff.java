package io.segmentsascode.plan.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Desired state versus actual state → changes, decided only by identity and spec hashes:
 * missing → create; managed with another hash → update; same hash but changed outside → repair;
 * same hash but its data moved on since it was written (outdated) → update;
 * managed but no longer desired → delete (only with prune); without our marker → never touched,
 * unless the target knows it for ours (unrecorded): then it is created over if still desired.
 * Output is sorted by kind and name, whatever order the inputs came in.
 */
public final class StateDiff {

    private StateDiff() {}

    public static List<Change> plan(List<DesiredResource> desired, List<ActualResource> actual, boolean prune) {
        Map<ResourceId, DesiredResource> wanted = desired.stream()
                .collect(Collectors.toMap(
                        DesiredResource::id,
                        Function.identity(),
                        (a, b) -> {
                            throw new IllegalArgumentException("desired twice: " + a.id());
                        },
                        TreeMap::new));
        Map<ResourceId, ActualResource> found = actual.stream()
                .collect(Collectors.toMap(
                        ActualResource::id,
                        Function.identity(),
                        (a, b) -> {
                            throw new IllegalArgumentException("reported twice: " + a.id());
                        },
                        TreeMap::new));
        List<Change> changes = new ArrayList<>();
        for (DesiredResource resource : wanted.values()) {
            ActualResource current = found.get(resource.id());
            Optional<String> to = Optional.of(resource.specHash());
            if (current == null) {
                changes.add(new Change(resource.id(), Action.CREATE, Optional.empty(), to, resource.summary()));
            } else if (current.unrecorded()) {
                changes.add(new Change(
                        resource.id(),
                        Action.CREATE,
                        Optional.empty(),
                        to,
                        current.drift().orElseThrow() + "; written again"));
            } else if (!current.managed()) {
                changes.add(
                        new Change(
                                resource.id(),
                                Action.UNMANAGED,
                                Optional.empty(),
                                Optional.empty(),
                                "a resource with this name exists but carries no segments marker; rename the segment or remove it by hand"));
            } else if (!current.specHash().equals(to)) {
                String reason = "definition changed"
                        + current.drift().map(d -> "; also drifted: " + d).orElse("");
                changes.add(new Change(resource.id(), Action.UPDATE, current.specHash(), to, reason));
            } else if (current.drift().isPresent()) {
                changes.add(new Change(
                        resource.id(),
                        Action.REPAIR,
                        current.specHash(),
                        to,
                        "drifted from what was applied: " + current.drift().get()));
            } else if (current.outdated().isPresent()) {
                changes.add(new Change(
                        resource.id(),
                        Action.UPDATE,
                        current.specHash(),
                        to,
                        current.outdated().get()));
            } else {
                changes.add(new Change(resource.id(), Action.UNCHANGED, current.specHash(), to, ""));
            }
        }
        for (ActualResource resource : found.values()) {
            if (wanted.containsKey(resource.id())) {
                continue;
            }
            if (resource.unrecorded()) {
                // without its marker nothing says which definition it came from: deleting is left to the user
                changes.add(new Change(
                        resource.id(),
                        Action.UNMANAGED,
                        Optional.empty(),
                        Optional.empty(),
                        resource.drift().orElseThrow() + "; no longer defined, so never deleted: remove it by hand"));
            } else if (!resource.managed()) {
                changes.add(
                        new Change(resource.id(), Action.UNMANAGED, Optional.empty(), Optional.empty(), "not ours"));
            } else {
                changes.add(new Change(
                        resource.id(),
                        prune ? Action.DELETE : Action.KEEP,
                        resource.specHash(),
                        Optional.empty(),
                        noLongerDefined(resource.id().kind(), prune)));
            }
        }
        changes.sort((a, b) -> a.id().compareTo(b.id()));
        return List.copyOf(changes);
    }

    /** An audience's members live outside the warehouse, so the plan says what becomes of them. */
    private static String noLongerDefined(ResourceKind kind, boolean prune) {
        if (kind != ResourceKind.AUDIENCE) {
            return "no longer defined";
        }
        return prune
                ? "no longer defined: its list is emptied, then deleted"
                : "no longer defined: its list is kept as it is, members and all, and no longer synced;"
                        + " -Dsegments.prune=true empties and deletes it";
    }
}

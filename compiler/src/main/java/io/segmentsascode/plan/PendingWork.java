package io.segmentsascode.plan;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ResourceKind;
import java.util.List;

/**
 * What apply would do to one resource, and nothing else: the identity a plan's fingerprint hashes
 * (a saved plan is compared on what it declares, {@link DeclaredResource}, and its work only reported). Reasons, the hash before and the sample figures are left out:
 * they may move while the work stays the same. {@code toHash} is null for a delete.
 */
public record PendingWork(Action action, ResourceKind kind, String name, String toHash) {

    /** The changes that change the target, in plan order. */
    public static List<PendingWork> of(List<PlannedChange> changes) {
        return changes.stream()
                .filter(c -> c.action().changesTarget())
                .map(PendingWork::of)
                .toList();
    }

    /** The work of one change (whether or not it changes the target). */
    public static PendingWork of(PlannedChange change) {
        return new PendingWork(change.action(), change.kind(), change.name(), change.toHash());
    }

    /** Hash of the target and its pending work; the text hashed is part of the plan format, keep it stable. */
    static String fingerprint(String target, List<PendingWork> work) {
        StringBuilder text = new StringBuilder(target);
        for (PendingWork item : work) {
            text.append('\n')
                    .append(item.action().name())
                    .append(' ')
                    .append(item.kind().name())
                    .append(' ')
                    .append(item.name())
                    .append(' ')
                    .append(item.toHash() == null ? "-" : item.toHash());
        }
        return Sha256.hex(text.toString());
    }
}

package io.segmentsascode.plan;

import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceKind;

/** A {@link Change} as plans print and store it (hashes shortened in text forms only). */
public record PlannedChange(
        ResourceKind kind, String name, Action action, String symbol, String fromHash, String toHash, String reason) {

    public static PlannedChange of(Change change) {
        return new PlannedChange(
                change.id().kind(),
                change.id().name(),
                change.action(),
                change.action().symbol(),
                change.fromHash().orElse(null),
                change.toHash().orElse(null),
                change.reason());
    }
}

package io.segmentsascode.plan;

import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;

/** A {@link Change} as plans print and store it (plain strings, hashes shortened in text forms only). */
public record PlannedChange(String kind, String name, String action, String symbol, String fromHash, String toHash,
        String reason) {

    public static PlannedChange of(Change change) {
        return new PlannedChange(change.id().kind().name().toLowerCase(java.util.Locale.ROOT), change.id().name(),
                change.action().name().toLowerCase(java.util.Locale.ROOT), change.action().symbol(),
                change.fromHash().orElse(null), change.toHash().orElse(null), change.reason());
    }

    public Action actionValue() {
        return Action.valueOf(action.toUpperCase(java.util.Locale.ROOT));
    }
}

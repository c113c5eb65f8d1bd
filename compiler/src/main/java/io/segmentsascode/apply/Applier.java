package io.segmentsascode.apply;

import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Carries out the changes of a plan on a target under the apply lock, journaling each step.
 * Tables are created before the audiences built from them; audiences are deleted before tables.
 */
public final class Applier {

    public static final Duration DEFAULT_LEASE = Duration.ofMinutes(15);

    /** How an apply went: the changes carried out, in order. */
    public record Result(List<Change> applied) {
        public Result {
            applied = List.copyOf(applied);
        }
    }

    private final Path stateDir;
    private final Clock clock;
    private final Duration lease;
    private final Consumer<String> progress;
    private final Consumer<String> notices;

    /**
     * {@code progress}: a line per change (off in CI logs); {@code notices}: what the user must hear
     * even then, such as resuming an interrupted apply or taking over a crashed one's lease.
     */
    public Applier(Path stateDir, Clock clock, Duration lease, Consumer<String> progress, Consumer<String> notices) {
        this.stateDir = stateDir;
        this.clock = clock;
        this.lease = lease;
        this.progress = progress;
        this.notices = notices;
    }

    /** {@code fingerprint}: of the plan being applied, recorded in the journal. */
    public Result apply(String fingerprint, List<Change> changes, Target target) {
        List<Change> ordered = order(changes);
        try (LeaseLock lock = LeaseLock.acquire(stateDir, clock, lease, notices);
                // an apply with nothing to change writes nothing, not even a lease row on a remote target
                TargetLease claim = ordered.isEmpty() ? TargetLease.NONE : target.claimLease(lease, notices)) {
            Journal.findInterrupted(stateDir)
                    .ifPresent(previous -> notices.accept("resuming an interrupted apply: it had " + "finished "
                            + previous.done().size() + " of " + previous.planned()
                            + " changes; the rest is re-planned"));
            Journal journal = Journal.start(
                    stateDir,
                    fingerprint,
                    ordered.stream().map(Applier::describe).toList());
            List<Change> applied = new ArrayList<>();
            for (Change change : ordered) {
                progress.accept("apply " + (applied.size() + 1) + "/" + ordered.size() + ": " + describe(change));
                target.apply(change);
                journal.done(describe(change));
                lock.renew();
                claim.renew();
                applied.add(change);
            }
            journal.finish();
            return new Result(applied);
        }
    }

    static List<Change> order(List<Change> changes) {
        List<Change> upserts = new ArrayList<>();
        List<Change> deletes = new ArrayList<>();
        for (Change change : changes) {
            if (change.action() == Action.DELETE) {
                deletes.add(change);
            } else if (change.action().changesTarget()) {
                upserts.add(change);
            }
        }
        // in the order of ResourceKind: tables, the scheduled queries that fill them, the audiences built from them
        upserts.sort(Comparator.comparing(Change::id));
        // the reverse: nothing is left reading from, or writing into, what is deleted
        deletes.sort(Comparator.comparing((Change c) -> c.id().kind(), Comparator.reverseOrder())
                .thenComparing(c -> c.id().name()));
        List<Change> ordered = new ArrayList<>(upserts);
        ordered.addAll(deletes);
        return ordered;
    }

    private static String describe(Change change) {
        return change.action().label() + " " + change.id();
    }
}

package io.segmentsascode.plan.report;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.plan.DeclaredResource;
import io.segmentsascode.plan.PendingWork;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.SavedPlanException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A plan.json written by segments:plan and reviewed before apply. It is compared on desired state:
 * it may be applied while the definitions still declare what was reviewed (the SQL and spec hash of
 * every resource), whatever the target holds now. The review never saw the target apply meets (a
 * pull request plans on a runner of its own), so the work needed there may differ: that difference
 * is carried out all the same and reported. Lives beside {@link PlanJson}, which reads it, so the
 * plan package does not depend on its reports.
 */
public final class SavedPlan {

    /**
     * How the fresh plan's work differs from the reviewed plan's where both declare the same:
     * {@code beyondReview}, work the target needs now that the review did not list (drift to repair,
     * a resource lost); {@code alreadyDone}, reviewed work the target no longer needs.
     */
    public record Review(Path file, List<PlannedChange> beyondReview, List<PendingWork> alreadyDone) {

        public Review {
            beyondReview = List.copyOf(beyondReview);
            alreadyDone = List.copyOf(alreadyDone);
        }

        public boolean matchesExactly() {
            return beyondReview.isEmpty() && alreadyDone.isEmpty();
        }
    }

    private SavedPlan() {}

    /** Throws unless the plan saved in {@code file} declares what {@code fresh} declares; says how their work differs. */
    public static Review requireSame(Path file, Plan fresh) {
        Plan saved = read(file);
        if (!DeclaredResource.fingerprint(saved.declared()).equals(DeclaredResource.fingerprint(fresh.declared()))) {
            throw new SavedPlanException(
                    "the saved plan " + Location.displayPath(file) + " no longer matches what the definitions "
                            + "declare (differs for " + String.join(", ", differing(saved, fresh))
                            + "); nothing was applied",
                    "run segments:plan again, review it, and apply that plan");
        }
        Set<PendingWork> reviewed = new HashSet<>(saved.pendingWork());
        List<PlannedChange> beyondReview = fresh.changes().stream()
                .filter(change -> change.action().changesTarget())
                .filter(change -> !reviewed.contains(PendingWork.of(change)))
                .toList();
        return new Review(file, beyondReview, onlyIn(saved.pendingWork(), fresh.pendingWork(), Function.identity()));
    }

    /** Names of the resources one plan declares and the other does not (or with another spec hash), sorted. */
    public static SortedSet<String> differing(Plan saved, Plan fresh) {
        SortedSet<String> names = new TreeSet<>();
        onlyIn(saved.declared(), fresh.declared(), DeclaredResource::name).forEach(names::add);
        onlyIn(fresh.declared(), saved.declared(), DeclaredResource::name).forEach(names::add);
        return names;
    }

    private static <T, R> List<R> onlyIn(List<T> these, List<T> others, Function<T, R> shown) {
        Set<T> other = new HashSet<>(others);
        return these.stream().filter(item -> !other.contains(item)).map(shown).toList();
    }

    private static Plan read(Path file) {
        try {
            return PlanJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            throw new SavedPlanException(
                    "cannot read the saved plan " + Location.displayPath(file),
                    "point -D" + Parameters.PLAN + " at a plan.json written by segments:plan");
        }
    }
}

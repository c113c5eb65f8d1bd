package io.segmentsascode.plan.report;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.plan.PendingWork;
import io.segmentsascode.plan.Plan;
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

/**
 * A plan.json written by segments:plan and reviewed before apply: it may be applied only while it
 * still describes what apply would do. Lives beside {@link PlanJson}, which reads it, so the plan
 * package does not depend on its reports.
 */
public final class SavedPlan {

    private SavedPlan() {}

    /** Throws unless the plan saved in {@code file} holds the same pending work as {@code fresh}. */
    public static void requireSame(Path file, Plan fresh) {
        Plan saved = read(file);
        if (!saved.fingerprint().equals(fresh.fingerprint())) {
            throw new SavedPlanException(
                    "the saved plan " + Location.displayPath(file) + " no longer matches what apply "
                            + "would do (differs for " + String.join(", ", differing(saved, fresh))
                            + "); nothing was applied",
                    "run segments:plan again, review it, and apply that plan");
        }
    }

    /** Names of the resources whose pending work is in one plan and not the other, sorted. */
    public static SortedSet<String> differing(Plan saved, Plan fresh) {
        List<PendingWork> then = saved.pendingWork();
        List<PendingWork> now = fresh.pendingWork();
        SortedSet<String> names = new TreeSet<>();
        onlyIn(then, now).forEach(work -> names.add(work.name()));
        onlyIn(now, then).forEach(work -> names.add(work.name()));
        return names;
    }

    private static List<PendingWork> onlyIn(List<PendingWork> these, List<PendingWork> others) {
        Set<PendingWork> other = new HashSet<>(others);
        return these.stream().filter(work -> !other.contains(work)).toList();
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

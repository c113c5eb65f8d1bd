package io.segmentsascode.plan.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanAssembler;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.SavedPlanException;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedPlanTest {

    @TempDir
    Path dir;

    private static Change change(ResourceKind kind, String name, Action action, String to, String reason) {
        return new Change(new ResourceId(kind, name), action, Optional.empty(), Optional.ofNullable(to), reason);
    }

    /** A plan as PlanAssembler makes it: the fingerprint matches the changes. */
    private static Plan plan(List<Change> changes) {
        return new Plan(
                Plan.FORMAT_VERSION,
                "local",
                PlanAssembler.fingerprint("local", changes),
                "2026-10-31T00:00:00Z",
                "sample",
                Map.of(),
                changes.stream().map(PlannedChange::of).toList(),
                List.of(),
                List.of(),
                0.5,
                List.of(),
                null);
    }

    private static List<Change> changes(String segBHash, String reason) {
        return List.of(
                change(ResourceKind.SEGMENT_TABLE, "seg_a", Action.CREATE, "aaaa", reason),
                change(ResourceKind.SEGMENT_TABLE, "seg_b", Action.UPDATE, segBHash, reason),
                change(ResourceKind.SEGMENT_TABLE, "seg_c", Action.UNCHANGED, "cccc", ""),
                change(ResourceKind.AUDIENCE, "cm_x", Action.CREATE, "xxxx", reason));
    }

    private Path saved(Plan plan) throws Exception {
        Path file = dir.resolve("plan.json");
        Files.writeString(file, PlanJson.render(plan), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void theSamePlanHasNoDifferenceAndMayBeApplied() throws Exception {
        Plan plan = plan(changes("bbbb", "definition changed"));

        assertEquals(Set.of(), SavedPlan.differing(plan, plan(changes("bbbb", "definition changed"))));
        SavedPlan.requireSame(saved(plan), plan(changes("bbbb", "definition changed")));
    }

    @Test
    void reasonsAreNotWork() throws Exception {
        SavedPlan.requireSame(saved(plan(changes("bbbb", "definition changed"))), plan(changes("bbbb", "reworded")));
    }

    @Test
    void oneChangedHashNamesExactlyThatResource() throws Exception {
        Plan reviewed = plan(changes("bbbb", ""));
        Plan fresh = plan(changes("bbbb-edited", ""));

        assertEquals(Set.of("seg_b"), SavedPlan.differing(reviewed, fresh));
        SavedPlanException stale =
                assertThrows(SavedPlanException.class, () -> SavedPlan.requireSame(saved(reviewed), fresh));
        assertEquals(1, stale.diagnostics().size());
        String shown = stale.diagnostics().get(0).format();
        assertTrue(shown.startsWith(Parameters.PLAN + ": error: the saved plan "), shown);
        assertTrue(
                shown.contains(
                        "no longer matches what the definitions declare (differs for seg_b); nothing was applied"),
                shown);
        assertTrue(shown.contains("run segments:plan again, review it, and apply that plan"), shown);
    }

    /** The review planned on a runner of its own: what the target holds decides the work, not whether it may be done. */
    @Test
    void actualStateThatDiffersFromTheReviewIsRepairedAndListed() throws Exception {
        Plan reviewed = plan(changes("bbbb", ""));
        Plan fresh = plan(List.of(
                change(ResourceKind.SEGMENT_TABLE, "seg_a", Action.UNCHANGED, "aaaa", ""),
                change(ResourceKind.SEGMENT_TABLE, "seg_b", Action.UPDATE, "bbbb", ""),
                change(ResourceKind.SEGMENT_TABLE, "seg_c", Action.REPAIR, "cccc", "drifted: rows changed outside"),
                change(ResourceKind.SEGMENT_TABLE, "seg_gone", Action.DELETE, null, "no longer defined"),
                change(ResourceKind.AUDIENCE, "cm_x", Action.CREATE, "xxxx", "")));

        SavedPlan.Review review = SavedPlan.requireSame(saved(reviewed), fresh);

        assertEquals(
                List.of("seg_c", "seg_gone"),
                review.beyondReview().stream().map(PlannedChange::name).toList());
        assertEquals(
                List.of("seg_a"),
                review.alreadyDone().stream().map(w -> w.name()).toList());
        String summary = ApplySummary.render("local", fresh.changes(), Optional.of(review));
        assertTrue(summary.contains("### The target differed from what the review saw"), summary);
        assertTrue(
                summary.contains("| `!` | segment table `seg_c` | repair drift | drifted: rows changed outside |"),
                summary);
        assertTrue(summary.contains("- create segment table `seg_a`"), summary);
    }

    @Test
    void aResourceTheTargetRefusesIsADifferenceInWhatCanBeApplied() throws Exception {
        Plan reviewed = plan(changes("bbbb", ""));
        List<Change> occupied = List.of(
                changes("bbbb", "").get(0),
                changes("bbbb", "").get(1),
                changes("bbbb", "").get(2),
                change(ResourceKind.AUDIENCE, "cm_x", Action.UNMANAGED, null, "exists without our marker"));

        assertThrows(SavedPlanException.class, () -> SavedPlan.requireSame(saved(reviewed), plan(occupied)));
    }

    @Test
    void workOnlyOneSideHasIsNamedToo() {
        Plan reviewed = plan(changes("bbbb", ""));
        List<Change> fewer = changes("bbbb", "").subList(0, 3);

        assertEquals(Set.of("cm_x"), SavedPlan.differing(reviewed, plan(fewer)));
        assertEquals(Set.of("cm_x"), SavedPlan.differing(plan(fewer), reviewed));
    }

    @Test
    void anUnreadableFileSaysWhichParameterToChange() throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "not a plan");

        SavedPlanException unreadable =
                assertThrows(SavedPlanException.class, () -> SavedPlan.requireSame(file, plan(changes("bbbb", ""))));
        String shown = unreadable.diagnostics().get(0).format();
        assertTrue(shown.startsWith(Parameters.PLAN + ": error: cannot read the saved plan "), shown);
        assertTrue(shown.contains("point -D" + Parameters.PLAN + " at a plan.json written by segments:plan"), shown);
        assertTrue(unreadable.getMessage().startsWith("apply failed with 1 error"), unreadable.getMessage());
    }
}

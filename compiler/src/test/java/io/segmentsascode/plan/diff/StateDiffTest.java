package io.segmentsascode.plan.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.plan.PlanAssembler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateDiffTest {

    private static ResourceId table(String name) {
        return new ResourceId(ResourceKind.SEGMENT_TABLE, name);
    }

    private static ResourceId audience(String name) {
        return new ResourceId(ResourceKind.AUDIENCE, name);
    }

    private static DesiredResource want(ResourceId id, String hash) {
        return new DesiredResource(id, hash, "");
    }

    private static List<String> actions(List<Change> changes) {
        return changes.stream()
                .map(c -> c.action() + " " + c.id().kind() + " " + c.id().name())
                .toList();
    }

    @Test
    void decidesEachActionFromIdentityAndHashes() {
        List<DesiredResource> desired = List.of(
                want(table("seg_new"), "h1"),
                want(table("seg_same"), "h2"),
                want(table("seg_changed"), "h3-new"),
                want(table("seg_edited_outside"), "h4"),
                want(table("seg_taken"), "h5"),
                want(audience("cmp_a"), "a1"));
        List<ActualResource> actual = List.of(
                ActualResource.managed(table("seg_same"), "h2"),
                ActualResource.managed(table("seg_changed"), "h3-old"),
                ActualResource.managed(table("seg_edited_outside"), "h4").drifted("table rows were modified"),
                ActualResource.unmanaged(table("seg_taken")),
                ActualResource.managed(table("seg_gone"), "h6"),
                ActualResource.unmanaged(table("seg_someone_elses")),
                ActualResource.managed(audience("cmp_a"), "a1"));

        List<Change> changes = StateDiff.plan(desired, actual, false);

        assertEquals(
                List.of(
                        "UPDATE SEGMENT_TABLE seg_changed",
                        "REPAIR SEGMENT_TABLE seg_edited_outside",
                        "KEEP SEGMENT_TABLE seg_gone",
                        "CREATE SEGMENT_TABLE seg_new",
                        "UNCHANGED SEGMENT_TABLE seg_same",
                        "UNMANAGED SEGMENT_TABLE seg_someone_elses",
                        "UNMANAGED SEGMENT_TABLE seg_taken",
                        "UNCHANGED AUDIENCE cmp_a"),
                actions(changes));
        Change update = changes.get(0);
        assertEquals(Optional.of("h3-old"), update.fromHash());
        assertEquals(Optional.of("h3-new"), update.toHash());
    }

    @Test
    void deletesOnlyWithPrune() {
        List<ActualResource> actual = List.of(ActualResource.managed(table("seg_gone"), "h"));
        assertEquals(List.of("KEEP SEGMENT_TABLE seg_gone"), actions(StateDiff.plan(List.of(), actual, false)));
        assertEquals(List.of("DELETE SEGMENT_TABLE seg_gone"), actions(StateDiff.plan(List.of(), actual, true)));
    }

    @Test
    void unmanagedResourcesAreNeverDeletedEvenWithPrune() {
        List<ActualResource> actual = List.of(ActualResource.unmanaged(table("seg_manual")));
        assertEquals(List.of("UNMANAGED SEGMENT_TABLE seg_manual"), actions(StateDiff.plan(List.of(), actual, true)));
    }

    @Test
    void anUnrecordedResourceIsCreatedOverWhileDesiredAndNeverDeletedOnceNot() {
        List<ActualResource> actual = List.of(
                ActualResource.unrecorded(audience("cmp_wanted"), "file exists without its marker"),
                ActualResource.unrecorded(audience("cmp_gone"), "file exists without its marker"));

        List<Change> changes = StateDiff.plan(List.of(want(audience("cmp_wanted"), "w1")), actual, true);

        assertEquals(List.of("UNMANAGED AUDIENCE cmp_gone", "CREATE AUDIENCE cmp_wanted"), actions(changes));
        assertEquals(
                "file exists without its marker; no longer defined, so never deleted: remove it by hand",
                changes.get(0).reason());
        assertEquals(
                "file exists without its marker; written again", changes.get(1).reason());
        assertEquals(Optional.empty(), changes.get(1).fromHash());
        assertEquals(Optional.of("w1"), changes.get(1).toHash());
    }

    @Test
    void updateOfADriftedResourceSaysSo() {
        Change change = StateDiff.plan(
                        List.of(want(table("seg_x"), "new")),
                        List.of(ActualResource.managed(table("seg_x"), "old").drifted("table was dropped")),
                        false)
                .get(0);
        assertEquals(Action.UPDATE, change.action());
        assertEquals("definition changed; also drifted: table was dropped", change.reason());
    }

    @Test
    void anOutdatedResourceOfTheSameDefinitionIsUpdatedSayingWhyAndDriftComesFirst() {
        ActualResource outdated = ActualResource.managed(audience("cmp_a"), "h").outdated("members: tables changed");

        Change update = StateDiff.plan(List.of(want(audience("cmp_a"), "h")), List.of(outdated), false)
                .get(0);
        Change repair = StateDiff.plan(
                        List.of(want(audience("cmp_a"), "h")), List.of(outdated.drifted("its list is gone")), false)
                .get(0);

        assertEquals(Action.UPDATE, update.action());
        assertEquals("members: tables changed", update.reason());
        assertEquals(Action.REPAIR, repair.action());
    }

    @Test
    void orderIsStableWhateverTheInputOrder() {
        List<DesiredResource> desired = new ArrayList<>();
        List<ActualResource> actual = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            desired.add(want(table("seg_t" + i), "h" + i));
            desired.add(want(audience("cmp_" + i), "a" + i));
            actual.add(ActualResource.managed(table("seg_t" + i), i % 3 == 0 ? "h" + i : "old"));
        }
        List<Change> first = StateDiff.plan(desired, actual, true);
        Collections.reverse(desired);
        Collections.shuffle(actual, new Random(7));
        assertEquals(first, StateDiff.plan(desired, actual, true));
    }

    @Test
    void aResourceReportedTwiceIsABug() {
        List<ActualResource> twice =
                List.of(ActualResource.unmanaged(table("a")), ActualResource.unmanaged(table("a")));
        assertThrows(IllegalArgumentException.class, () -> StateDiff.plan(List.of(), twice, false));
    }

    @Test
    void fingerprintCoversWhatApplyDoesAndNothingElse() {
        List<Change> plan = StateDiff.plan(
                List.of(want(table("seg_a"), "h1"), want(table("seg_b"), "h2")),
                List.of(ActualResource.managed(table("seg_b"), "h2")),
                false);
        List<Change> same = StateDiff.plan(
                List.of(want(table("seg_a"), "h1"), want(table("seg_b"), "h2")),
                List.of(ActualResource.managed(table("seg_b"), "h2")),
                true);
        List<Change> other = StateDiff.plan(
                List.of(want(table("seg_a"), "h1-changed"), want(table("seg_b"), "h2")),
                List.of(ActualResource.managed(table("seg_b"), "h2")),
                false);
        assertEquals(PlanAssembler.fingerprint("local", plan), PlanAssembler.fingerprint("local", same));
        assertNotEquals(PlanAssembler.fingerprint("local", plan), PlanAssembler.fingerprint("local", other));
    }
}

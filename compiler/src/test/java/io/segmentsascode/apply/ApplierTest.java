package io.segmentsascode.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.DesiredResource;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.diff.StateDiff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplierTest {

    @TempDir
    Path state;

    /** An in-memory target that can be told to fail at its n-th change. */
    static final class MemoryTarget implements Target {
        final Map<ResourceId, String> resources = new TreeMap<>();
        final List<String> calls = new ArrayList<>();
        int failAt = -1;

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public List<ActualResource> readState() {
            return resources.entrySet().stream()
                    .map(e -> ActualResource.managed(e.getKey(), e.getValue()))
                    .toList();
        }

        @Override
        public void apply(Change change) {
            if (calls.size() == failAt) {
                throw new IllegalStateException("injected failure");
            }
            calls.add(change.action() + " " + change.id().name());
            switch (change.action()) {
                case DELETE -> resources.remove(change.id());
                default -> resources.put(change.id(), change.toHash().orElseThrow());
            }
        }

        @Override
        public void close() {}
    }

    private static final List<DesiredResource> DESIRED = List.of(
            new DesiredResource(new ResourceId(ResourceKind.AUDIENCE, "cmp_a"), "a", ""),
            new DesiredResource(new ResourceId(ResourceKind.SEGMENT_TABLE, "seg_one"), "1", ""),
            new DesiredResource(new ResourceId(ResourceKind.SEGMENT_TABLE, "seg_two"), "2", ""),
            new DesiredResource(new ResourceId(ResourceKind.SEGMENT_TABLE, "seg_three"), "3", ""));

    private Applier applier(List<String> progress, List<String> notices) {
        return new Applier(
                state,
                Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC),
                Duration.ofMinutes(5),
                progress::add,
                notices::add);
    }

    private Applier applier() {
        return applier(new ArrayList<>(), new ArrayList<>());
    }

    @Test
    void tablesBeforeAudiencesAndASecondApplyHasNothingToDo() {
        MemoryTarget target = new MemoryTarget();
        List<Change> changes = StateDiff.plan(DESIRED, target.readState(), false);
        applier().apply("fp", changes, target);
        assertEquals(List.of("CREATE seg_one", "CREATE seg_three", "CREATE seg_two", "CREATE cmp_a"), target.calls);
        assertTrue(StateDiff.plan(DESIRED, target.readState(), false).stream()
                .noneMatch(c -> c.action().changesTarget()));
        assertFalse(Files.exists(state.resolve(Journal.FILE)), "journal removed after a complete apply");
        assertFalse(Files.exists(state.resolve(LeaseLock.FILE)), "lock released");
    }

    @Test
    void anInterruptedApplyLeavesAJournalAndTheNextOneFinishesWithoutDuplicates() {
        MemoryTarget target = new MemoryTarget();
        target.failAt = 2;
        List<Change> changes = StateDiff.plan(DESIRED, target.readState(), false);
        assertThrows(IllegalStateException.class, () -> applier().apply("fp", changes, target));
        assertTrue(Files.exists(state.resolve(Journal.FILE)));
        assertEquals(2, Journal.findInterrupted(state).orElseThrow().done().size());
        assertFalse(Files.exists(state.resolve(LeaseLock.FILE)), "a failing apply still releases its lock");

        target.failAt = -1;
        List<String> progress = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<Change> rest = StateDiff.plan(DESIRED, target.readState(), false);
        applier(progress, notices).apply("fp2", rest, target);
        assertTrue(
                notices.get(0).startsWith("resuming an interrupted apply: it had finished 2 of 4 changes"),
                notices.toString());
        assertEquals(
                List.of("apply 1/2: create segment table seg_two", "apply 2/2: create audience cmp_a"),
                progress,
                "a resumed apply is a notice (shown in CI too), not a progress line");
        assertEquals(
                List.of("CREATE seg_one", "CREATE seg_three", "CREATE seg_two", "CREATE cmp_a"),
                target.calls,
                "each resource created exactly once across both applies");
        assertEquals(4, target.resources.size());
        assertFalse(Files.exists(state.resolve(Journal.FILE)));
    }

    @Test
    void deletesAudiencesBeforeTables() {
        MemoryTarget target = new MemoryTarget();
        target.resources.put(new ResourceId(ResourceKind.SEGMENT_TABLE, "seg_old"), "x");
        target.resources.put(new ResourceId(ResourceKind.AUDIENCE, "cmp_old"), "y");
        applier().apply("fp", StateDiff.plan(List.of(), target.readState(), true), target);
        assertEquals(List.of("DELETE cmp_old", "DELETE seg_old"), target.calls);
    }
}

package io.segmentsascode.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PendingWorkTest {

    private static Change change(ResourceKind kind, String name, Action action, String to) {
        return new Change(new ResourceId(kind, name), action, Optional.of("before"), Optional.ofNullable(to), "why");
    }

    @Test
    void onlyChangesThatTouchTheTargetArePendingWork() {
        List<Change> changes = List.of(
                change(ResourceKind.SEGMENT_TABLE, "seg_a", Action.CREATE, "aaaa"),
                change(ResourceKind.SEGMENT_TABLE, "seg_same", Action.UNCHANGED, "cccc"),
                change(ResourceKind.AUDIENCE, "cm_kept", Action.KEEP, null),
                change(ResourceKind.SEGMENT_TABLE, "seg_theirs", Action.UNMANAGED, null),
                change(ResourceKind.SEGMENT_TABLE, "seg_old", Action.DELETE, null));

        assertEquals(
                List.of(
                        new PendingWork(Action.CREATE, ResourceKind.SEGMENT_TABLE, "seg_a", "aaaa"),
                        new PendingWork(Action.DELETE, ResourceKind.SEGMENT_TABLE, "seg_old", null)),
                PendingWork.of(changes.stream().map(PlannedChange::of).toList()));
    }

    /**
     * The value saved plans carry: sha256 of "local\nCREATE SEGMENT_TABLE seg_a aaaa\nUPDATE AUDIENCE
     * cm_b bbbb\nDELETE SEGMENT_TABLE seg_old -". A new value would make every saved plan stale.
     */
    @Test
    void fingerprintKeepsTheTextItHashes() {
        List<Change> changes = List.of(
                change(ResourceKind.SEGMENT_TABLE, "seg_a", Action.CREATE, "aaaa"),
                change(ResourceKind.SEGMENT_TABLE, "seg_same", Action.UNCHANGED, "cccc"),
                change(ResourceKind.AUDIENCE, "cm_b", Action.UPDATE, "bbbb"),
                change(ResourceKind.SEGMENT_TABLE, "seg_old", Action.DELETE, null));

        assertEquals(
                "60ac014e76b28833775f2b8680687656fd6642a9aea957c23270c99d7a811972",
                PlanAssembler.fingerprint("local", changes));
    }
}

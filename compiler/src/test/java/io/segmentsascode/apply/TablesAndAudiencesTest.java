package io.segmentsascode.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warehouse target and the audience destination as the one target the applier sees. */
class TablesAndAudiencesTest {

    @TempDir
    Path state;

    /** Everything both sides are asked, in order, with the side's name. */
    private final List<String> calls = new ArrayList<>();

    private final class RecordingTables implements WarehouseTarget {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public List<ActualResource> readState() {
            return List.of(
                    ActualResource.managed(table("seg_kept"), "k"), ActualResource.unmanaged(table("seg_by_hand")));
        }

        @Override
        public void apply(Change change) {
            calls.add("tables " + change.action() + " " + change.id().name());
        }

        @Override
        public MemberSource members() {
            return (segments, identity) -> List.of();
        }

        @Override
        public MarkerStore audienceMarkers() {
            return null;
        }

        @Override
        public void close() {
            calls.add("tables closed");
        }
    }

    private final class RecordingAudiences implements AudienceDestination {
        @Override
        public String name() {
            return "files";
        }

        @Override
        public List<ActualResource> readState() {
            return List.of(ActualResource.managed(audience("cmp_kept"), "c"));
        }

        @Override
        public void apply(Change change) {
            calls.add("audiences " + change.action() + " " + change.id().name());
        }

        @Override
        public void close() {
            calls.add("audiences closed");
        }
    }

    private final TablesAndAudiences target = new TablesAndAudiences(new RecordingTables(), new RecordingAudiences());

    private static ResourceId table(String name) {
        return new ResourceId(ResourceKind.SEGMENT_TABLE, name);
    }

    private static ResourceId audience(String name) {
        return new ResourceId(ResourceKind.AUDIENCE, name);
    }

    private static Change change(ResourceId id, Action action) {
        return new Change(
                id, action, Optional.empty(), action == Action.DELETE ? Optional.empty() : Optional.of("h"), "");
    }

    @Test
    void eachChangeGoesToTheSideHoldingItsKind() {
        target.apply(change(table("seg_a"), Action.CREATE));
        target.apply(change(audience("cmp_a"), Action.UPDATE));
        target.apply(change(table("seg_b"), Action.DELETE));

        assertEquals(List.of("tables CREATE seg_a", "audiences UPDATE cmp_a", "tables DELETE seg_b"), calls);
    }

    @Test
    void theStateIsBothSidesResources() {
        assertEquals(
                List.of(table("seg_kept"), table("seg_by_hand"), audience("cmp_kept")),
                target.readState().stream().map(ActualResource::id).toList());
    }

    @Test
    void theTargetIsNamedByTheWarehouseSide() {
        assertEquals("local", target.name());
    }

    @Test
    void theApplierCreatesTablesBeforeAudiencesAndDeletesAudiencesFirst() {
        List<Change> changes = List.of(
                change(audience("cmp_a"), Action.CREATE),
                change(table("seg_z"), Action.DELETE),
                change(audience("cmp_gone"), Action.DELETE),
                change(table("seg_b"), Action.UPDATE),
                change(table("seg_a"), Action.CREATE));

        new Applier(state, Clock.systemUTC(), Duration.ofMinutes(5), line -> {}, line -> {})
                .apply("test", changes, target);

        assertEquals(
                List.of(
                        "tables CREATE seg_a",
                        "tables UPDATE seg_b",
                        "audiences CREATE cmp_a",
                        "audiences DELETE cmp_gone",
                        "tables DELETE seg_z"),
                calls);
    }

    @Test
    void theAudienceSideClosesFirstWhileItsTablesAreStillThere() {
        target.close();

        assertEquals(List.of("audiences closed", "tables closed"), calls);
    }
}

package io.segmentsascode.apply.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.ActualResource;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files destination on its own: members and markers from memory, files in a temporary folder. */
class AudienceFilesTest {

    private static ResolvedProject project;
    private static Campaign campaign;

    @TempDir
    Path folder;

    /** What the destination asked the warehouse for. */
    private final List<List<String>> asked = new ArrayList<>();

    /** Markers in memory; notes whether the audience's file existed when each was recorded or forgotten. */
    private final class MemoryMarkers implements MarkerStore {
        final Map<ResourceId, Marker> markers = new TreeMap<>();
        final List<String> events = new ArrayList<>();
        boolean failNextRecord;

        @Override
        public Map<ResourceId, Marker> read(ResourceKind kind) {
            Map<ResourceId, Marker> ofKind = new TreeMap<>();
            markers.forEach((id, marker) -> {
                if (id.kind() == kind) {
                    ofKind.put(id, marker);
                }
            });
            return ofKind;
        }

        @Override
        public void record(ResourceId id, Marker marker) {
            if (failNextRecord) {
                throw new IllegalStateException("the marker store is down");
            }
            events.add(
                    "record " + id.name() + (Files.exists(files.file(id.name())) ? " after" : " before") + " the file");
            markers.put(id, marker);
        }

        @Override
        public void forget(ResourceId id) {
            events.add(
                    "forget " + id.name() + (Files.exists(files.file(id.name())) ? " before" : " after") + " the file");
            markers.remove(id);
        }
    }

    private final MemoryMarkers markers = new MemoryMarkers();
    private final MemberSource members = (segments, identity) -> {
        asked.add(segments);
        return List.of(
                new ContactRecord("u1", "Someone@Example.com", "+49 151 1234 5678", true, true, false),
                new ContactRecord("u2", "other@example.com", null, true, true, false));
    };
    private AudienceFiles files;

    @BeforeAll
    static void bundledProject() {
        project = new Stages().check(Path.of("..", "segments"), Path.of("..", "campaigns"));
        campaign = project.campaigns().get(0);
    }

    private AudienceFiles files() {
        files = new AudienceFiles(
                folder.resolve(AudienceFiles.FOLDER), project, members, markers, IdentifierHasher.forRegion("DE"));
        return files;
    }

    private static Change change(Action action, String name) {
        return new Change(
                new ResourceId(ResourceKind.AUDIENCE, name),
                action,
                Optional.empty(),
                action == Action.DELETE ? Optional.empty() : Optional.of("spec-1"),
                "");
    }

    private static Map<String, ActualResource> byName(List<ActualResource> state) {
        Map<String, ActualResource> named = new TreeMap<>();
        state.forEach(resource -> named.put(resource.id().name(), resource));
        return named;
    }

    @Test
    void aCreatedAudienceIsAFileOfHashesWrittenAfterItsMarker() throws Exception {
        AudienceFiles destination = files();
        destination.apply(change(Action.CREATE, campaign.id()));

        String csv = Files.readString(destination.file(campaign.id()));
        List<String> lines = csv.lines().toList();
        assertEquals("Email,Phone", lines.get(0));
        assertEquals(3, lines.size(), csv);
        assertTrue(lines.subList(1, 3).stream().allMatch(l -> l.matches("([0-9a-f]{64})?,([0-9a-f]{64})?")), csv);
        assertEquals(List.of(campaign.segments()), asked, "members of the mapping's segments, asked once");
        assertEquals(List.of("record " + campaign.id() + " before the file"), markers.events);
        assertEquals(
                new MarkerStore.Marker("spec-1", Sha256.hex(csv)),
                markers.markers.get(new ResourceId(ResourceKind.AUDIENCE, campaign.id())));

        ActualResource applied = byName(destination.readState()).get(campaign.id());
        assertEquals(ActualResource.managed(applied.id(), "spec-1"), applied);
    }

    @Test
    void noFileIsWrittenWhenItsMarkerCannotBeRecorded() {
        AudienceFiles destination = files();
        markers.failNextRecord = true;

        assertThrows(IllegalStateException.class, () -> destination.apply(change(Action.CREATE, campaign.id())));
        assertFalse(Files.exists(destination.file(campaign.id())));
    }

    @Test
    void aMissingOrEditedFileIsDrift() throws Exception {
        AudienceFiles destination = files();
        destination.apply(change(Action.CREATE, campaign.id()));

        Files.writeString(destination.file(campaign.id()), "Email,Phone\n");
        assertEquals(
                Optional.of("file content changed (edited, or an apply stopped before writing it)"),
                byName(destination.readState()).get(campaign.id()).drift());

        Files.delete(destination.file(campaign.id()));
        assertEquals(
                Optional.of("file is missing (deleted, or an apply stopped before writing it)"),
                byName(destination.readState()).get(campaign.id()).drift());
    }

    @Test
    void aFileWithoutItsMarkerIsOursButUnrecorded() throws Exception {
        AudienceFiles destination = files();
        Files.createDirectories(folder.resolve(AudienceFiles.FOLDER));
        Files.writeString(destination.file("cmp_left_behind"), "Email,Phone\n");
        Files.writeString(folder.resolve(AudienceFiles.FOLDER).resolve("notes.txt"), "not an audience");

        List<ActualResource> state = destination.readState();
        assertEquals(1, state.size(), state.toString());
        assertTrue(state.get(0).unrecorded());
        assertEquals(
                Optional.of("file exists without its marker (an apply stopped between writing it and recording it)"),
                state.get(0).drift());
    }

    @Test
    void aDeletedAudienceLosesItsFileBeforeItsMarker() {
        AudienceFiles destination = files();
        destination.apply(change(Action.CREATE, campaign.id()));
        destination.apply(change(Action.DELETE, campaign.id()));

        assertEquals(
                List.of("record " + campaign.id() + " before the file", "forget " + campaign.id() + " after the file"),
                markers.events);
        assertFalse(Files.exists(destination.file(campaign.id())));
        assertEquals(List.of(), destination.readState());
    }
}

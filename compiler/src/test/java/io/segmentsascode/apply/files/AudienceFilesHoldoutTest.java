package io.segmentsascode.apply.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.HoldoutSplit;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mapping with a holdout: its control group never reaches the upload file and is written for the comparison. */
class AudienceFilesHoldoutTest {

    @TempDir
    Path state;

    @Test
    void theControlGroupIsLeftOutOfTheUploadAndWrittenWithItsGroup() throws Exception {
        ResolvedProject project = new Stages().check(Path.of("..", "segments"), Path.of("..", "campaigns"));
        Campaign withHoldout = project.campaigns().stream()
                .filter(c -> c.holdout().isPresent())
                .findFirst()
                .orElseThrow();
        List<String> ids = IntStream.range(0, 300).mapToObj(i -> "u" + i).toList();
        MemberSource members = (segments, identity) -> ids.stream()
                .map(id -> new ContactRecord(id, id + "@example.com", null, true, true, false))
                .toList();
        MarkerStore markers = new MarkerStore() {
            @Override
            public Map<ResourceId, Marker> read(ResourceKind kind) {
                return Map.of();
            }

            @Override
            public void record(ResourceId id, Marker marker) {}

            @Override
            public void forget(ResourceId id) {}
        };
        AudienceFiles files = new AudienceFiles(
                state.resolve(AudienceFiles.FOLDER), project, members, markers, IdentifierHasher.forRegion("US"));

        files.apply(new Change(
                new ResourceId(ResourceKind.AUDIENCE, withHoldout.id()),
                Action.CREATE,
                Optional.empty(),
                Optional.of("spec"),
                ""));

        List<String> control = ids.stream()
                .filter(id -> HoldoutSplit.inControl(withHoldout.holdout().orElseThrow(), id))
                .toList();
        List<String> upload = Files.readAllLines(files.file(withHoldout.id()));
        List<String> groups = Files.readAllLines(files.holdoutFile(withHoldout.id()));
        assertEquals(ids.size() - control.size(), upload.size() - 1, "one upload row per treated member");
        assertEquals(ids.size(), groups.size() - 1);
        assertEquals(
                control,
                groups.stream()
                        .filter(line -> line.endsWith(",control"))
                        .map(line -> line.substring(0, line.indexOf(',')))
                        .toList());
    }
}

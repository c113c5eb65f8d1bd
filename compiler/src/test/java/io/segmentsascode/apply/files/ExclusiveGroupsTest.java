package io.segmentsascode.apply.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.apply.MarkerStore;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.plan.diff.Action;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.ResourceId;
import io.segmentsascode.plan.diff.ResourceKind;
import io.segmentsascode.plan.impact.ImpactAnalyzer;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.SegmentPreview;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.resolve.ResolveException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutually exclusive audiences: three mappings of one {@code exclusive_group} over overlapping
 * segments. In the upload files no user is in two audiences of the group, the highest priority
 * keeps all its members, a mapping outside the group is untouched, and the sample figures count
 * exactly the users each mapping leaves to a higher one.
 *
 * <p>Members by segment: champions u0–u59, loyal u40–u119, at_risk u100–u159. Priorities:
 * champions 3 (keeps 60), loyal 2 (keeps u60–u119: 60, moves 20), at_risk 1 (keeps u120–u159: 40,
 * moves 20). The mapping outside the group maps loyal too and keeps all 80.
 */
class ExclusiveGroupsTest {

    @TempDir
    Path dir;

    private ResolvedProject project;
    private final Map<String, List<String>> members = new TreeMap<>();

    @BeforeEach
    void project() throws IOException {
        Path segments = Files.createDirectories(dir.resolve("segments"));
        Path campaigns = Files.createDirectories(dir.resolve("campaigns"));
        for (String file :
                List.of("warehouse.yaml", "seg_rfm_champions.yaml", "seg_rfm_loyal.yaml", "seg_rfm_at_risk.yaml")) {
            Files.copy(Path.of("..", "segments", file), segments.resolve(file));
        }
        campaign(campaigns, "cmp_vip", "seg_rfm_champions", "exclusive_group: {name: retention, priority: 3}");
        campaign(campaigns, "cmp_loyal", "seg_rfm_loyal", "exclusive_group: {name: retention, priority: 2}");
        campaign(campaigns, "cmp_winback", "seg_rfm_at_risk", "exclusive_group: {name: retention, priority: 1}");
        campaign(campaigns, "cmp_newsletter", "seg_rfm_loyal", "");
        project = new Stages().check(segments, campaigns);
        members.put("seg_rfm_champions", users(0, 60));
        members.put("seg_rfm_loyal", users(40, 120));
        members.put("seg_rfm_at_risk", users(100, 160));
    }

    private static List<String> users(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "u" + i).toList();
    }

    private static void campaign(Path campaigns, String id, String segment, String exclusive) throws IOException {
        Files.writeString(campaigns.resolve(id + ".yaml"), """
                # yaml-language-server: $schema=../schemas/campaign-v1.json
                id: %s
                description: exclusive audiences
                owner: qa@example.com
                segments: [%s]
                google_ads: {customer_id: "123-456-7890", membership_days: 30}
                stage: production
                %s
                """.formatted(id, segment, exclusive));
    }

    @Test
    void noUserIsInTwoAudiencesOfTheGroup() throws IOException {
        MemberSource source = (segmentIds, identity) -> segmentIds.stream()
                .flatMap(s -> members.get(s).stream())
                .distinct()
                .sorted()
                .map(id -> new ContactRecord(id, id + "@example.com", null, true, true, false))
                .toList();
        AudienceFiles files = new AudienceFiles(
                dir.resolve("state").resolve(AudienceFiles.FOLDER),
                project,
                source,
                new NoMarkers(),
                IdentifierHasher.forRegion("US"));
        Map<String, Set<String>> uploaded = new TreeMap<>();
        for (String campaign : List.of("cmp_vip", "cmp_loyal", "cmp_winback", "cmp_newsletter")) {
            files.apply(new Change(
                    new ResourceId(ResourceKind.AUDIENCE, campaign),
                    Action.CREATE,
                    Optional.empty(),
                    Optional.of("h"),
                    ""));
            List<String> rows = Files.readAllLines(files.file(campaign));
            uploaded.put(campaign, new TreeSet<>(rows.subList(1, rows.size())));
        }

        Set<String> seen = new HashSet<>();
        for (String campaign : List.of("cmp_vip", "cmp_loyal", "cmp_winback")) {
            for (String row : uploaded.get(campaign)) {
                assertTrue(seen.add(row), "a user is in two audiences of the group: " + campaign);
            }
        }
        assertEquals(60, uploaded.get("cmp_vip").size(), "the highest priority keeps every member");
        assertEquals(60, uploaded.get("cmp_loyal").size());
        assertEquals(40, uploaded.get("cmp_winback").size());
        assertEquals(80, uploaded.get("cmp_newsletter").size(), "a mapping outside the group is untouched");
    }

    @Test
    void sampleFiguresCountTheMembersMovedToAHigherPriority() {
        List<RenderedSegment> rendered = new ArrayList<>();
        members.keySet()
                .forEach(id -> rendered.add(new RenderedSegment(
                        id, "fake", "-- " + id, List.of(new OutputColumn("user_id", ColumnType.STRING)))));
        ImpactAnalyzer.Impact impact = new ImpactAnalyzer(new ListedMembers(), Instant.EPOCH, 0.9, line -> {})
                .analyze(project, rendered, List.of(), dir.resolve("state"));

        assertEquals(Map.of("cmp_loyal", 20L, "cmp_winback", 20L), impact.movedToHigherPriority());
        assertEquals(
                Map.of("cmp_vip", 60L, "cmp_loyal", 60L, "cmp_winback", 40L, "cmp_newsletter", 80L),
                impact.audienceMembers());
    }

    @Test
    void twoMappingsOfAGroupWithOnePriorityAreAnError() throws IOException {
        Path campaigns = dir.resolve("campaigns");
        campaign(campaigns, "cmp_tie", "seg_rfm_loyal", "exclusive_group: {name: retention, priority: 2}");

        ResolveException failure =
                assertThrows(ResolveException.class, () -> new Stages().check(dir.resolve("segments"), campaigns));

        List<String> errors =
                failure.diagnostics().stream().map(Diagnostic::format).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(
                errors.get(0)
                        .endsWith(
                                "cmp_tie.yaml:8:46: error: exclusive group 'retention': cmp_tie and cmp_loyal both have"
                                        + " priority 2 (give each mapping of the group its own priority (higher wins))"),
                errors.get(0));
    }

    /** A preview engine whose segments have the members listed above. */
    private final class ListedMembers implements PreviewEngine {
        @Override
        public String dialect() {
            return "fake";
        }

        @Override
        public Instant latestDataTime() {
            return Instant.EPOCH;
        }

        @Override
        public Optional<TimeRange> dataTimeRange() {
            return Optional.empty();
        }

        @Override
        public SegmentPreview run(RenderedSegment segment, Instant runTime) {
            return new SegmentPreview(
                    segment.segmentId(), members.get(segment.segmentId()).size(), Map.of(), Duration.ZERO);
        }

        @Override
        public List<String> members(RenderedSegment segment, Instant runTime) {
            return members.get(segment.segmentId());
        }

        @Override
        public List<List<Object>> read(String purpose, String query, Instant runTime) {
            return List.of();
        }

        @Override
        public String dataFingerprint() {
            return "listed";
        }

        @Override
        public String dataLabel() {
            return "listed members";
        }

        @Override
        public void close() {}
    }

    private static final class NoMarkers implements MarkerStore {
        @Override
        public Map<ResourceId, Marker> read(ResourceKind kind) {
            return Map.of();
        }

        @Override
        public void record(ResourceId id, Marker marker) {}

        @Override
        public void forget(ResourceId id) {}
    }
}

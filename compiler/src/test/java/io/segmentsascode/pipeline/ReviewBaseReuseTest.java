package io.segmentsascode.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A review compiles only what changed in its base revision: the base's unchanged structured
 * segments take the working tree's SQL. What it gives must be exactly what compiling the whole
 * base gives, and nothing is reused once warehouse.yaml or a segment's definition differs.
 */
class ReviewBaseReuseTest {

    private static final String CHANGED = "seg_rfm_at_risk_high_value";

    @TempDir
    Path temp;

    private final Stages stages = new Stages();
    private Path head;
    private Path base;

    @BeforeEach
    void twoRevisions() throws IOException {
        head = structuredCopy(temp.resolve("head"));
        base = structuredCopy(temp.resolve("base"));
        Path changed = head.resolve("segments/" + CHANGED + ".yaml");
        String text = Files.readString(changed);
        assertTrue(text.contains("where: m >= 4"), text);
        Files.writeString(changed, text.replace("where: m >= 4", "where: m >= 5"));
    }

    @Test
    void theBaseCompiledFromWhatChangedEqualsTheWholeBaseCompiled() {
        GuardedBuild build = build(head);
        ResolvedProject headProject = check(head);
        CompiledProject headCompiled = compile(build, headProject, head);
        ResolvedProject baseProject = check(base);
        Set<String> unchanged = PlanGoal.unchangedSegments(baseProject, headProject, true);

        GuardedBuild.BaseSql reused = build.compileBase(
                baseProject, base.resolve("segments.lock"), headCompiled, build.engineSql(headCompiled), unchanged);

        CompiledProject whole = compile(build, baseProject, base);
        assertEquals(whole.bigquery(), reused.bigquery());
        assertEquals(build.engineSql(whole).previewable(), reused.previewable());
        assertFalse(headCompiled.bigquery().equals(whole.bigquery()), "the change shows in the SQL");
    }

    @Test
    void aSegmentThatNamesAChangedSegmentIsCompiledAgainThoughItsOwnDefinitionIsTheSame() throws IOException {
        String named = "seg_rfm_champions_search_high";
        String naming = "seg_rfm_champions_not_search";
        Path changed = head.resolve("segments/" + named + ".yaml");
        String text = Files.readString(changed);
        assertTrue(text.contains("paid_search_share >= 0.5"), text);
        Files.writeString(changed, text.replace("paid_search_share >= 0.5", "paid_search_share >= 0.6"));
        assertTrue(
                Files.readString(head.resolve("segments/" + naming + ".yaml")).contains("in_segment('" + named + "')"));

        GuardedBuild build = build(head);
        ResolvedProject headProject = check(head);
        CompiledProject headCompiled = compile(build, headProject, head);
        ResolvedProject baseProject = check(base);
        Set<String> unchanged = PlanGoal.unchangedSegments(baseProject, headProject, true);
        assertFalse(unchanged.contains(named));
        assertFalse(unchanged.contains(naming), "its SQL nests the changed segment's");

        GuardedBuild.BaseSql reused = build.compileBase(
                baseProject, base.resolve("segments.lock"), headCompiled, build.engineSql(headCompiled), unchanged);
        CompiledProject whole = compile(build, baseProject, base);
        assertEquals(whole.bigquery(), reused.bigquery());
        assertEquals(
                whole.generated().stream().map(GeneratedSegment::query).toList(),
                reused.generated().stream().map(GeneratedSegment::query).toList(),
                "the IR the base's refresh scripts are built from, for cost before the change");
    }

    @Test
    void onlyUnchangedStructuredDefinitionsAreReusedAndNoneWhenTheWarehouseChanged() {
        ResolvedProject headProject = check(head);
        ResolvedProject baseProject = check(base);
        Set<String> all =
                new TreeSet<>(baseProject.segments().stream().map(Segment::id).toList());
        Set<String> expected = new TreeSet<>(all);
        expected.remove(CHANGED);

        assertEquals(expected, PlanGoal.unchangedSegments(baseProject, headProject, true));
        assertEquals(Set.of(), PlanGoal.unchangedSegments(baseProject, headProject, false));
        assertTrue(all.size() > 5, all.toString());
    }

    @Test
    void segmentsWithHandWrittenOrPinnedSqlAreNeverReused() {
        ResolvedProject bundled = stages.check(PinnedCompile.BUNDLED_SEGMENTS, PinnedCompile.BUNDLED_CAMPAIGNS);
        List<String> handWritten = bundled.segments().stream()
                .filter(s -> !s.definition().isStructured())
                .map(Segment::id)
                .toList();
        assertFalse(handWritten.isEmpty());

        Set<String> unchanged = PlanGoal.unchangedSegments(bundled, bundled, true);

        handWritten.forEach(id -> assertFalse(unchanged.contains(id), id));
        assertEquals(bundled.segments().size() - handWritten.size(), unchanged.size());
    }

    private ResolvedProject check(Path project) {
        return stages.check(project.resolve("segments"), project.resolve("campaigns"));
    }

    private static CompiledProject compile(GuardedBuild build, ResolvedProject project, Path dir) {
        return build.compile(project, dir.resolve("segments.lock"), false, dir.resolve("target"));
    }

    private GuardedBuild build(Path project) {
        SegmentsSettings settings =
                new SettingsResolver(Map.of(), Map.of()).resolve(project, project.resolve("target/segments"));
        Connectors connectors = new Connectors(null, null, null, null, null, null, (dir, state, limit) -> List.of());
        return new GuardedBuild(stages, connectors, settings, Console.silent());
    }

    /** The bundled warehouse and its rfm and rules segments (no lock needed), no campaigns. */
    private static Path structuredCopy(Path project) throws IOException {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.createDirectories(project.resolve("campaigns"));
        try (Stream<Path> files = Files.list(PinnedCompile.BUNDLED_SEGMENTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                String text = Files.readString(file);
                if (file.getFileName().toString().equals("warehouse.yaml")
                        || text.contains("\nrfm:")
                        || text.contains("\nrules:")) {
                    Files.writeString(segments.resolve(file.getFileName()), text);
                }
            }
        }
        return project;
    }
}

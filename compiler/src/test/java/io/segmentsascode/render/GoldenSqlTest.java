package io.segmentsascode.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Snapshot of the BigQuery SQL of every bundled segment. A change to the generator shows up here
 * as a reviewable diff; after an intended change, refresh with
 * {@code mvn test -pl compiler -Dtest=GoldenSqlTest -Dgolden.update=true}.
 */
class GoldenSqlTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "bigquery");

    @TestFactory
    Stream<DynamicTest> bigQuerySqlMatchesGoldenFiles() throws IOException {
        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(Path.of("..", "segments"), Path.of("..", "campaigns"));
        List<RenderedSegment> rendered = compiler.render(
                project,
                PinnedCompile.generate(
                        compiler, project, PinnedCompile.BUNDLED_LOCK, Files.createTempDirectory("golden")),
                new BigQueryDialect());
        boolean update = Boolean.parseBoolean(System.getProperty("golden.update", "false"));
        if (update) {
            Files.createDirectories(GOLDEN);
            for (RenderedSegment segment : rendered) {
                Files.writeString(GOLDEN.resolve(segment.segmentId() + ".sql"), segment.sql(), StandardCharsets.UTF_8);
            }
        }
        Set<String> goldenIds;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            goldenIds = files.map(p -> p.getFileName().toString().replace(".sql", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> renderedIds =
                rendered.stream().map(RenderedSegment::segmentId).collect(Collectors.toCollection(TreeSet::new));
        Stream<DynamicTest> sameSet = Stream.of(DynamicTest.dynamicTest(
                "one golden file per bundled segment", () -> assertEquals(goldenIds, renderedIds)));
        Stream<DynamicTest> perSegment = rendered.stream()
                .map(segment -> DynamicTest.dynamicTest(segment.segmentId(), () -> {
                    Path golden = GOLDEN.resolve(segment.segmentId() + ".sql");
                    assertTrue(
                            Files.exists(golden), "missing golden file " + golden + "; run with -Dgolden.update=true");
                    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), segment.sql());
                }));
        return Stream.concat(sameSet, perSegment);
    }
}

package io.segmentsascode.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.RenderedSegment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** target/segments/bigquery holds exactly one current file per segment, and unchanged files are not touched. */
class SqlFilesTest {

    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path temp;

    private ResolvedProject project;
    private List<RenderedSegment> rendered;
    private Path dir;

    @BeforeEach
    void compileTheBundledSegments() {
        Stages compiler = new Stages();
        project = compiler.check(BundledProjectTest.SEGMENTS, BundledProjectTest.CAMPAIGNS);
        rendered = compiler.render(
                project,
                PinnedCompile.generate(compiler, project, PinnedCompile.BUNDLED_LOCK, temp),
                new BigQueryDialect());
        dir = temp.resolve("bigquery");
    }

    @Test
    void aCleanDirectoryGetsOneFilePerSegmentWithHeaderAndSql() throws IOException {
        SqlFiles.write(dir, project, rendered, List.of());

        assertEquals(rendered.stream().map(r -> r.segmentId() + ".sql").sorted().toList(), names());
        RenderedSegment first = rendered.get(0);
        String text = Files.readString(dir.resolve(first.segmentId() + ".sql"));
        assertEquals(SqlFiles.header(project.segment(first.segmentId()).orElseThrow()) + first.sql(), text);
    }

    @Test
    void aSecondWriteLeavesUnchangedFilesAloneRepairsEditedOnesAndRemovesStaleOnes() throws IOException {
        SqlFiles.write(dir, project, rendered, List.of());
        Path untouched = dir.resolve(rendered.get(0).segmentId() + ".sql");
        Path edited = dir.resolve(rendered.get(1).segmentId() + ".sql");
        String expected = Files.readString(edited);
        Files.setLastModifiedTime(untouched, LONG_AGO);
        Files.writeString(edited, "-- edited by hand\n");
        Files.setLastModifiedTime(edited, LONG_AGO);
        Path deletedSegment = dir.resolve("seg_rfm_removed_since.sql");
        Files.writeString(deletedSegment, "SELECT 1");

        SqlFiles.write(dir, project, rendered, List.of());

        assertEquals(LONG_AGO, Files.getLastModifiedTime(untouched), "same bytes: not rewritten");
        assertEquals(expected, Files.readString(edited));
        assertNotEquals(LONG_AGO, Files.getLastModifiedTime(edited));
        assertFalse(Files.exists(deletedSegment), "SQL of a segment that no longer exists must not linger");
        assertEquals(rendered.size(), names().size());
    }

    @Test
    void aDirectoryInTheWayOfAFileIsReported() throws IOException {
        Files.createDirectories(dir.resolve(rendered.get(0).segmentId() + ".sql"));

        RuntimeException failure =
                assertThrows(RuntimeException.class, () -> SqlFiles.write(dir, project, rendered, List.of()));

        assertTrue(failure.getMessage().contains("cannot write SQL files to " + dir), failure.getMessage());
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}

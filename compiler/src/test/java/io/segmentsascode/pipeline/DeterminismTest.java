package io.segmentsascode.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.Dialect;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same files give the same SQL, byte for byte, whatever the run and whatever order the files were made in. */
class DeterminismTest {

    static final Path SEGMENTS = BundledProjectTest.SEGMENTS;
    static final Path CAMPAIGNS = BundledProjectTest.CAMPAIGNS;

    /** Segment id → SQL, in the order the compiler returned them. */
    static Map<String, String> compile(Path segments, Path campaigns, Dialect dialect) {
        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(segments, campaigns);
        Map<String, String> sql = new LinkedHashMap<>();
        List<GeneratedSegment> generated;
        try {
            generated = PinnedCompile.generate(
                    compiler, project, PinnedCompile.BUNDLED_LOCK, Files.createTempDirectory("state"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (dialect instanceof DuckDbDialect) {
            // hand-written SQL needs the translator of the DuckDB connector; its determinism is tested there
            generated = generated.stream()
                    .filter(g -> g.segment().definition() instanceof SegmentDefinition.Rfm
                            || g.segment().definition() instanceof SegmentDefinition.Rules)
                    .toList();
        }
        for (RenderedSegment rendered : compiler.render(project, generated, dialect)) {
            sql.put(rendered.segmentId(), rendered.sql());
        }
        return sql;
    }

    @Test
    void compilingTwiceGivesIdenticalSql() {
        for (Dialect dialect : List.of(new BigQueryDialect(), new DuckDbDialect())) {
            Map<String, String> first = compile(SEGMENTS, CAMPAIGNS, dialect);
            Map<String, String> second = compile(SEGMENTS, CAMPAIGNS, dialect);
            assertTrue(first.size() >= 7, "bundled segments: " + first.keySet());
            assertEquals(List.copyOf(first.keySet()), List.copyOf(second.keySet()), "same segments in the same order");
            first.forEach((id, sql) -> assertEquals(sql, second.get(id), dialect.name() + " " + id));
        }
    }

    @Test
    void filesCreatedInReverseOrderGiveIdenticalSql(@TempDir Path dir) {
        Path segments = copyInReverseOrder(SEGMENTS, dir.resolve("segments"));
        Path campaigns = copyInReverseOrder(CAMPAIGNS, dir.resolve("campaigns"));
        for (Dialect dialect : List.of(new BigQueryDialect(), new DuckDbDialect())) {
            Map<String, String> original = compile(SEGMENTS, CAMPAIGNS, dialect);
            Map<String, String> reversed = compile(segments, campaigns, dialect);
            assertEquals(List.copyOf(original.keySet()), List.copyOf(reversed.keySet()), "segments are ordered by id");
            original.forEach((id, sql) -> assertEquals(sql, reversed.get(id), dialect.name() + " " + id));
        }
        ResolvedProject a = new Stages().check(SEGMENTS, CAMPAIGNS);
        ResolvedProject b = new Stages().check(segments, campaigns);
        assertEquals(
                a.segments().stream().map(Segment::specHash).toList(),
                b.segments().stream().map(Segment::specHash).toList(),
                "spec hashes do not depend on where or when the files were made");
        assertEquals(a.warehouse().contentHash(), b.warehouse().contentHash());
    }

    @Test
    void writtenSqlFilesAreByteIdentical(@TempDir Path dir) throws IOException {
        Path segments = copyInReverseOrder(SEGMENTS, dir.resolve("copy/segments"));
        Path campaigns = copyInReverseOrder(CAMPAIGNS, dir.resolve("copy/campaigns"));
        CompiledProject first = job(SEGMENTS, CAMPAIGNS, dir.resolve("out1")).compile();
        CompiledProject second = job(segments, campaigns, dir.resolve("out2")).compile();

        List<String> names = fileNames(first.sqlDir());
        assertEquals(
                first.bigquery().size() + first.refreshScripts().size(),
                names.size(),
                "one file per segment and per refresh cadence: " + names);
        assertTrue(names.contains("_refresh_daily.sql"), "the daily refresh script is written: " + names);
        assertEquals(names, fileNames(second.sqlDir()));
        for (String name : names) {
            assertArrayEquals(
                    Files.readAllBytes(first.sqlDir().resolve(name)),
                    Files.readAllBytes(second.sqlDir().resolve(name)),
                    name);
        }
        // and a second compile into the same folder changes nothing
        Map<String, byte[]> before = new LinkedHashMap<>();
        for (String name : names) {
            before.put(name, Files.readAllBytes(first.sqlDir().resolve(name)));
        }
        job(SEGMENTS, CAMPAIGNS, dir.resolve("out1")).compile();
        assertEquals(names, fileNames(first.sqlDir()));
        for (String name : names) {
            assertArrayEquals(
                    before.get(name), Files.readAllBytes(first.sqlDir().resolve(name)), name);
        }
    }

    private static SegmentsJob job(Path segments, Path campaigns, Path output) {
        SegmentsSettings settings = new SettingsResolver(
                        Map.of(
                                Parameters.DIR, segments.toAbsolutePath().toString(),
                                Parameters.CAMPAIGNS_DIR,
                                        campaigns.toAbsolutePath().toString(),
                                Parameters.LOCK_FILE,
                                        PinnedCompile.BUNDLED_LOCK
                                                .toAbsolutePath()
                                                .toString()),
                        Map.of())
                .resolve(output, output);
        Console quiet = Console.silent();
        return new SegmentsJob(
                settings,
                quiet,
                new Connectors(
                        (warehouse, s) -> {
                            throw new AssertionError("compile must not open a preview engine");
                        },
                        null,
                        null,
                        PinnedCompile.recordedAnalyzer(PinnedCompile.BUNDLED_LOCK),
                        null,
                        null,
                        (project, dir, limit) -> List.of()));
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Copies the YAML files of {@code from} into {@code to}, last name first. */
    private static Path copyInReverseOrder(Path from, Path to) {
        try (Stream<Path> files = Files.list(from)) {
            Files.createDirectories(to);
            List<Path> reversed = files.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString())
                            .reversed())
                    .toList();
            assertTrue(reversed.size() > 1);
            for (Path file : reversed) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

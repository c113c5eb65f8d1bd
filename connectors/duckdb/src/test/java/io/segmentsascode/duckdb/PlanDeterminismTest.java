package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.segmentsascode.apply.files.AudienceFiles;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same definitions → byte-identical plan.md, plan.json and report.html, whatever the checkout. */
class PlanDeterminismTest {

    private static final List<String> OUTPUTS = List.of("plan.md", "plan.json", "report.html");

    @TempDir
    Path temp;

    @Test
    void planFilesAreByteIdenticalAcrossRunsAndFileCreationOrder() throws IOException {
        Path first = copy(temp.resolve("first"), false);
        Path second = copy(temp.resolve("second"), true);

        plan(first);
        byte[][] once = read(first);
        plan(first);
        byte[][] twice = read(first);
        plan(second);
        byte[][] reordered = read(second);

        for (int i = 0; i < OUTPUTS.size(); i++) {
            assertArrayEquals(once[i], twice[i], OUTPUTS.get(i) + " differs between two runs");
            assertArrayEquals(once[i], reordered[i], OUTPUTS.get(i) + " differs with another file order");
        }
    }

    private static Path copy(Path project, boolean reversed) throws IOException {
        for (String dir : List.of("segments", "campaigns")) {
            List<Path> files;
            try (Stream<Path> listing = Files.list(Path.of("..", "..", dir))) {
                files = new ArrayList<>(listing.sorted().toList());
            }
            if (reversed) {
                Collections.reverse(files);
            }
            Files.createDirectories(project.resolve(dir));
            for (Path file : files) {
                Files.copy(file, project.resolve(dir).resolve(file.getFileName()));
            }
        }
        Files.copy(Path.of("..", "..", "segments.lock"), project.resolve("segments.lock"));
        return project;
    }

    private static void plan(Path project) {
        SegmentsSettings settings = new SettingsResolver(Map.of(Parameters.SAMPLE_USERS, "2000"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        Connectors connectors = new Connectors(
                LocalWarehouse::open,
                AudienceFiles::open,
                null,
                PinnedCompile.recordedAnalyzer(project.resolve("segments.lock")),
                new ResolvedTreeDuckDbTranslator(),
                null,
                (projectDir, dir, limit) -> List.of());
        new SegmentsJob(settings, Console.silent(), connectors).plan();
    }

    private static byte[][] read(Path project) throws IOException {
        byte[][] bytes = new byte[OUTPUTS.size()][];
        for (int i = 0; i < OUTPUTS.size(); i++) {
            bytes[i] = Files.readAllBytes(project.resolve("target/segments").resolve(OUTPUTS.get(i)));
        }
        return bytes;
    }
}

package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.preview.PreviewReport;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A segments.asOf outside the sample data's times still previews, with a warning saying why it looks empty. */
class AsOfOutsideTheDataTest {

    @TempDir
    static Path project;

    @BeforeAll
    static void writeProject() throws IOException {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.createDirectories(project.resolve("campaigns"));
        for (String file : List.of("warehouse.yaml", "seg_rfm_champions.yaml")) {
            Files.copy(Path.of("..", "..", "segments", file), segments.resolve(file));
        }
    }

    private final List<String> warnings = new ArrayList<>();

    private PreviewReport previewAsOf(String asOf) {
        var settings = new SettingsResolver(
                        Map.of(Parameters.SAMPLE_USERS, "2000", Parameters.AS_OF, asOf), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        Console console = new Console() {
            @Override
            public void info(String line) {}

            @Override
            public void warn(String line) {
                warnings.add(line);
            }

            @Override
            public void error(String line) {}
        };
        Connectors connectors = new Connectors(
                LocalWarehouse::open,
                null,
                null,
                null,
                new ResolvedTreeDuckDbTranslator(),
                null,
                (projectDir, dir, limit) -> List.of());
        return new SegmentsJob(settings, console, connectors).preview();
    }

    @Test
    void asOfAfterTheLatestTimeWarnsAndStillPreviewsAsOfThen() {
        PreviewReport report = previewAsOf("2030-01-01");

        assertEquals(Instant.parse("2030-01-01T23:59:59.999999Z"), report.runTime());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0)
                        .startsWith("segments.asOf: warning: 2030-01-01T23:59:59.999999Z is after the latest time "
                                + "in the sample data (" + SampleWarehouse.END_TIME
                                + "): windows ending then see less activity, or none "
                                + "(pick a time from "),
                warnings.get(0));
        assertTrue(
                warnings.get(0)
                        .endsWith(" to " + SampleWarehouse.END_TIME
                                + ", or leave segments.asOf unset to use the latest)"),
                warnings.get(0));
    }

    @Test
    void asOfBeforeTheEarliestTimeWarns() {
        previewAsOf("2000-01-01");

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0)
                        .startsWith("segments.asOf: warning: 2000-01-01T23:59:59.999999Z is before the earliest time "
                                + "in the sample data ("),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("): no activity precedes it (pick a time from "), warnings.get(0));
    }

    @Test
    void asOfWithinTheDataDoesNotWarn() {
        previewAsOf("2026-06-30");

        assertEquals(List.of(), warnings);
    }
}

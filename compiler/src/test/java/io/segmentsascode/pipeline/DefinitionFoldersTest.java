package io.segmentsascode.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * segments.dir and segments.campaignsDir must name existing folders, given or by default: a typo
 * used to load as "no campaigns", and with prune the plan deleted every audience.
 */
class DefinitionFoldersTest {

    static final String CAMPAIGNS_HINT = "check the path; create the folder if the project has no campaigns yet, "
            + "with a .gitkeep file in it, as Git keeps no empty folder";

    @TempDir
    Path project;

    @BeforeEach
    void writeSegments() throws IOException {
        Path segments = Files.createDirectories(project.resolve("segments"));
        for (String file : List.of("warehouse.yaml", "seg_rfm_champions.yaml")) {
            Files.copy(PinnedCompile.BUNDLED_SEGMENTS.resolve(file), segments.resolve(file));
        }
    }

    private SegmentsJob job(Map<String, String> parameters) {
        Map<String, String> explicit = new HashMap<>(parameters);
        explicit.put(
                Parameters.LOCK_FILE,
                PinnedCompile.BUNDLED_LOCK.toAbsolutePath().toString());
        var settings = new SettingsResolver(explicit, Map.of()).resolve(project, project.resolve("target/segments"));
        Connectors.Warehouses noEngine = (warehouse, s) -> {
            throw new AssertionError("nothing may be opened before the folders are checked");
        };
        return new SegmentsJob(
                settings,
                Console.silent(),
                new Connectors(
                        noEngine,
                        null,
                        null,
                        PinnedCompile.recordedAnalyzer(PinnedCompile.BUNDLED_LOCK),
                        null,
                        null,
                        (projectDir, dir, limit) -> List.of()));
    }

    private static List<String> failures(ConfigException e) {
        return e.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @Test
    void misspelledCampaignsDirStopsApplyWithPruneBeforeAnythingIsOpened() throws IOException {
        Files.createDirectories(project.resolve("campaigns"));
        SegmentsJob job = job(Map.of(Parameters.CAMPAIGNS_DIR, "campains", Parameters.PRUNE, "true"));

        ConfigException e = assertThrows(ConfigException.class, job::apply);

        assertEquals(
                List.of("segments.campaignsDir: error: folder '" + Location.displayPath(project.resolve("campains"))
                        + "' does not exist (" + CAMPAIGNS_HINT + ")"),
                failures(e));
    }

    @Test
    void absentDefaultCampaignsFolderIsAnErrorUntilTheFolderIsCreated() throws IOException {
        SegmentsJob job = job(Map.of());

        ConfigException e = assertThrows(ConfigException.class, job::validate);
        assertEquals(
                List.of("segments.campaignsDir: error: folder '" + Location.displayPath(project.resolve("campaigns"))
                        + "' does not exist (" + CAMPAIGNS_HINT + ")"),
                failures(e));

        Files.createDirectories(project.resolve("campaigns"));
        ResolvedProject resolved = job.validate();
        assertEquals(0, resolved.campaigns().size(), "an empty folder is a project without campaigns");
    }

    @Test
    void missingSegmentsDirIsNamedByItsParameter() throws IOException {
        Files.createDirectories(project.resolve("campaigns"));

        ConfigException e = assertThrows(ConfigException.class, job(Map.of(Parameters.DIR, "segmnts"))::lockCheck);

        assertEquals(
                List.of("segments.dir: error: folder '" + Location.displayPath(project.resolve("segmnts"))
                        + "' does not exist (check the path; it must hold warehouse.yaml and the segment files)"),
                failures(e));
    }

    @Test
    void folderSettingNamingAFileIsAnError() throws IOException {
        Files.writeString(project.resolve("campaigns.yaml"), "");

        ConfigException e =
                assertThrows(ConfigException.class, job(Map.of(Parameters.CAMPAIGNS_DIR, "campaigns.yaml"))::validate);

        assertEquals(
                List.of("segments.campaignsDir: error: '" + Location.displayPath(project.resolve("campaigns.yaml"))
                        + "' is a file, not a folder (point segments.campaignsDir at a folder)"),
                failures(e));
    }
}

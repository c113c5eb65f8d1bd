package io.segmentsascode.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files of segments/ and campaigns/ are definitions, and what is refused rather than silently skipped. */
class DefinitionFilesTest {

    static final String SEGMENT = "# yaml-language-server: $schema=../schemas/segment-v1.json\nid: x\n";
    static final String CAMPAIGN = "# yaml-language-server: $schema=../schemas/campaign-v1.json\nid: x\n";

    @TempDir
    Path project;

    Path segments;
    Path campaigns;

    @BeforeEach
    void writeWarehouse() throws IOException {
        segments = Files.createDirectories(project.resolve("segments"));
        campaigns = Files.createDirectories(project.resolve("campaigns"));
        Files.copy(Path.of("..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
    }

    private LoadedProject load() {
        return new ProjectLoader().load(segments, campaigns);
    }

    /** Paths below the temporary project as the user would see them from the project folder. */
    private List<String> findings(LoadedProject loaded) {
        String prefix = project.toAbsolutePath().normalize() + "/";
        return loaded.diagnostics().stream()
                .map(Diagnostic::format)
                .map(line -> line.replace(prefix, ""))
                .toList();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void yamlInASubfolderAtAnyDepthIsRefusedWhereItLies() throws IOException {
        write(segments.resolve("seg_rfm_top.yaml"), SEGMENT);
        write(segments.resolve("email/seg_rfm_a.yaml"), SEGMENT);
        write(segments.resolve("email/2024/seg_rfm_b.yml"), SEGMENT);
        write(campaigns.resolve("search/cmp_x.yaml"), CAMPAIGN);

        LoadedProject loaded = load();

        assertEquals(
                List.of(
                        "campaigns/search/cmp_x.yaml:1:1: error: definition files must sit directly in campaigns/, "
                                + "not in a subfolder (move the file up into campaigns/)",
                        "segments/email/2024/seg_rfm_b.yml:1:1: error: definition files must sit directly in segments/, "
                                + "not in a subfolder (move the file up into segments/)",
                        "segments/email/seg_rfm_a.yaml:1:1: error: definition files must sit directly in segments/, "
                                + "not in a subfolder (move the file up into segments/)"),
                findings(loaded));
        assertEquals(
                List.of("seg_rfm_top"),
                loaded.segments().stream().map(YamlDocument::fileStem).toList());
        assertTrue(
                loaded.unreadableIds().containsAll(List.of("seg_rfm_a", "seg_rfm_b", "cmp_x")),
                "references to a refused file get no second error: " + loaded.unreadableIds());
    }

    @Test
    void hiddenEntriesOtherFilesAndFoldersWithoutYamlAreIgnored() throws IOException {
        write(segments.resolve("seg_rfm_top.yaml"), SEGMENT);
        write(segments.resolve("README.md"), "notes");
        write(segments.resolve("notes/ideas.txt"), "ideas");
        write(segments.resolve(".drafts/seg_rfm_draft.yaml"), SEGMENT);
        write(campaigns.resolve(".gitkeep"), "");

        LoadedProject loaded = load();

        assertEquals(List.of(), findings(loaded));
        assertEquals(1, loaded.segments().size());
        assertEquals(0, loaded.campaigns().size());
    }

    @Test
    void campaignsFolderInsideTheSegmentsFolderIsReadAsTheCampaignsFolder() throws IOException {
        campaigns = segments.resolve("campaigns");
        write(campaigns.resolve("cmp_x.yaml"), CAMPAIGN);

        LoadedProject loaded = load();

        assertEquals(List.of(), findings(loaded));
        assertEquals(1, loaded.campaigns().size());
    }

    @Test
    void symbolicLinksAreRefusedWhateverTheyPointTo() throws IOException {
        write(project.resolve("elsewhere/seg_rfm_shared.yaml"), SEGMENT);
        Files.createSymbolicLink(
                segments.resolve("seg_rfm_linked.yaml"), project.resolve("elsewhere/seg_rfm_shared.yaml"));
        Files.createSymbolicLink(segments.resolve("shared"), project.resolve("elsewhere"));
        Files.createDirectories(segments.resolve("email"));
        Files.createSymbolicLink(segments.resolve("email/seg_rfm_deep.yaml"), Path.of("/etc/hostname"));

        LoadedProject loaded = load();

        String refusal = ":1:1: error: symbolic links are not allowed in segments/: a review at a Git base revision "
                + "cannot follow them (replace the link with a copy of what it points to)";
        assertEquals(
                List.of(
                        "segments/email/seg_rfm_deep.yaml" + refusal,
                        "segments/seg_rfm_linked.yaml" + refusal,
                        "segments/shared" + refusal),
                findings(loaded));
        assertEquals(0, loaded.segments().size());
        assertTrue(
                loaded.unreadableIds().containsAll(List.of("seg_rfm_linked", "seg_rfm_deep")),
                loaded.unreadableIds().toString());
    }

    @Test
    void linkedWarehouseIsRefusedOnceAndNotAlsoReportedMissing() throws IOException {
        Path real = Files.move(segments.resolve("warehouse.yaml"), project.resolve("warehouse.yaml"));
        Files.createSymbolicLink(segments.resolve("warehouse.yaml"), real);

        LoadedProject loaded = load();

        assertEquals(1, loaded.diagnostics().size(), findings(loaded).toString());
        assertTrue(
                findings(loaded)
                        .get(0)
                        .startsWith("segments/warehouse.yaml:1:1: error: symbolic links are not allowed"),
                findings(loaded).get(0));
        assertTrue(loaded.warehouse().isEmpty());
    }

    @Test
    void theConfiguredFolderItselfMayBeALink() throws IOException {
        write(segments.resolve("seg_rfm_top.yaml"), SEGMENT);
        segments = Files.createSymbolicLink(project.resolve("segments-link"), segments);

        LoadedProject loaded = load();

        assertEquals(List.of(), findings(loaded));
        assertEquals(1, loaded.segments().size());
        assertTrue(loaded.warehouse().isPresent());
    }
}

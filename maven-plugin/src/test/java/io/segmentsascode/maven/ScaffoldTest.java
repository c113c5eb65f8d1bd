package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.connectors.StandardConnectors;
import io.segmentsascode.load.DocumentKind;
import io.segmentsascode.load.YamlLoader;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** segments:new, through the goal's own code path: each kind writes a commented file that validates as written. */
class ScaffoldTest {

    @TempDir
    Path project;

    @ParameterizedTest
    @CsvSource({
        "rfm, seg_rfm_scaffolded, SEGMENT",
        "rules, seg_engagement_scaffolded, SEGMENT",
        "intent, seg_intent_scaffolded, SEGMENT",
        "sql, seg_lifecycle_scaffolded, SEGMENT",
        "campaign, cmp_scaffolded, CAMPAIGN"
    })
    void everyKindScaffoldsACommentedFileThatValidates(String kind, String id, DocumentKind document)
            throws IOException {
        TestProject.bundledDefinitions(project);

        Path file = job().scaffold(kind, id);

        String text = Files.readString(file);
        assertEquals(
                YamlLoader.schemaLine(document), text.lines().findFirst().orElseThrow(), "editors complete fields");
        assertTrue(text.contains("\nid: " + id + " "), text);
        assertTrue(text.lines().filter(line -> line.startsWith("#")).count() >= 3, "says what to fill in: " + text);
        if (kind.equals("intent")) {
            pinAsReviewed(
                    id,
                    "SELECT user_id, COUNT(*) AS product_views FROM events "
                            + "WHERE event_name = 'product_view' GROUP BY user_id");
        }
        ResolvedProject validated = job().validate();
        boolean known = document == DocumentKind.CAMPAIGN
                ? validated.campaigns().stream().anyMatch(c -> c.id().equals(id))
                : validated.segment(id).isPresent();
        assertTrue(known, id + " is part of the validated project");
    }

    @Test
    void anIdThatIsTakenIsRefusedAndTheFileLeftAlone() throws IOException {
        TestProject.bundledDefinitions(project);
        Path existing = project.resolve("segments/seg_rfm_loyal.yaml");
        String before = Files.readString(existing);

        ConfigException taken = assertThrows(ConfigException.class, () -> job().scaffold("rules", "seg_rfm_loyal"));

        String shown = taken.diagnostics().get(0).format();
        assertTrue(shown.startsWith(Parameters.ID + ": error: 'seg_rfm_loyal' is taken: "), shown);
        assertTrue(shown.contains("segments/seg_rfm_loyal.yaml exists (choose another id, or edit that file)"), shown);
        assertEquals(before, Files.readString(existing));
    }

    @Test
    void aCampaignCannotTakeASegmentsId() {
        TestProject.bundledDefinitions(project);

        assertThrows(ConfigException.class, () -> job().scaffold("campaign", "seg_rfm_loyal"));
        assertTrue(Files.notExists(project.resolve("campaigns/seg_rfm_loyal.yaml")));
    }

    @Test
    void anUnknownKindOrAnIdThatCannotBeAFileNameSaysWhatToPass() {
        TestProject.bundledDefinitions(project);

        String kind = assertThrows(ConfigException.class, () -> job().scaffold("lookalike", "seg_rfm_x"))
                .diagnostics()
                .get(0)
                .format();
        assertTrue(kind.contains("pass -D" + Parameters.KIND + "=rfm|rules|intent|sql|campaign"), kind);
        String id = assertThrows(ConfigException.class, () -> job().scaffold("rfm", "../seg_rfm_x"))
                .diagnostics()
                .get(0)
                .format();
        assertTrue(id.startsWith(Parameters.ID + ": error: '../seg_rfm_x' cannot be an id"), id);
    }

    /** What an engineer does after an intent is proposed: pins reviewed SQL for it (segments:generate). */
    private void pinAsReviewed(String id, String sql) throws IOException {
        Path reviewed = Files.createDirectories(project.resolve("reviewed"));
        Files.writeString(reviewed.resolve(id + ".sql"), sql);
        job(Map.of(Parameters.PIN_FROM, "reviewed")).generate();
    }

    private SegmentsJob job() {
        return job(Map.of());
    }

    private SegmentsJob job(Map<String, String> parameters) {
        Map<String, String> given = new HashMap<>(parameters);
        given.put(Parameters.SAMPLE_USERS, "2000");
        var settings =
                new SettingsResolver(given, Map.of("CI", "true")).resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()));
    }
}

package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Users in the EEA, UK or Switzerland need consent for Customer Match: on the generated sample (users in Germany,
 * France, the UK, ...) a warehouse whose identity table declares its region column but no consent columns fails the
 * plan, located at customer_match; declaring the consent columns clears it.
 */
class ConsentRegionsPlanTest {

    private static final Path REPO = Path.of("..", "..");

    @TempDir
    Path project;

    private String warehouse;

    @BeforeEach
    void copyTheRulesSegments() throws IOException {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.createDirectories(project.resolve("campaigns"));
        Files.copy(REPO.resolve("segments/seg_rfm_loyal.yaml"), segments.resolve("seg_rfm_loyal.yaml"));
        warehouse = Files.readString(REPO.resolve("segments/warehouse.yaml"))
                .replace(
                        "      opted_out: {type: BOOL,",
                        "      country: {type: STRING, description: Country of the user (ISO 3166-1 alpha-2).}\n"
                                + "      opted_out: {type: BOOL,")
                .replace(
                        "  suppression_column: opted_out", "  suppression_column: opted_out\n  region_column: country");
    }

    @Test
    void usersInConsentRegionsWithoutConsentColumnsFailThePlanAtCustomerMatch() throws IOException {
        write(warehouse
                .lines()
                .filter(line -> !line.strip().startsWith("consent_columns:"))
                .reduce((a, b) -> a + "\n" + b)
                .orElseThrow());

        PlanException failure = assertThrows(PlanException.class, () -> job().plan());

        assertTrue(
                failure.getMessage().contains("segments/warehouse.yaml:"),
                "located at the warehouse file: " + failure.getMessage());
        assertTrue(failure.getMessage().contains("[consent-columns-missing]"), failure.getMessage());
        assertTrue(failure.getMessage().contains("identities.country"), failure.getMessage());
        assertTrue(failure.getMessage().contains("declare customer_match.consent_columns"), failure.getMessage());
    }

    @Test
    void declaredConsentColumnsClearIt() throws IOException {
        assertTrue(warehouse.contains("consent_columns:"));
        write(warehouse);

        Plan plan = job().plan();

        List<String> codes = plan.findings().stream().map(Finding::code).toList();
        assertTrue(!codes.contains("consent-columns-missing") && !codes.contains("consent-unknown"), codes.toString());
        assertEquals(false, plan.hasErrors(), plan.findings().toString());
    }

    private void write(String text) throws IOException {
        Files.writeString(project.resolve("segments/warehouse.yaml"), text + "\n");
    }

    private SegmentsJob job() {
        var settings = new SettingsResolver(Map.of(Parameters.SAMPLE_USERS, "500"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()));
    }
}

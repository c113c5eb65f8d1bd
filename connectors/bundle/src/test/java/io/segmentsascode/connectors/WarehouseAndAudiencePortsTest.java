package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.segmentsascode.apply.AudienceDestination;
import io.segmentsascode.apply.WarehouseTarget;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.fakes.FakeDataManager;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import io.segmentsascode.spi.TargetSql;
import io.segmentsascode.spi.WarehouseConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled connectors behind the warehouse and audience ports, chosen by segments.target and segments.audiences. */
class WarehouseAndAudiencePortsTest {

    @TempDir
    Path project;

    @Test
    void theDefaultsOpenTheLocalWarehouseAndTheAudienceFilesFedByIt() {
        ResolvedProject resolved =
                new Stages().check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        SegmentsSettings settings = new SettingsResolver(Map.of(Parameters.SAMPLE_USERS, "200"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        Connectors connectors = new StandardConnectors().create(Console.silent(), Map.of());

        try (WarehouseConnection warehouse = connectors.warehouses().open(resolved.warehouse(), settings);
                WarehouseTarget tables = warehouse.target(
                        new TargetSql(List.of(), List.of(), List.of(), List.of()),
                        Instant.parse("2026-10-31T23:59:59Z"));
                AudienceDestination audiences =
                        connectors.audiences().open(resolved, tables.members(), tables.audienceMarkers(), settings)) {
            assertSame(warehouse.sample(), warehouse.sample(), "one sample engine per run");
            assertEquals("local", tables.name());
            assertEquals("files", audiences.name());
            assertEquals(List.of(), tables.readState());
            assertEquals(List.of(), audiences.readState());
        }
    }

    @Test
    void datamanagerOpensTheDataManagerDestinationAtTheEndpointTheParameterNames() throws Exception {
        ResolvedProject resolved =
                new Stages().check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        try (FakeDataManager fake = new FakeDataManager().start(0)) {
            // the environment variable every parameter has, as a CI job would set it
            SegmentsSettings settings = new SettingsResolver(
                            Map.of(Parameters.SAMPLE_USERS, "200", Parameters.AUDIENCES, "datamanager"),
                            Map.of(
                                    "CI",
                                    "true",
                                    Parameters.environmentVariable(Parameters.DATA_MANAGER_ENDPOINT),
                                    fake.endpoint()))
                    .resolve(project, project.resolve("target/segments"));
            Connectors connectors = new StandardConnectors().create(Console.silent(), Map.of());
            try (WarehouseConnection warehouse = connectors.warehouses().open(resolved.warehouse(), settings);
                    WarehouseTarget tables = warehouse.target(
                            new TargetSql(List.of(), List.of(), List.of(), List.of()),
                            Instant.parse("2026-10-31T23:59:59Z"));
                    AudienceDestination audiences = connectors
                            .audiences()
                            .open(resolved, tables.members(), tables.audienceMarkers(), settings)) {
                assertEquals("datamanager", audiences.name());
                assertEquals(List.of(), audiences.readState());
                assertEquals(
                        resolved.campaigns().stream()
                                .map(c -> c.customerId())
                                .distinct()
                                .count(),
                        fake.log().calls("userLists.list").size(),
                        "the lists of each account were read");
            }
        }
    }
}

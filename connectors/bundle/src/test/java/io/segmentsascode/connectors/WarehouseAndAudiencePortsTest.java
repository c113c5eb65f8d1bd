package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.apply.AudienceDestination;
import io.segmentsascode.apply.WarehouseTarget;
import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.fakes.FakeDataManager;
import io.segmentsascode.fakes.FakeGoogleAds;
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

    @Test
    void googleAdsOpensTheGoogleAdsDestinationAtItsEndpointWithTheHeadersTheFakeDemands() throws Exception {
        ResolvedProject resolved =
                new Stages().check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        try (FakeGoogleAds fake = new FakeGoogleAds().start(0)) {
            SegmentsSettings settings = googleAds(fake.endpoint(), "none");
            Connectors connectors = new StandardConnectors().create(Console.silent(), googleAdsEnvironment());
            try (WarehouseConnection warehouse = connectors.warehouses().open(resolved.warehouse(), settings);
                    WarehouseTarget tables = warehouse.target(
                            new TargetSql(List.of(), List.of(), List.of(), List.of()),
                            Instant.parse("2026-10-31T23:59:59Z"));
                    AudienceDestination audiences = connectors
                            .audiences()
                            .open(resolved, tables.members(), tables.audienceMarkers(), settings)) {
                assertEquals("google-ads", audiences.name());
                assertEquals(List.of(), audiences.readState());
                assertEquals(
                        resolved.campaigns().stream()
                                .map(c -> c.customerId())
                                .distinct()
                                .map(c -> "OK")
                                .toList(),
                        fake.log().calls("Search").stream()
                                .map(c -> c.outcome())
                                .toList(),
                        "the lists of each account were read, with the developer token and login customer id");
            }
        }
    }

    @Test
    void googleAdsWithoutCredentialsOrWithNoneAgainstGoogleIsAConfigurationError() {
        ResolvedProject resolved =
                new Stages().check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"));
        Connectors bare = new StandardConnectors()
                .create(Console.silent(), Map.of("GOOGLE_ADS_CONFIGURATION_FILE_PATH", "/nonexistent/ads.properties"));
        ConfigException missing = assertThrows(
                ConfigException.class,
                () -> bare.audiences().open(resolved, null, null, googleAds("127.0.0.1:1", "none")));
        assertTrue(
                missing.diagnostics().get(0).message().contains("GOOGLE_ADS_DEVELOPER_TOKEN")
                        && missing.diagnostics().get(0).message().contains("GOOGLE_ADS_LOGIN_CUSTOMER_ID"),
                missing.getMessage());

        Connectors configured = new StandardConnectors().create(Console.silent(), googleAdsEnvironment());
        ConfigException none = assertThrows(
                ConfigException.class,
                () -> configured
                        .audiences()
                        .open(resolved, null, null, googleAds("googleads.googleapis.com:443", "none")));
        assertTrue(none.diagnostics().get(0).message().contains("only a local Google Ads endpoint"), none.getMessage());
    }

    private SegmentsSettings googleAds(String endpoint, String credentials) {
        return new SettingsResolver(
                        Map.of(
                                Parameters.SAMPLE_USERS,
                                "200",
                                Parameters.AUDIENCES,
                                "google-ads",
                                Parameters.GOOGLE_ADS_ENDPOINT,
                                endpoint,
                                Parameters.GOOGLE_CREDENTIALS,
                                credentials),
                        Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
    }

    private static Map<String, String> googleAdsEnvironment() {
        return Map.of(
                "GOOGLE_ADS_DEVELOPER_TOKEN", "dev-token",
                "GOOGLE_ADS_LOGIN_CUSTOMER_ID", "1112223333",
                "GOOGLE_ADS_CONFIGURATION_FILE_PATH", "/nonexistent/ads.properties");
    }
}

package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.Catalogs;
import io.segmentsascode.googlesql.SqlAnalyzers;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The connectors are resolved only when a port is used, once, and the thread's context class
 * loader is theirs only meanwhile. The connectors' jars are on this test's class path, so an
 * empty list of extra jars still finds them (the loader delegates to its parent first).
 */
class OnDemandConnectorsTest {

    private static final AnalysisCatalog USERS = new AnalysisCatalog(
            List.of(new AnalysisCatalog.CatalogTable(
                    "users",
                    List.of(
                            new Column("user_id", ColumnType.STRING, "", false),
                            new Column("signup_date", ColumnType.DATE, "", false)))),
            Map.of(Catalogs.RUN_TIME, ColumnType.TIMESTAMP));

    private final AtomicInteger resolutions = new AtomicInteger();
    private final List<String> debug = new ArrayList<>();
    private final Supplier<List<URL>> noExtraJars = () -> {
        resolutions.incrementAndGet();
        return List.of();
    };

    @Test
    void buildingThePortsAndAskingTheAnalyzerVersionResolveNothing() {
        try (OnDemandConnectors connectors =
                new OnDemandConnectors(noExtraJars, Console.silent(), Map.of(), debug::add)) {
            Connectors ports = connectors.ports();
            assertEquals(
                    SqlAnalyzers.exactVersion(),
                    ports.analyzers().version(),
                    "the plugin's recorded analyzer version must be the one segments-googlesql reports");
            assertEquals(0, resolutions.get());
            assertFalse(connectors.isLoaded());
        }
    }

    @Test
    void theFirstUseResolvesOnceAndTheConnectorsAnswer() {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try (OnDemandConnectors connectors =
                new OnDemandConnectors(noExtraJars, Console.silent(), Map.of(), debug::add)) {
            Connectors ports = connectors.ports();
            String translated = ports.translator()
                    .translate(
                            "SELECT user_id FROM users WHERE signup_date < DATE(@run_time)",
                            USERS,
                            "getvariable('run_time')");
            assertTrue(translated.contains("getvariable('run_time')"), translated);
            ports.translator().translate("SELECT 1 AS one", USERS, "getvariable('run_time')");
            assertEquals(1, resolutions.get());
            assertTrue(connectors.isLoaded());
            assertEquals(List.of("segments: loading the connectors from 0 jars"), debug);
            assertEquals(
                    "segments-connectors",
                    Thread.currentThread().getContextClassLoader().getName());
        }
        assertSame(before, Thread.currentThread().getContextClassLoader());
    }

    @Test
    void aResolutionFailureReachesTheGoalAndIsTriedAgainOnTheNextUse() {
        Supplier<List<URL>> offline = () -> {
            resolutions.incrementAndGet();
            throw new IllegalStateException("cannot resolve io.segmentsascode:segments-connectors:jar:0.1.0");
        };
        try (OnDemandConnectors connectors = new OnDemandConnectors(offline, Console.silent(), Map.of(), debug::add)) {
            Connectors ports = connectors.ports();
            IllegalStateException failure = assertThrows(
                    IllegalStateException.class, () -> ports.translator().translate("SELECT 1 AS one", USERS, "x"));
            assertTrue(failure.getMessage().contains("segments-connectors"));
            assertThrows(
                    IllegalStateException.class, () -> ports.translator().translate("SELECT 1 AS one", USERS, "x"));
            assertEquals(2, resolutions.get());
            assertFalse(connectors.isLoaded());
        }
    }
}

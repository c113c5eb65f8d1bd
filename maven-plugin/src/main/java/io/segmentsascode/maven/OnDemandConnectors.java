package io.segmentsascode.maven;

import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.ConnectorsFactory;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The core's ports, backed by the connectors only once a goal first uses one: then their jars are
 * resolved, loaded in a class loader of their own under the plugin's, and made the thread's
 * context class loader (libraries such as gRPC look services up there) until {@link #close()}.
 * Validating and compiling structured segments touch no port, so they load none of it.
 */
final class OnDemandConnectors implements AutoCloseable {

    private final Supplier<List<URL>> jars;
    private final Console console;
    private final Map<String, String> environment;
    private final Consumer<String> debug;
    private final String analyzerVersion;

    /**
     * One loader per set of connector jars for the life of the build, shared by its goals and never
     * closed: gRPC shuts its shared event loop down a second after the last channel closes, on its own
     * threads, and a loader closed under them made {@code plan apply} in one build print
     * NoClassDefFoundErrors between the goals. Sharing also spares the second goal loading the jars again.
     */
    private static final Map<List<URL>, URLClassLoader> LOADERS = new ConcurrentHashMap<>();

    private URLClassLoader loader;
    private Connectors loaded;
    private Thread contextThread;
    private ClassLoader previousContextLoader;

    OnDemandConnectors(
            Supplier<List<URL>> jars, Console console, Map<String, String> environment, Consumer<String> debug) {
        this.jars = jars;
        this.console = console;
        this.environment = environment;
        this.debug = debug;
        this.analyzerVersion = builtWith("analyzer");
    }

    /** Ports that forward to the connectors, loading them on the first call. */
    Connectors ports() {
        return new Connectors(
                (warehouse, settings) -> loaded().warehouses().open(warehouse, settings),
                (project, members, markers, settings) -> loaded().audiences().open(project, members, markers, settings),
                (projectDir, ref, paths, into) -> loaded().bases().checkout(projectDir, ref, paths, into),
                new AnalyzerProvider() {
                    @Override
                    public String version() {
                        return analyzerVersion;
                    }

                    @Override
                    public SqlAnalyzer get() {
                        return loaded().analyzers().get();
                    }
                },
                (googleSql, catalog, runTimeExpression) ->
                        loaded().translator().translate(googleSql, catalog, runTimeExpression),
                (model, out) -> loaded().models().open(model, out),
                (projectDir, dir, limit) -> loaded().tracked().under(projectDir, dir, limit));
    }

    /** Whether a port has been used, i.e. the connectors' jars were resolved and loaded. */
    synchronized boolean isLoaded() {
        return loaded != null;
    }

    private synchronized Connectors loaded() {
        if (loaded == null) {
            List<URL> urls = jars.get();
            debug.accept("segments: loading the connectors from " + urls.size() + " jars");
            URLClassLoader connectorsLoader = LOADERS.computeIfAbsent(
                    List.copyOf(urls),
                    key -> new URLClassLoader(
                            "segments-connectors", key.toArray(URL[]::new), OnDemandConnectors.class.getClassLoader()));
            Iterator<ConnectorsFactory> factories = ServiceLoader.load(ConnectorsFactory.class, connectorsLoader)
                    .iterator();
            if (!factories.hasNext()) {
                throw new IllegalStateException("no " + ConnectorsFactory.class.getName() + " among the " + urls.size()
                        + " resolved connector jars; the plugin and segments-connectors must be the same build");
            }
            loaded = factories.next().create(console, environment);
            loader = connectorsLoader;
            contextThread = Thread.currentThread();
            previousContextLoader = contextThread.getContextClassLoader();
            contextThread.setContextClassLoader(connectorsLoader);
        }
        return loaded;
    }

    /** Restores the thread's context class loader; the connectors' loader stays open (see {@link #LOADERS}). */
    @Override
    public synchronized void close() {
        if (loader != null) {
            if (contextThread.getContextClassLoader() == loader) {
                contextThread.setContextClassLoader(previousContextLoader);
            }
            loader = null;
        }
    }

    private static String builtWith(String key) {
        Properties properties = new Properties();
        try (InputStream in = OnDemandConnectors.class.getResourceAsStream("connectors.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read connectors.properties from the plugin jar", e);
        }
        return properties.getProperty(key);
    }
}

package io.segmentsascode.maven;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.PrintableText;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.spi.Console;
import java.io.File;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * Shared shape of every goal: read the parameters (pom, {@code -D} or {@code SEGMENTS_*}
 * environment), build the job, run the goal's step. A mistake in the user's files fails the build
 * with located messages and no stack trace; anything else is an execution error.
 */
public abstract class AbstractSegmentsMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project.basedir}", readonly = true, required = true)
    private File baseDir;

    @Parameter(defaultValue = "${project.build.directory}", readonly = true, required = true)
    private File buildDir;

    @Parameter(defaultValue = "${plugin}", readonly = true, required = true)
    private PluginDescriptor plugin;

    @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
    private RepositorySystemSession repositorySession;

    @Parameter(defaultValue = "${project.remotePluginRepositories}", readonly = true, required = true)
    private List<RemoteRepository> pluginRepositories;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    @Component
    private RepositorySystem repositorySystem;

    @Parameter(property = Parameters.DIR)
    private String dir;

    @Parameter(property = Parameters.CAMPAIGNS_DIR)
    private String campaignsDir;

    @Parameter(property = Parameters.LOCK_FILE)
    private String lockFile;

    @Parameter(property = Parameters.STATE_DIR)
    private String stateDir;

    @Parameter(property = Parameters.SAMPLE_DATA)
    private String sampleData;

    @Parameter(property = Parameters.SAMPLE_USERS)
    private String sampleUsers;

    @Parameter(property = Parameters.SAMPLE_SEED)
    private String sampleSeed;

    @Parameter(property = Parameters.AS_OF)
    private String asOf;

    @Parameter(property = Parameters.LOCKED)
    private String locked;

    @Parameter(property = Parameters.BASE)
    private String base;

    @Parameter(property = Parameters.TARGET)
    private String target;

    @Parameter(property = Parameters.AUDIENCES)
    private String audiences;

    @Parameter(property = Parameters.PLAN)
    private String plan;

    @Parameter(property = Parameters.PRUNE)
    private String prune;

    @Parameter(property = Parameters.OVERLAP_THRESHOLD)
    private String overlapThreshold;

    @Parameter(property = Parameters.CONFIDENCE)
    private String confidence;

    @Parameter(property = Parameters.MIN_AUDIENCE)
    private String minAudience;

    @Parameter(property = Parameters.PHONE_REGION)
    private String phoneRegion;

    @Parameter(property = Parameters.MODEL)
    private String model;

    @Parameter(property = Parameters.PIN_FROM)
    private String pinFrom;

    @Parameter(property = Parameters.BIGQUERY_PROJECT)
    private String bigqueryProject;

    @Parameter(property = Parameters.BIGQUERY_ENDPOINT)
    private String bigqueryEndpoint;

    @Parameter(property = Parameters.DATA_TRANSFER_ENDPOINT)
    private String dataTransferEndpoint;

    @Parameter(property = Parameters.GOOGLE_CREDENTIALS)
    private String googleCredentials;

    @Parameter(property = Parameters.SERVICE_ACCOUNT)
    private String serviceAccount;

    @Parameter(property = Parameters.MAXIMUM_BYTES_BILLED)
    private String maximumBytesBilled;

    @Parameter(property = Parameters.PRICE_PER_TIB)
    private String pricePerTib;

    @Parameter(property = Parameters.RUN_TIMEOUT)
    private String runTimeout;

    @Parameter(property = Parameters.GOOGLE_ADS_ENDPOINT)
    private String googleAdsEndpoint;

    @Parameter(property = Parameters.DATA_MANAGER_ENDPOINT)
    private String dataManagerEndpoint;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        MavenConsole console = new MavenConsole(getLog());
        try {
            SegmentsSettings settings = new SettingsResolver(explicitParameters(), System.getenv())
                    .resolve(baseDir.toPath(), buildDir.toPath().resolve("segments"));
            try (OnDemandConnectors connectors = new OnDemandConnectors(
                    () -> ConnectorJars.resolve(repositorySystem, repositorySession, pluginRepositories, plugin),
                    console,
                    System.getenv(),
                    console::debug)) {
                doExecute(new SegmentsJob(settings, console, connectors.ports()));
            }
        } catch (SegmentsException e) {
            throw failure(e, console);
        } catch (RuntimeException e) {
            // Maven prints the message as it is: it may quote a value or path that holds control characters
            throw new MojoExecutionException(PrintableText.escape("segments: " + e.getMessage()), e);
        }
    }

    /** A mistake in the user's files: every finding on the console, then the build fails with a summary and no stack trace. */
    static MojoFailureException failure(SegmentsException e, Console console) {
        for (Diagnostic diagnostic : e.diagnostics()) {
            if (diagnostic.isError()) {
                console.error(diagnostic.format());
            } else {
                console.warn(diagnostic.format());
            }
        }
        return new MojoFailureException(PrintableText.escape(e.summary()));
    }

    /** The goal's step, e.g. {@code job.compile()}. */
    protected abstract void doExecute(SegmentsJob job);

    private Map<String, String> explicitParameters() {
        Map<String, String> values = new HashMap<>();
        put(values, Parameters.DIR, dir);
        put(values, Parameters.CAMPAIGNS_DIR, campaignsDir);
        put(values, Parameters.LOCK_FILE, lockFile);
        put(values, Parameters.STATE_DIR, stateDir);
        put(values, Parameters.SAMPLE_DATA, sampleData);
        put(values, Parameters.SAMPLE_USERS, sampleUsers);
        put(values, Parameters.SAMPLE_SEED, sampleSeed);
        put(values, Parameters.AS_OF, asOf);
        put(values, Parameters.LOCKED, lockedOnTheCommandLine() ? "true" : locked);
        put(values, Parameters.BASE, base);
        put(values, Parameters.TARGET, target);
        put(values, Parameters.AUDIENCES, audiences);
        put(values, Parameters.PLAN, plan);
        put(values, Parameters.PRUNE, prune);
        put(values, Parameters.OVERLAP_THRESHOLD, overlapThreshold);
        put(values, Parameters.CONFIDENCE, confidence);
        put(values, Parameters.MIN_AUDIENCE, minAudience);
        put(values, Parameters.PHONE_REGION, phoneRegion);
        put(values, Parameters.MODEL, model);
        put(values, Parameters.PIN_FROM, pinFrom);
        put(values, Parameters.BIGQUERY_PROJECT, bigqueryProject);
        put(values, Parameters.BIGQUERY_ENDPOINT, bigqueryEndpoint);
        put(values, Parameters.DATA_TRANSFER_ENDPOINT, dataTransferEndpoint);
        put(values, Parameters.GOOGLE_CREDENTIALS, googleCredentials);
        put(values, Parameters.SERVICE_ACCOUNT, serviceAccount);
        put(values, Parameters.MAXIMUM_BYTES_BILLED, maximumBytesBilled);
        put(values, Parameters.PRICE_PER_TIB, pricePerTib);
        put(values, Parameters.RUN_TIMEOUT, runTimeout);
        put(values, Parameters.GOOGLE_ADS_ENDPOINT, googleAdsEndpoint);
        put(values, Parameters.DATA_MANAGER_ENDPOINT, dataManagerEndpoint);
        return values;
    }

    /**
     * A pom's {@code <locked>} would override {@code -Dsegments.locked=true}, as Maven lets explicit
     * configuration win over properties; but the pom is a file a pull request can edit, and CI's
     * command line is not, so a command line that locks the build always does.
     */
    private boolean lockedOnTheCommandLine() {
        return "true"
                .equalsIgnoreCase(session.getUserProperties()
                        .getProperty(Parameters.LOCKED, "")
                        .trim());
    }

    private static void put(Map<String, String> values, String name, String value) {
        if (value != null) {
            values.put(name, value);
        }
    }
}

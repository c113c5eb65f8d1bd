package io.segmentsascode.maven;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.DependencyFilter;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * The jars of {@code segments-connectors} at the plugin's own version, resolved like the plugin
 * itself (same repositories, offline mode, mirrors). They are not plugin dependencies because
 * DuckDB, ZetaSQL, Calcite, JGit and the Gemini SDK are ~80 artifacts that Maven would otherwise
 * resolve and put on the class path on every goal, including validate and compile, which need
 * none of them.
 */
final class ConnectorJars {

    static final String ARTIFACT_ID = "segments-connectors";

    private static final Set<String> RUNTIME_SCOPES = Set.of("compile", "runtime");

    private ConnectorJars() {}

    /** The jars the plugin's own class path does not already hold, in resolution order. */
    static List<URL> resolve(
            RepositorySystem system,
            RepositorySystemSession session,
            List<RemoteRepository> repositories,
            PluginDescriptor plugin) {
        Artifact connectors = new DefaultArtifact(plugin.getGroupId(), ARTIFACT_ID, "jar", plugin.getVersion());
        DependencyFilter runtime = (node, parents) -> node.getDependency() == null
                || RUNTIME_SCOPES.contains(node.getDependency().getScope());
        List<ArtifactResult> resolved;
        try {
            resolved = system.resolveDependencies(
                            session,
                            new DependencyRequest(
                                    new CollectRequest(new Dependency(connectors, "runtime"), repositories), runtime))
                    .getArtifactResults();
        } catch (DependencyResolutionException e) {
            throw new IllegalStateException(
                    "cannot resolve " + connectors + ", which this goal needs: " + e.getMessage()
                            + " (it is resolved from the plugin's repositories like the plugin itself: run once without -o,"
                            + " or, for a plugin built from source, run mvn install in its repository)",
                    e);
        }
        Set<String> onPluginClassPath = plugin.getArtifacts().stream()
                .map(a -> a.getGroupId() + ":" + a.getArtifactId())
                .collect(Collectors.toSet());
        return resolved.stream()
                .map(ArtifactResult::getArtifact)
                .filter(a -> !onPluginClassPath.contains(a.getGroupId() + ":" + a.getArtifactId()))
                .map(ConnectorJars::url)
                .toList();
    }

    private static URL url(Artifact artifact) {
        try {
            return artifact.getFile().toURI().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("unusable path for " + artifact + ": " + artifact.getFile(), e);
        }
    }
}

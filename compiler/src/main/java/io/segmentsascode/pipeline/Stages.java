package io.segmentsascode.pipeline;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.SegmentGenerator;
import io.segmentsascode.intent.EmbeddedSql;
import io.segmentsascode.intent.GenerationException;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.intent.SqlSources;
import io.segmentsascode.load.LoadException;
import io.segmentsascode.load.LoadedProject;
import io.segmentsascode.load.ProjectLoader;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentGraph;
import io.segmentsascode.render.Dialect;
import io.segmentsascode.render.RenderedScript;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.SqlRenderer;
import io.segmentsascode.resolve.ProjectResolver;
import io.segmentsascode.resolve.ResolveException;
import io.segmentsascode.validate.ProjectValidator;
import io.segmentsascode.validate.SchemaValidator;
import io.segmentsascode.validate.ValidatedProject;
import io.segmentsascode.validate.ValidationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The compiler as a library. Each stage takes the previous stage's output type, so the order
 * load → validate → resolve → generate → render (→ write) cannot be skipped or reversed.
 *
 * <p>{@link #check} runs the first three stages on whatever parsed, so one run reports the
 * mistakes of every file; it fails with the exception of the earliest stage that found one.
 */
public final class Stages {

    private final ProjectLoader loader = new ProjectLoader();
    private final ProjectValidator validator = new ProjectValidator(new SchemaValidator());
    private final ProjectResolver resolver = new ProjectResolver();

    public LoadedProject load(Path segmentsDir, Path campaignsDir) {
        return loader.load(segmentsDir, campaignsDir);
    }

    public ValidatedProject validate(LoadedProject loaded) {
        return validator.validate(loaded);
    }

    /** Resolves what validated; throws with every finding of load, validate and resolve. */
    public ResolvedProject resolve(ValidatedProject validated) {
        Diagnostics diagnostics = new Diagnostics();
        diagnostics.addAll(validated.diagnostics());
        Optional<ResolvedProject> resolved = resolver.resolve(validated, diagnostics);
        if (diagnostics.hasErrors() || resolved.isEmpty()) {
            List<Diagnostic> all = diagnostics.sorted();
            if (validated.diagnostics().stream().anyMatch(Diagnostic::isError)) {
                throw validated.loadFailed() ? new LoadException(all) : new ValidationException(all);
            }
            throw new ResolveException(all);
        }
        return resolved.get();
    }

    public ResolvedProject check(Path segmentsDir, Path campaignsDir) {
        return resolve(validate(load(segmentsDir, campaignsDir)));
    }

    /** SQL of the intent and sql segments, and the warnings (stale pins) found on the way. */
    public record Sources(Map<String, EmbeddedSql> sql, List<Diagnostic> warnings) {}

    /**
     * First step of generate for intent and sql segments: their checked SQL, from pins and files.
     * Throws with every finding when a pin is missing (or stale while {@code locked}) or SQL breaks a guardrail.
     */
    public Sources sources(ResolvedProject project, SqlSources sources, LockFile lock, Path lockFile, boolean locked) {
        Diagnostics diagnostics = new Diagnostics();
        Map<String, EmbeddedSql> sql = sources.resolve(project.segments(), lock, lockFile, locked, diagnostics);
        if (diagnostics.hasErrors()) {
            throw new GenerationException(diagnostics.sorted());
        }
        return new Sources(sql, diagnostics.sorted());
    }

    /** Structured segments only (a project without intent or sql segments). */
    public List<GeneratedSegment> generate(ResolvedProject project) {
        return generate(project, Map.of());
    }

    public List<GeneratedSegment> generate(ResolvedProject project, Map<String, EmbeddedSql> embedded) {
        return generate(project, embedded, segment -> true);
    }

    /**
     * The segments {@code only} accepts, in project order (a review's base compiles what changed);
     * the segments they name with {@code in_segment} are generated too, since their SQL nests in
     * the accepting segment's.
     */
    public List<GeneratedSegment> generate(
            ResolvedProject project, Map<String, EmbeddedSql> embedded, Predicate<Segment> only) {
        SegmentGraph graph = SegmentGraph.of(project.segments());
        Set<String> needed = new TreeSet<>();
        project.segments().stream().filter(only).forEach(s -> addWithDependencies(graph, s.id(), needed));
        for (var segment : project.segments()) {
            if (needed.contains(segment.id())
                    && !segment.definition().isStructured()
                    && !embedded.containsKey(segment.id())) {
                throw new IllegalStateException(
                        "segment " + segment.id() + " has no checked SQL; call sources() first");
            }
        }
        SegmentGenerator generator = new SegmentGenerator(project.warehouse(), embedded);
        // segments named with in_segment first: level by level, each level stateless per segment, so
        // every core helps within a level; the result is in id order
        Map<String, GeneratedSegment> built = new ConcurrentHashMap<>();
        for (List<String> level : graph.levels()) {
            level.stream().filter(needed::contains).toList().parallelStream().forEach(id -> {
                GeneratedSegment generated =
                        generator.generate(project.segment(id).orElseThrow(), built);
                built.put(id, generated);
            });
        }
        return project.segments().stream()
                .filter(only)
                .map(s -> built.get(s.id()))
                .toList();
    }

    private static void addWithDependencies(SegmentGraph graph, String id, Set<String> into) {
        if (into.add(id)) {
            graph.dependencies(id).forEach(named -> addWithDependencies(graph, named, into));
        }
    }

    public List<RenderedSegment> render(ResolvedProject project, List<GeneratedSegment> generated, Dialect dialect) {
        SqlRenderer renderer = new SqlRenderer(project.warehouse(), dialect);
        return generated.parallelStream().map(renderer::render).toList();
    }

    /**
     * Writes the rendered BigQuery SQL as the compile goal does: one {@code <id>.sql} per segment,
     * files of removed segments deleted, unchanged files left alone. Public so a library user (and
     * the benchmark, which times it as a stage) writes exactly what {@code segments:compile} writes.
     */
    public void write(
            Path dir, ResolvedProject project, List<RenderedSegment> rendered, List<RenderedScript> refreshScripts) {
        SqlFiles.write(dir, project, rendered, refreshScripts);
    }
}

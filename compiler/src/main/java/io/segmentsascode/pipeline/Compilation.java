package io.segmentsascode.pipeline;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.intent.AnalysisCache;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.intent.SqlSources;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.SqlRenderer;
import io.segmentsascode.render.UnpreviewableSqlException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles one set of definitions (the working tree, or a Git base revision) through every
 * stage, taking intent SQL from the given lock file; shared by compile, preview, plan and generate.
 */
final class Compilation {

    /** Segments rendered for the preview engine, and why the others cannot be previewed. */
    record EngineSql(List<RenderedSegment> previewable, Map<String, String> unpreviewable) {
    }

    private final Compiler compiler;
    private final Connectors connectors;
    private final Path stateDir;
    private final String model;
    private final Console console;

    Compilation(Compiler compiler, Connectors connectors, Path stateDir, String model, Console console) {
        this.compiler = compiler;
        this.connectors = connectors;
        this.stateDir = stateDir;
        this.model = model;
        this.console = console;
    }

    CompiledProject compile(ResolvedProject project, Path lockFile, boolean locked, Path sqlDir) {
        Compiler.Sources sources = hasSqlSegments(project)
                ? compiler.sources(project, sqlSources(project), LockFile.read(lockFile), locked)
                : new Compiler.Sources(Map.of(), List.of());
        sources.warnings().stream().map(Diagnostic::format).forEach(console::warn);
        List<GeneratedSegment> generated = compiler.generate(project, sources.sql());
        List<RenderedSegment> bigquery = compiler.render(project, generated, new BigQueryDialect());
        return new CompiledProject(project, generated, bigquery, sqlDir);
    }

    SqlSources sqlSources(ResolvedProject project) {
        return new SqlSources(project.warehouse(), connectors.analyzers(), new AnalysisCache(stateDir), model);
    }

    /** Renders for DuckDB; hand-written SQL it cannot run with BigQuery's meaning is left out, with the reason. */
    EngineSql engineSql(CompiledProject compiled) {
        SqlRenderer renderer = new SqlRenderer(compiled.project().warehouse(), new DuckDbDialect(connectors.translator()));
        List<RenderedSegment> previewable = new ArrayList<>();
        Map<String, String> unpreviewable = new TreeMap<>();
        for (GeneratedSegment segment : compiled.generated()) {
            try {
                previewable.add(renderer.render(segment));
            } catch (UnpreviewableSqlException e) {
                unpreviewable.put(segment.segment().id(), e.getMessage() + " (at " + e.line() + ":" + e.column() + ")");
            }
        }
        return new EngineSql(previewable, unpreviewable);
    }

    static boolean hasSqlSegments(ResolvedProject project) {
        return project.segments().stream().anyMatch(s -> !s.definition().isStructured());
    }
}

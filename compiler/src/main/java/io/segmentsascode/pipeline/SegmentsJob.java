package io.segmentsascode.pipeline;

import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.PreviewReport;
import io.segmentsascode.preview.PreviewTable;
import io.segmentsascode.preview.SegmentPreview;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The repository-level goals as one object: validate, compile, preview, and run (all of them in
 * order). Front ends construct it with settings, a console and a way to open the preview engine.
 */
public final class SegmentsJob {

    /** Opens the embedded warehouse for a resolved schema; a port so the core needs no DuckDB jar. */
    public interface PreviewEngines {
        PreviewEngine open(Warehouse warehouse, SegmentsSettings settings);
    }

    public static final String SQL_DIR = "bigquery";
    public static final String PREVIEW_FILE = "preview.txt";

    private final SegmentsSettings settings;
    private final Console console;
    private final PreviewEngines engines;
    private final Compiler compiler = new Compiler();

    public SegmentsJob(SegmentsSettings settings, Console console, PreviewEngines engines) {
        this.settings = settings;
        this.console = console;
        this.engines = engines;
    }

    public ResolvedProject validate() {
        ResolvedProject project = compiler.check(settings.segmentsDir(), settings.campaignsDir());
        console.info("Validated " + project.segments().size() + " segments and " + project.campaigns().size()
                + " campaign mappings against " + project.warehouse().tables().size() + " warehouse tables: no errors.");
        return project;
    }

    public CompiledProject compile() {
        ResolvedProject project = validate();
        List<RenderedSegment> sql = compiler.render(project, compiler.generate(project), new BigQueryDialect());
        Path dir = settings.outputDir().resolve(SQL_DIR);
        SqlFiles.write(dir, project, sql);
        console.info("Compiled " + sql.size() + " segments to BigQuery SQL in " + display(dir));
        return new CompiledProject(project, sql, dir);
    }

    public PreviewReport preview() {
        return preview(compile().project());
    }

    /** The main job: everything the pipeline has, in order. */
    public PreviewReport run() {
        return preview();
    }

    private PreviewReport preview(ResolvedProject project) {
        List<GeneratedSegment> generated = compiler.generate(project);
        List<RenderedSegment> duckdb = compiler.render(project, generated, new DuckDbDialect());
        try (PreviewEngine engine = engines.open(project.warehouse(), settings)) {
            boolean fromData = settings.asOf().isEmpty();
            Instant runTime = settings.asOf().orElseGet(engine::latestDataTime);
            List<SegmentPreview> results = new ArrayList<>();
            for (int i = 0; i < duckdb.size(); i++) {
                results.add(engine.run(duckdb.get(i), runTime));
            }
            PreviewReport report = new PreviewReport(runTime, fromData, results);
            List<String> lines = PreviewTable.lines(report);
            lines.forEach(console::info);
            writeReport(lines);
            return report;
        }
    }

    private void writeReport(List<String> lines) {
        try {
            Files.createDirectories(settings.outputDir());
            Files.write(settings.outputDir().resolve(PREVIEW_FILE), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the preview report", e);
        }
    }

    private static String display(Path path) {
        return io.segmentsascode.diagnostics.Location.displayPath(path);
    }
}

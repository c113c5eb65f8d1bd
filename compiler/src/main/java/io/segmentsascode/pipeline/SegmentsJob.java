package io.segmentsascode.pipeline;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.apply.Applier;
import io.segmentsascode.apply.Target;
import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.intent.GenerationException;
import io.segmentsascode.intent.IntentGenerator;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.intent.LockFileException;
import io.segmentsascode.intent.SqlSources;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.report.PlanText;
import io.segmentsascode.plan.report.SavedPlan;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.PreviewException;
import io.segmentsascode.preview.PreviewReport;
import io.segmentsascode.preview.PreviewTable;
import io.segmentsascode.preview.SegmentPreview;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The repository-level goals as one object: validate, compile, preview, plan, apply, and run
 * (all of them, in order). Front ends construct it with settings, a console and the connectors.
 */
public final class SegmentsJob {

    public static final String SQL_DIR = "bigquery";
    public static final String PREVIEW_FILE = "preview.txt";

    private final SegmentsSettings settings;
    private final Console console;
    private final Connectors connectors;
    private final Stages compiler = new Stages();
    private final GuardedBuild compilation;
    private final Consumer<String> progress;

    public SegmentsJob(SegmentsSettings settings, Console console, Connectors connectors) {
        this.settings = settings;
        this.console = console;
        this.connectors = connectors;
        this.progress = settings.progress() ? console::info : line -> { };
        this.compilation = new GuardedBuild(compiler, connectors, settings, console);
    }

    /** Load, validate and resolve every file, and hold intent and sql segments' SQL to the guardrails. */
    public ResolvedProject validate() {
        ResolvedProject project = definitions();
        compilation.sources(project, settings.lockFile(), settings.locked());
        reportValid(project);
        return project;
    }

    private void reportValid(ResolvedProject project) {
        console.info("Validated " + project.segments().size() + " segments and " + project.campaigns().size()
                + " campaign mappings against " + project.warehouse().tables().size() + " warehouse tables: no errors.");
    }

    public CompiledProject compile() {
        ResolvedProject project = definitions();
        Path dir = settings.outputDir().resolve(SQL_DIR);
        CompiledProject compiled = compilation.compile(project, settings.lockFile(), settings.locked(), dir);
        reportValid(project);
        SqlFiles.write(dir, project, compiled.bigquery());
        console.info("Compiled " + compiled.bigquery().size() + " segments to BigQuery SQL in " + Location.displayPath(dir));
        return compiled;
    }

    /**
     * The definitions in the configured folders. A folder setting that names no folder is an error,
     * never an empty project: a typo in it would otherwise plan, with prune, to delete everything.
     */
    private ResolvedProject definitions() {
        Diagnostics diagnostics = new Diagnostics();
        requireFolder(Parameters.DIR, settings.segmentsDir(), "it must hold warehouse.yaml and the segment files",
                diagnostics);
        requireFolder(Parameters.CAMPAIGNS_DIR, settings.campaignsDir(), "create the folder if the project has no "
                + "campaigns yet, with a .gitkeep file in it, as Git keeps no empty folder", diagnostics);
        if (diagnostics.hasErrors()) {
            throw new ConfigException(diagnostics.sorted());
        }
        return compiler.check(settings.segmentsDir(), settings.campaignsDir());
    }

    private static void requireFolder(String parameter, Path folder, String ifMissing, Diagnostics diagnostics) {
        String shown = Location.displayPath(folder);
        if (!Files.exists(folder)) {
            diagnostics.error(Location.ofSetting(parameter), "folder '" + shown + "' does not exist",
                    "check the path; " + ifMissing);
        } else if (!Files.isDirectory(folder)) {
            diagnostics.error(Location.ofSetting(parameter), "'" + shown + "' is a file, not a folder",
                    "point " + parameter + " at a folder");
        }
    }

    /**
     * Checks every pin without compiling anything else: each intent has a current pin (as a locked
     * compile requires), the lock pins no segment that is gone, and every pinned and hand-written
     * query passes the guardrails on a fresh analysis, whatever the lock records.
     */
    public void lockCheck() {
        ResolvedProject project = definitions();
        LockFile lock = LockFile.read(settings.lockFile());
        Diagnostics diagnostics = new Diagnostics();
        lock.pins().keySet().stream().filter(id -> project.segment(id).isEmpty()).forEach(id -> diagnostics.error(
                lock.location(id, settings.lockFile()), "segments.lock pins " + id + ", which no longer exists",
                "run mvn segments:generate to drop it"));
        compilation.sqlSources(project, new Analyses.Fresh()).resolve(project.segments(), lock, settings.lockFile(), true,
                diagnostics);
        if (diagnostics.hasErrors()) {
            throw new LockFileException(diagnostics.sorted());
        }
        long pins = project.segments().stream().filter(s -> s.definition() instanceof SegmentDefinition.Intent).count();
        console.info("segments.lock: " + pins + " intent pins, all current and within the guardrails.");
    }

    /** Refreshes missing and stale pins (needs model credentials only if something must be generated). */
    public LockFile generate() {
        ResolvedProject project = definitions();
        compilation.requireUntrackedStateDir();
        LockFile before = LockFile.read(settings.lockFile());
        SqlSources sources = compilation.sqlSources(project);
        Diagnostics diagnostics = new Diagnostics();
        List<IntentGenerator.Outcome> outcomes = new ArrayList<>();
        try (SampleChecks checks = new SampleChecks(project, compiler, connectors, settings)) {
            LockFile after = new IntentGenerator(sources, () -> connectors.models().open(settings.model(), console),
                    settings.stateDir(), checks::check).generate(project.segments(), before, settings.pinFrom(), diagnostics,
                    outcomes);
            if (!after.render().equals(before.render())) {
                after.write(settings.lockFile());
            }
            outcomes.forEach(o -> console.info("  " + o.segmentId() + ": " + o.what()));
            console.info(outcomes.isEmpty() ? "segments.lock is current; nothing generated."
                    : "Updated " + Location.displayPath(settings.lockFile()) + "; review the SQL diff and commit it.");
            if (diagnostics.hasErrors()) {
                throw new GenerationException(diagnostics.sorted());
            }
            return after;
        }
    }

    public PreviewReport preview() {
        CompiledProject compiled = compile();
        try (Session session = open(compiled)) {
            return session.preview();
        }
    }

    public Plan plan() {
        CompiledProject compiled = compile();
        try (Session session = open(compiled); Target target = session.target()) {
            return session.plan(target).plan();
        }
    }

    public Plan apply() {
        CompiledProject compiled = compile();
        try (Session session = open(compiled); Target target = session.target()) {
            return session.apply(target);
        }
    }

    /** The main job: validate, compile, preview, plan and apply to the configured target. */
    public Plan run() {
        CompiledProject compiled = compile();
        try (Session session = open(compiled); Target target = session.target()) {
            session.preview();
            return session.apply(target);
        }
    }

    private Session open(CompiledProject compiled) {
        compilation.requireUntrackedStateDir(); // the local warehouse, applied state and journal live there
        GuardedBuild.EngineSql engineSql = compilation.engineSql(compiled);
        PreviewEngine engine = connectors.engines().open(compiled.project().warehouse(), settings);
        Instant runTime = settings.asOf().orElseGet(engine::latestDataTime);
        settings.asOf().ifPresent(asOf -> engine.dataTimeRange().ifPresent(range -> warnOutside(asOf, range)));
        return new Session(compiled, engine, engineSql, runTime);
    }

    /** A reference time outside the data is allowed (a what-if) but previews windows with little or no activity. */
    private void warnOutside(Instant asOf, PreviewEngine.TimeRange range) {
        if (range.contains(asOf)) {
            return;
        }
        String where = asOf.isBefore(range.earliest())
                ? "is before the earliest time in the sample data (" + range.earliest() + "): no activity precedes it"
                : "is after the latest time in the sample data (" + range.latest() + "): windows ending then see less "
                        + "activity, or none";
        console.warn(Diagnostic.warning(Location.ofSetting(Parameters.AS_OF), asOf + " " + where,
                "pick a time from " + range.earliest() + " to " + range.latest() + ", or leave " + Parameters.AS_OF
                        + " unset to use the latest").format());
    }

    /** One open embedded warehouse shared by preview, plan and apply of a run. */
    private final class Session implements AutoCloseable {
        private final CompiledProject compiled;
        private final PreviewEngine engine;
        private final GuardedBuild.EngineSql engineSql;
        private final Instant runTime;

        Session(CompiledProject compiled, PreviewEngine engine, GuardedBuild.EngineSql engineSql, Instant runTime) {
            this.compiled = compiled;
            this.engine = engine;
            this.engineSql = engineSql;
            this.runTime = runTime;
        }

        @Override
        public void close() {
            engine.close();
        }

        Target target() {
            return connectors.targets().open(engine, compiled.project(), engineSql.previewable(), runTime, settings);
        }

        /**
         * Previews every segment, each on its own: one that fails has its error in the table and
         * the others are still previewed. The goal then fails, naming every failed segment.
         */
        PreviewReport preview() {
            List<SegmentPreview> results = new ArrayList<>();
            Map<String, String> failures = new TreeMap<>();
            int done = 0;
            for (RenderedSegment segment : engineSql.previewable()) {
                try {
                    results.add(engine.run(segment, runTime));
                } catch (SegmentRunException e) {
                    failures.put(e.segmentId(), e.reason());
                }
                if (++done % 100 == 0) {
                    progress.accept("preview: " + done + "/" + engineSql.previewable().size() + " segments");
                }
            }
            PreviewReport report = new PreviewReport(runTime, settings.asOf().isEmpty(), results, failures);
            List<String> lines = new ArrayList<>(PreviewTable.lines(report));
            engineSql.unpreviewable().forEach((id, why) -> lines.add(id + "  not previewable: " + why));
            lines.forEach(console::info);
            writeReport(lines);
            if (!failures.isEmpty()) {
                throw failedOnSample(failures, results.size());
            }
            return report;
        }

        /** One located error per segment that failed on the sample warehouse, at the key that defines its members. */
        private PreviewException failedOnSample(Map<String, String> failures, int previewed) {
            String others = "the other " + previewed + " segments were previewed ("
                    + Location.displayPath(settings.outputDir().resolve(PREVIEW_FILE)) + ")";
            List<Diagnostic> diagnostics = new ArrayList<>();
            failures.forEach((id, why) -> {
                Location at = compiled.project().segment(id).map(Segment::definedAt).orElse(Location.ofSetting(Parameters.DIR));
                diagnostics.add(Diagnostic.error(at, "segment " + id + " failed on the sample warehouse: " + why,
                        "fix the segment; " + others));
            });
            return new PreviewException(diagnostics);
        }

        PlanGoal.Planned plan(Target target) {
            PlanGoal.Planned planned = new PlanGoal(settings, connectors, compiler, compilation, progress)
                    .plan(compiled, engine, engineSql, runTime, target);
            PlanText.lines(planned.plan()).forEach(console::info);
            console.info("Plan written to " + Location.displayPath(settings.outputDir().resolve("plan.md"))
                    + ", plan.json and report.html");
            List<Finding> errors = planned.plan().findings().stream().filter(Finding::isError).toList();
            if (!errors.isEmpty()) {
                throw new PlanException(errors);
            }
            return planned;
        }

        Plan apply(Target target) {
            PlanGoal.Planned planned = plan(target);
            Plan plan = planned.plan();
            settings.planFile().ifPresent(file -> requireSamePlan(file, plan));
            if (plan.pendingChanges() == 0) {
                console.info("Apply: nothing to do, target '" + target.name() + "' matches the definitions.");
                return plan;
            }
            // a resumed apply or a taken-over lease is news of an earlier crash: shown as a warning, even under -q
            Applier.Result result = new Applier(settings.stateDir(), Clock.systemUTC(), Applier.DEFAULT_LEASE, progress,
                    console::warn).apply(plan.fingerprint(), planned.changes(), target);
            console.info("Apply complete: " + result.applied().size() + " changes applied to target '" + target.name() + "'.");
            return plan;
        }
    }

    /** A reviewed plan.json may only be applied while it still describes what apply would do. */
    private static void requireSamePlan(Path file, Plan fresh) {
        SavedPlan.requireSame(file, fresh);
    }

    private void writeReport(List<String> lines) {
        try {
            Files.createDirectories(settings.outputDir());
            Files.write(settings.outputDir().resolve(PREVIEW_FILE), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the preview report", e);
        }
    }
}

package io.segmentsascode.pipeline;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.apply.Target;
import io.segmentsascode.brief.BriefLock;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.evaluate.Evaluation;
import io.segmentsascode.intent.LockCheck;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.preview.PreviewReport;
import io.segmentsascode.scaffold.Scaffolder;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.nio.file.Path;

/**
 * The repository-level goals as one object: validate, compile, lock-check, generate, preview,
 * evaluate, plan, apply, and run (all of them, in order). Front ends construct it with settings, a console
 * and the connectors; each goal is one call into the stage that does its work.
 */
public final class SegmentsJob {

    public static final String SQL_DIR = "bigquery";

    private final SegmentsSettings settings;
    private final Console console;
    private final Connectors connectors;
    private final Stages stages = new Stages();
    private final GuardedBuild build;

    public SegmentsJob(SegmentsSettings settings, Console console, Connectors connectors) {
        this.settings = settings;
        this.console = console;
        this.connectors = connectors;
        this.build = new GuardedBuild(stages, connectors, settings, console);
    }

    /** Load, validate and resolve every file, and hold intent and sql segments' SQL to the guardrails. */
    public ResolvedProject validate() {
        ResolvedProject project = definitions();
        build.sources(project, settings.lockFile(), settings.locked());
        reportValid(project);
        return project;
    }

    /**
     * Writes a new definition of {@code kind} named {@code id}, then checks the project's definitions
     * with it (an intent's SQL is pinned afterwards, by segments:generate, as its comments say).
     */
    public Path scaffold(String kind, String id) {
        Path file = Scaffolder.create(kind, id, settings.segmentsDir(), settings.campaignsDir());
        reportValid(definitions());
        console.info(
                "Wrote " + Location.displayPath(file) + ": fill in what its comments ask, then open a pull request.");
        return file;
    }

    public CompiledProject compile() {
        ResolvedProject project = definitions();
        Path dir = settings.outputDir().resolve(SQL_DIR);
        CompiledProject compiled = build.compile(project, settings.lockFile(), settings.locked(), dir);
        reportValid(project);
        SqlFiles.write(dir, project, compiled.bigquery(), compiled.refreshScripts());
        console.info("Compiled " + compiled.bigquery().size() + " segments to BigQuery SQL and "
                + compiled.refreshScripts().size()
                + " refresh scripts in " + Location.displayPath(dir));
        return compiled;
    }

    /** Checks every pin and hand-written query afresh, compiling nothing else. */
    public void lockCheck() {
        ResolvedProject project = definitions();
        long pins = LockCheck.check(project, settings.lockFile(), build.sqlSources(project, new Analyses.Fresh()));
        console.info("segments.lock: " + pins + " intent pins, all current and within the guardrails.");
        // briefs are text for humans, read in the one shape a brief may have; staleness needs the sample (the plan)
        int briefs =
                BriefLock.read(BriefLock.beside(settings.lockFile())).pins().size();
        console.info(BriefLock.FILE_NAME + ": " + briefs + " briefs, each well-formed.");
    }

    /** Refreshes missing and stale pins (needs model credentials only if something must be generated). */
    public LockFile generate() {
        return new PinGeneration(settings, console, connectors, stages, build).generate(definitions());
    }

    public PreviewReport preview() {
        try (WarehouseSession session = open(compile())) {
            return session.preview();
        }
    }

    /** A against B per experiment and segment label on the sample's experiments table, with the tests' flags. */
    public Evaluation evaluate() {
        try (WarehouseSession session = open(compile())) {
            return session.evaluate();
        }
    }

    public Plan plan() {
        try (WarehouseSession session = open(compile());
                Target target = session.target()) {
            return session.plan(target).plan();
        }
    }

    public Plan apply() {
        try (WarehouseSession session = open(compile());
                Target target = session.target()) {
            return session.apply(target);
        }
    }

    /** The main job: validate, compile, preview, plan and apply to the configured target. */
    public Plan run() {
        try (WarehouseSession session = open(compile());
                Target target = session.target()) {
            session.preview();
            return session.apply(target);
        }
    }

    private ResolvedProject definitions() {
        return ProjectFolders.resolve(settings, stages);
    }

    private void reportValid(ResolvedProject project) {
        console.info("Validated " + project.segments().size() + " segments and "
                + project.campaigns().size() + " campaign mappings against "
                + project.warehouse().tables().size() + " warehouse tables: no errors.");
    }

    private WarehouseSession open(CompiledProject compiled) {
        return WarehouseSession.open(settings, console, connectors, stages, build, compiled);
    }
}

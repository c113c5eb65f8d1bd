package io.segmentsascode.pipeline;

import io.segmentsascode.apply.Applier;
import io.segmentsascode.apply.AudienceDestination;
import io.segmentsascode.apply.TablesAndAudiences;
import io.segmentsascode.apply.Target;
import io.segmentsascode.apply.WarehouseTarget;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.evaluate.Evaluation;
import io.segmentsascode.evaluate.EvaluationReport;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.PlannedChange;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.report.ApplySummary;
import io.segmentsascode.plan.report.PlanText;
import io.segmentsascode.plan.report.SavedPlan;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.PreviewReport;
import io.segmentsascode.preview.SamplePreview;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import io.segmentsascode.spi.TargetSql;
import io.segmentsascode.spi.WarehouseConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** One open sample warehouse shared by the preview, plan and apply of a run, at one reference time. */
final class WarehouseSession implements AutoCloseable {

    /** What the last apply did, in the output folder, for a CI job summary. */
    static final String APPLY_SUMMARY = "apply.md";

    private final SegmentsSettings settings;
    private final Console console;
    private final Connectors connectors;
    private final Stages stages;
    private final GuardedBuild build;
    private final Consumer<String> progress;
    private final CompiledProject compiled;
    private final WarehouseConnection warehouse;
    private final PreviewEngine engine;
    private final GuardedBuild.EngineSql engineSql;
    private final Instant runTime;
    private final ExperimentsOnTarget experiments;

    private WarehouseSession(
            SegmentsSettings settings,
            Console console,
            Connectors connectors,
            Stages stages,
            GuardedBuild build,
            CompiledProject compiled,
            WarehouseConnection warehouse,
            GuardedBuild.EngineSql engineSql,
            Instant runTime) {
        this.settings = settings;
        this.console = console;
        this.connectors = connectors;
        this.stages = stages;
        this.build = build;
        this.progress = settings.progress() ? console::info : line -> {};
        this.compiled = compiled;
        this.warehouse = warehouse;
        this.engine = warehouse.sample();
        this.engineSql = engineSql;
        this.runTime = runTime;
        this.experiments = new ExperimentsOnTarget(compiled.project(), warehouse, build);
    }

    static WarehouseSession open(
            SegmentsSettings settings,
            Console console,
            Connectors connectors,
            Stages stages,
            GuardedBuild build,
            CompiledProject compiled) {
        build.requireUntrackedStateDir(); // the local warehouse, applied state and journal live there
        GuardedBuild.EngineSql engineSql = build.engineSql(compiled);
        WarehouseConnection warehouse =
                connectors.warehouses().open(compiled.project().warehouse(), settings);
        PreviewEngine engine = warehouse.sample();
        Instant runTime = settings.asOf().orElseGet(engine::latestDataTime);
        settings.asOf().ifPresent(asOf -> engine.dataTimeRange().ifPresent(range -> warnOutside(asOf, range, console)));
        return new WarehouseSession(
                settings, console, connectors, stages, build, compiled, warehouse, engineSql, runTime);
    }

    /** A reference time outside the data is allowed (a what-if) but previews windows with little or no activity. */
    private static void warnOutside(Instant asOf, PreviewEngine.TimeRange range, Console console) {
        if (range.contains(asOf)) {
            return;
        }
        String where = asOf.isBefore(range.earliest())
                ? "is before the earliest time in the sample data (" + range.earliest() + "): no activity precedes it"
                : "is after the latest time in the sample data (" + range.latest() + "): windows ending then see less "
                        + "activity, or none";
        console.warn(Diagnostic.warning(
                        Location.ofSetting(Parameters.AS_OF),
                        asOf + " " + where,
                        "pick a time from " + range.earliest() + " to " + range.latest() + ", or leave "
                                + Parameters.AS_OF + " unset to use the latest")
                .format());
    }

    @Override
    public void close() {
        warehouse.close();
    }

    /** The warehouse target with the audience destination fed by its tables, as one target for plan and apply. */
    Target target() {
        WarehouseTarget tables = warehouse.target(
                new TargetSql(
                        compiled.bigquery(),
                        engineSql.previewable(),
                        compiled.refresh(),
                        compiled.refreshScripts(),
                        build.holdoutGroups(compiled)),
                runTime);
        try {
            AudienceDestination audiences = connectors
                    .audiences()
                    .open(compiled.project(), tables.members(), tables.audienceMarkers(), settings);
            return new TablesAndAudiences(tables, audiences);
        } catch (RuntimeException e) {
            tables.close();
            throw e;
        }
    }

    PreviewReport preview() {
        ResolvedProject project = compiled.project();
        return new SamplePreview(engine, runTime, settings.asOf().isEmpty(), progress)
                .run(
                        engineSql.previewable(),
                        engineSql.unpreviewable(),
                        settings.outputDir(),
                        id -> project.segment(id).map(Segment::definedAt).orElse(Location.ofSetting(Parameters.DIR)),
                        console::info);
    }

    /**
     * Runs the experiments query where the target's experiments live (the sample, or BigQuery for
     * {@code segments.target=bigquery}) and writes evaluation.md, .json and .html next to the plan's
     * files.
     */
    Evaluation evaluate() {
        ResolvedProject project = compiled.project();
        ExperimentsOnTarget.Reading reading = experiments.read();
        Evaluation evaluation = Evaluation.of(reading.totals(), settings.confidence(), reading.dataLabel())
                .withHoldouts(new HoldoutsOnTarget(settings, console, project, warehouse, build).read(runTime));
        EvaluationReport.lines(evaluation).forEach(console::info);
        PlanGoal.gates(project, experiments)
                .forEach((campaign, gate) -> console.info("Promotion gate of " + campaign + ": " + gate.evidence()));
        Path dir = settings.outputDir();
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("evaluation.md"), EvaluationReport.markdown(evaluation), StandardCharsets.UTF_8);
            Files.writeString(
                    dir.resolve("evaluation.json"), EvaluationReport.json(evaluation), StandardCharsets.UTF_8);
            Files.writeString(
                    dir.resolve("evaluation.html"), EvaluationReport.html(evaluation), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evaluation to " + dir, e);
        }
        console.info("Evaluation written to " + Location.displayPath(dir.resolve("evaluation.md"))
                + ", evaluation.json and evaluation.html");
        return evaluation;
    }

    PlanGoal.Planned plan(Target target) {
        PlanGoal.Planned planned = new PlanGoal(settings, connectors, stages, build, progress)
                .plan(compiled, engine, engineSql, runTime, target, experiments);
        PlanText.lines(planned.plan()).forEach(console::info);
        console.info("Plan written to "
                + Location.displayPath(settings.outputDir().resolve("plan.md")) + ", plan.json and report.html");
        List<Finding> errors =
                planned.plan().findings().stream().filter(Finding::isError).toList();
        if (!errors.isEmpty()) {
            throw new PlanException(errors);
        }
        return planned;
    }

    Plan apply(Target target) {
        PlanGoal.Planned planned = plan(target);
        Plan plan = planned.plan();
        // a reviewed plan.json is applied while the definitions still declare what was reviewed
        Optional<SavedPlan.Review> review = settings.planFile().map(file -> SavedPlan.requireSame(file, plan));
        review.filter(r -> !r.matchesExactly())
                .ifPresent(r -> console.warn("Apply: the target differs from what the reviewed plan saw: "
                        + r.beyondReview().size() + " changes beyond it, "
                        + r.alreadyDone().size()
                        + " already done (listed in " + APPLY_SUMMARY + ")"));
        if (plan.pendingChanges() == 0) {
            target.recordSync(Instant.now()); // the target matches its definitions: a successful sync
            writeSummary(target, List.of(), review);
            console.info("Apply: nothing to do, target '" + target.name() + "' matches the definitions.");
            return plan;
        }
        // a resumed apply or a taken-over lease is news of an earlier crash: shown as a warning, even under -q
        Applier.Result result = new Applier(
                        settings.stateDir(), Clock.systemUTC(), Applier.DEFAULT_LEASE, progress, console::warn)
                .apply(plan.fingerprint(), planned.changes(), target);
        target.recordSync(Instant.now());
        writeSummary(target, result.applied().stream().map(PlannedChange::of).toList(), review);
        console.info(
                "Apply complete: " + result.applied().size() + " changes applied to target '" + target.name() + "'.");
        return plan;
    }

    /** For a CI job summary: what was applied, and how the target differed from a reviewed plan. */
    private void writeSummary(Target target, List<PlannedChange> applied, Optional<SavedPlan.Review> review) {
        Path file = settings.outputDir().resolve(APPLY_SUMMARY);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ApplySummary.render(target.name(), applied, review), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

package io.segmentsascode.pipeline;

import io.segmentsascode.brief.BriefException;
import io.segmentsascode.brief.BriefGenerator;
import io.segmentsascode.brief.BriefLock;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.intent.GenerationException;
import io.segmentsascode.intent.IntentGenerator;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import io.segmentsascode.spi.WarehouseConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The generate goal: refreshes missing and stale pins, trying each candidate on the sample
 * warehouse, and rewrites the lock file only when its bytes change; then drafts the campaign
 * briefs of mapped segments whose brief is missing or stale (briefs.lock, same rules).
 */
final class PinGeneration {

    private final SegmentsSettings settings;
    private final Console console;
    private final Connectors connectors;
    private final Stages stages;
    private final GuardedBuild build;

    PinGeneration(
            SegmentsSettings settings, Console console, Connectors connectors, Stages stages, GuardedBuild build) {
        this.settings = settings;
        this.console = console;
        this.connectors = connectors;
        this.stages = stages;
        this.build = build;
    }

    LockFile generate(ResolvedProject project) {
        build.requireUntrackedStateDir();
        LockFile before = LockFile.read(settings.lockFile());
        Diagnostics diagnostics = new Diagnostics();
        List<IntentGenerator.Outcome> outcomes = new ArrayList<>();
        try (SampleChecks checks = new SampleChecks(project, stages, connectors, settings)) {
            LockFile after = new IntentGenerator(
                            build.sqlSources(project),
                            () -> connectors.models().open(settings.model(), console),
                            settings.stateDir(),
                            checks::check)
                    .generate(project.segments(), before, settings.pinFrom(), diagnostics, outcomes);
            if (!after.render().equals(before.render())) {
                after.write(settings.lockFile());
            }
            outcomes.forEach(o -> console.info("  " + o.segmentId() + ": " + o.what()));
            console.info(
                    outcomes.isEmpty()
                            ? "segments.lock is current; nothing generated."
                            : "Updated " + Location.displayPath(settings.lockFile())
                                    + "; review the SQL diff and commit it.");
            if (diagnostics.hasErrors()) {
                throw new GenerationException(diagnostics.sorted());
            }
        }
        draftBriefs(project);
        return LockFile.read(settings.lockFile());
    }

    /**
     * Drafts the briefs of mapped segments whose brief is missing or stale, from their profiles on
     * the sample (compiled with the pins just written), and rewrites the briefs lock only when its
     * bytes change. A malformed model answer fails the goal after the good briefs are written.
     */
    private void draftBriefs(ResolvedProject project) {
        Path lockFile = BriefLock.beside(settings.lockFile());
        BriefLock before = BriefLock.read(lockFile);
        List<Segment> mapped = CampaignBriefs.mapped(project);
        if (mapped.isEmpty() && before.pins().isEmpty()) {
            return;
        }
        CompiledProject compiled = build.compile(
                project, settings.lockFile(), false, settings.outputDir().resolve(SegmentsJob.SQL_DIR));
        GuardedBuild.EngineSql engineSql = build.engineSql(compiled);
        Diagnostics diagnostics = new Diagnostics();
        List<BriefGenerator.Outcome> outcomes = new ArrayList<>();
        BriefLock after;
        try (WarehouseConnection warehouse = connectors.warehouses().open(project.warehouse(), settings)) {
            PreviewEngine engine = warehouse.sample();
            Instant runTime = settings.asOf().orElseGet(engine::latestDataTime);
            CampaignBriefs.Profiles profiles = CampaignBriefs.profiles(
                    project, engineSql.previewable(), engine, new DuckDbDialect(connectors.translator()), runTime);
            profiles.unavailable()
                    .forEach((id, why) -> console.warn("  " + id + ": no brief drafted, it has no profile: " + why));
            after = new BriefGenerator(() -> connectors.models().open(settings.model(), console), settings.stateDir())
                    .generate(mapped, profiles.profiles(), before, diagnostics, outcomes);
        }
        if (!after.render().equals(before.render())) {
            after.write(lockFile);
        }
        outcomes.forEach(o -> console.info("  " + o.segmentId() + ": " + o.what()));
        diagnostics.sorted().stream().filter(d -> !d.isError()).forEach(d -> console.warn(d.format()));
        console.info(
                outcomes.isEmpty()
                        ? BriefLock.FILE_NAME + " is current; no brief drafted."
                        : "Updated " + Location.displayPath(lockFile) + "; review the briefs and commit them.");
        if (diagnostics.hasErrors()) {
            throw new BriefException(diagnostics.sorted());
        }
    }
}

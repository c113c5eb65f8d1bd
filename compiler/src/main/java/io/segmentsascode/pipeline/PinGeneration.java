package io.segmentsascode.pipeline;

import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.intent.GenerationException;
import io.segmentsascode.intent.IntentGenerator;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.util.ArrayList;
import java.util.List;

/**
 * The generate goal: refreshes missing and stale pins, trying each candidate on the sample
 * warehouse, and rewrites the lock file only when its bytes change.
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
            return after;
        }
    }
}

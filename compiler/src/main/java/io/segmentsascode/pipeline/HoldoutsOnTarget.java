package io.segmentsascode.pipeline;

import io.segmentsascode.apply.files.HoldoutGroupFiles;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.evaluate.Comparison;
import io.segmentsascode.evaluate.EvaluateException;
import io.segmentsascode.evaluate.HoldoutArmsQuery;
import io.segmentsascode.evaluate.HoldoutComparison;
import io.segmentsascode.evaluate.HoldoutGroupsTable;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.spi.Console;
import io.segmentsascode.spi.RemoteReads;
import io.segmentsascode.spi.WarehouseConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each mapping's control group against its treated members, read where apply wrote the groups: a
 * remote target's {@link HoldoutGroupsTable} (one guarded, capped query per mapping summing both
 * arms there), otherwise the state folder's files, compared with the sample's events.
 */
final class HoldoutsOnTarget {

    private final SegmentsSettings settings;
    private final Console console;
    private final ResolvedProject project;
    private final WarehouseConnection warehouse;
    private final GuardedBuild build;

    HoldoutsOnTarget(
            SegmentsSettings settings,
            Console console,
            ResolvedProject project,
            WarehouseConnection warehouse,
            GuardedBuild build) {
        this.settings = settings;
        this.console = console;
        this.project = project;
        this.warehouse = warehouse;
        this.build = build;
    }

    /** @param sampleRunTime the sample's reference time; a remote warehouse's is segments.asOf, else now */
    List<Comparison> read(Instant sampleRunTime) {
        List<Campaign> held = project.campaigns().stream()
                .filter(c -> c.holdout().isPresent())
                .toList();
        if (held.isEmpty()) {
            return List.of();
        }
        Optional<RemoteReads> remote = warehouse.remoteReads();
        if (remote.isEmpty()) {
            return fromFiles(held, warehouse.sample(), sampleRunTime);
        }
        try (RemoteReads reads = remote.get()) {
            return fromTarget(held, reads, settings.asOf().orElseGet(Instant::now));
        }
    }

    private List<Comparison> fromFiles(List<Campaign> held, PreviewEngine engine, Instant runTime) {
        List<Comparison> comparisons = new ArrayList<>();
        for (Campaign campaign : held) {
            Path groups = HoldoutGroupFiles.in(settings.stateDir()).file(campaign.id());
            if (!Files.isRegularFile(groups)) {
                console.info("Holdout of " + campaign.id() + ": no groups written yet (segments:apply writes them)");
                continue;
            }
            HoldoutComparison.compare(campaign, groups, engine, new DuckDbDialect(), project.warehouse(), runTime)
                    .ifPresent(comparisons::add);
        }
        return comparisons;
    }

    private List<Comparison> fromTarget(List<Campaign> held, RemoteReads reads, Instant referenceTime) {
        if (!HoldoutComparison.hasEvents(project.warehouse())) {
            return List.of();
        }
        if (!reads.hasManagedTable(HoldoutGroupsTable.NAME)) {
            console.info("Holdouts: no groups written yet on " + reads.dataLabel() + " (segments:apply writes them to "
                    + HoldoutGroupsTable.NAME + ")");
            return List.of();
        }
        List<Comparison> comparisons = new ArrayList<>();
        for (Campaign campaign : held) {
            String sql = HoldoutArmsQuery.render(reads.dialect(), project.warehouse(), campaign);
            build.guardQuery(
                    project,
                    "holdout",
                    sql,
                    HoldoutArmsQuery.contract(),
                    Map.of(HoldoutGroupsTable.NAME, HoldoutGroupsTable.COLUMNS));
            Optional<Comparison> comparison =
                    HoldoutArmsQuery.comparison(campaign.id(), read(reads, campaign, sql, referenceTime));
            if (comparison.isEmpty()) {
                console.info("Holdout of " + campaign.id() + ": no groups written yet with its salt on "
                        + reads.dataLabel() + " (segments:apply writes them)");
            }
            comparison.ifPresent(comparisons::add);
        }
        return comparisons;
    }

    private static List<List<Object>> read(RemoteReads reads, Campaign campaign, String sql, Instant referenceTime) {
        try {
            return reads.read("holdout", sql, referenceTime);
        } catch (SegmentsException e) {
            throw new EvaluateException(
                    "the holdout groups of " + campaign.id() + " could not be read on " + reads.dataLabel() + ": "
                            + e.diagnostics().get(0).message(),
                    e.diagnostics().get(0).hint());
        } catch (RuntimeException e) {
            throw new EvaluateException(
                    "the holdout groups of " + campaign.id() + " could not be read on " + reads.dataLabel() + ": "
                            + e.getMessage(),
                    "check that the events table exists there with the declared columns");
        }
    }
}

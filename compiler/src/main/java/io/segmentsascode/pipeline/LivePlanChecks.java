package io.segmentsascode.pipeline;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.ArtifactGuard;
import io.segmentsascode.analyze.Catalogs;
import io.segmentsascode.analyze.Guardrails;
import io.segmentsascode.load.ProjectLoader;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.ImpactAnalyzer;
import io.segmentsascode.plan.live.LiveChecks;
import io.segmentsascode.plan.live.LiveFigures;
import io.segmentsascode.plan.live.LiveWarehouse;
import io.segmentsascode.plan.live.RefreshFacts;
import io.segmentsascode.plan.live.RefreshHealthCheck;
import io.segmentsascode.plan.live.SourceSchemaCheck;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.spi.Connectors;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The plan's look at the live warehouse behind a remote target: each cadence's refresh health,
 * warehouse.yaml against the live source schema, and sizes and overlaps measured on the segment
 * tables that exist. The figure queries come from {@link LiveFigures}' fixed templates and pass
 * the guard exactly as they are sent.
 */
final class LivePlanChecks {

    /** The impact with live figures in place of the sample's where tables exist, and what else the warehouse said. */
    record Outcome(ImpactAnalyzer.Impact impact, String dataLabel, LiveChecks live, List<Finding> findings) {}

    private LivePlanChecks() {}

    static Outcome run(
            LiveWarehouse live,
            ResolvedProject project,
            List<RenderedSegment> bigquery,
            ImpactAnalyzer.Impact sample,
            String sampleLabel,
            Instant observedAt,
            Path segmentsDir,
            Connectors connectors,
            double threshold,
            Consumer<String> progress) {
        Warehouse warehouse = project.warehouse();
        progress.accept("Reading refresh health from " + live.outputDataset());
        List<RefreshFacts> facts = live.refreshes();
        RefreshHealthCheck.Result health = RefreshHealthCheck.check(facts, observedAt, project);
        List<Finding> findings = new ArrayList<>(health.findings());
        progress.accept(
                "Comparing warehouse.yaml with the live schema of " + warehouse.project() + "." + warehouse.dataset());
        findings.addAll(SourceSchemaCheck.check(
                warehouse,
                segmentsDir.resolve(ProjectLoader.WAREHOUSE_FILE),
                live.sourceColumns(),
                warehouse.project() + "." + warehouse.dataset()));

        Map<String, Instant> refreshed = new TreeMap<>();
        facts.forEach(refresh ->
                refresh.tables().forEach((table, modified) -> modified.ifPresent(time -> refreshed.put(table, time))));
        List<String> tables =
                sample.sizes().keySet().stream().filter(refreshed::containsKey).toList();
        Optional<LiveFigures.Queries> queries = LiveFigures.queries(warehouse, tables, sample.overlaps());
        if (queries.isEmpty()) {
            Map<String, String> sources = new TreeMap<>();
            sample.sizes().keySet().forEach(id -> sources.put(id, LiveChecks.FROM_SAMPLE));
            return new Outcome(
                    sample, sampleLabel, new LiveChecks(live.outputDataset(), health.refreshes(), sources), findings);
        }
        guard(warehouse, bigquery, queries.get(), connectors);
        progress.accept("Measuring " + tables.size() + " segment tables in " + live.outputDataset());
        List<List<String>> sizeRows = new ArrayList<>();
        queries.get().sizes().forEach(sql -> sizeRows.addAll(live.query("measuring segment sizes", sql)));
        List<List<String>> overlapRows = new ArrayList<>();
        queries.get().overlaps().forEach(sql -> overlapRows.addAll(live.query("measuring segment overlaps", sql)));
        LiveFigures.Figures figures = LiveFigures.merge(
                sample.sizes(),
                sample.overlaps(),
                sizeRows,
                overlapRows,
                refreshed,
                live.outputDataset(),
                sampleLabel,
                threshold);
        ImpactAnalyzer.Impact impact = new ImpactAnalyzer.Impact(
                figures.sizes(),
                sample.baseSizes(),
                figures.overlaps(),
                sample.audienceMembers(),
                sample.skippedFamilies(),
                sample.failures(),
                sample.movedToHigherPriority(),
                sample.baseOverlaps());
        return new Outcome(
                impact,
                figures.label(),
                new LiveChecks(live.outputDataset(), health.refreshes(), figures.sources()),
                findings);
    }

    /** The figure queries as they are sent, against the source and segment tables, held to the guardrails. */
    private static void guard(
            Warehouse warehouse, List<RenderedSegment> bigquery, LiveFigures.Queries queries, Connectors connectors) {
        Map<String, List<OutputColumn>> segmentTables = new TreeMap<>();
        bigquery.stream()
                .filter(s -> queries.measured().contains(s.segmentId()))
                .forEach(s -> segmentTables.put(s.segmentId(), s.columns()));
        List<ArtifactGuard.Artifact> artifacts = new ArrayList<>();
        for (int i = 0; i < queries.sizes().size(); i++) {
            artifacts.add(new ArtifactGuard.Artifact(
                    "segment sizes " + (i + 1), queries.sizes().get(i), LiveFigures.SIZE_COLUMNS, false));
        }
        for (int i = 0; i < queries.overlaps().size(); i++) {
            artifacts.add(new ArtifactGuard.Artifact(
                    "segment overlaps " + (i + 1), queries.overlaps().get(i), LiveFigures.OVERLAP_COLUMNS, false));
        }
        List<AnalysisCatalog.CatalogTable> managed = Catalogs.managed(warehouse, segmentTables);
        Map<String, List<Guardrails.Violation>> violations = new ArtifactGuard(
                        warehouse, connectors.analyzers(), new Analyses.Fresh())
                .checkScript(artifacts, managed);
        if (!violations.isEmpty()) {
            throw new IllegalStateException(
                    "the figure queries segments builds fail its own guardrails (a bug in segments: report it): "
                            + violations);
        }
    }
}

package io.segmentsascode.pipeline;

import io.segmentsascode.apply.AudienceChecks;
import io.segmentsascode.apply.ListFacts;
import io.segmentsascode.apply.Target;
import io.segmentsascode.brief.BriefLock;
import io.segmentsascode.brief.BriefStatus;
import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.evaluate.EvaluateException;
import io.segmentsascode.evaluate.Evaluation;
import io.segmentsascode.evaluate.PromotionGate;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.load.ProjectLoader;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentGraph;
import io.segmentsascode.plan.BudgetCheck;
import io.segmentsascode.plan.CostEstimate;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanAssembler;
import io.segmentsascode.plan.SegmentReferences;
import io.segmentsascode.plan.SyncAge;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.DesiredResource;
import io.segmentsascode.plan.diff.DesiredState;
import io.segmentsascode.plan.diff.StateDiff;
import io.segmentsascode.plan.impact.ConsentRegions;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Governance;
import io.segmentsascode.plan.impact.ImpactAnalyzer;
import io.segmentsascode.plan.impact.Promotions;
import io.segmentsascode.plan.report.BriefsHtml;
import io.segmentsascode.plan.report.BriefsMarkdown;
import io.segmentsascode.plan.report.PlanComment;
import io.segmentsascode.plan.report.PlanHtml;
import io.segmentsascode.plan.report.PlanJson;
import io.segmentsascode.plan.report.PlanMarkdown;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.plan.review.BaseDiffer;
import io.segmentsascode.plan.review.BriefChange;
import io.segmentsascode.plan.review.OverlapChanges;
import io.segmentsascode.plan.review.SegmentDiff;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.spi.BaseCheckoutException;
import io.segmentsascode.spi.Connectors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The plan step: desired vs actual state, sample impact, governance, optional Git review diff. */
final class PlanGoal {

    static final String BASE_DIR = "base";

    /** A plan and the raw changes it was made from (what apply carries out). */
    record Planned(Plan plan, List<Change> changes) {}

    private final SegmentsSettings settings;
    private final Connectors connectors;
    private final Stages stages;
    private final GuardedBuild build;
    private final Consumer<String> progress;

    PlanGoal(
            SegmentsSettings settings,
            Connectors connectors,
            Stages stages,
            GuardedBuild build,
            Consumer<String> progress) {
        this.settings = settings;
        this.connectors = connectors;
        this.stages = stages;
        this.build = build;
        this.progress = progress;
    }

    Planned plan(
            CompiledProject compiled,
            PreviewEngine engine,
            GuardedBuild.EngineSql engineSql,
            Instant runTime,
            Target target,
            ExperimentsOnTarget experiments) {
        ResolvedProject project = compiled.project();
        List<Finding> extraFindings = new ArrayList<>();
        Optional<BaseRevision> base = settings.base().flatMap(ref -> base(ref, compiled, engineSql, extraFindings));
        ImpactAnalyzer.Impact sampleImpact = new ImpactAnalyzer(engine, runTime, settings.overlapThreshold(), progress)
                .analyze(
                        project,
                        engineSql.previewable(),
                        base.map(BaseRevision::project).orElse(null),
                        base.map(BaseRevision::engineSql).orElse(List.of()),
                        settings.stateDir());
        // the moment the target's own state is judged at (refresh and sync ages): the real clock,
        // unless segments.asOf pins it; the sample's latest event says nothing about a live table
        Instant observedAt = settings.asOf().orElseGet(Instant::now);
        // a target with a live warehouse: refresh health, the live schema, figures from its tables
        Optional<LivePlanChecks.Outcome> live = target.live()
                .map(warehouse -> LivePlanChecks.run(
                        warehouse,
                        project,
                        compiled.bigquery(),
                        sampleImpact,
                        engine.dataLabel(),
                        observedAt,
                        settings.segmentsDir(),
                        connectors,
                        settings.overlapThreshold(),
                        progress));
        live.ifPresent(checks -> extraFindings.addAll(checks.findings()));
        ImpactAnalyzer.Impact impact = live.map(LivePlanChecks.Outcome::impact).orElse(sampleImpact);
        // the embedded target can only hold what its engine can run
        List<RenderedSegment> applicable = compiled.bigquery().stream()
                .filter(s -> !engineSql.unpreviewable().containsKey(s.segmentId()))
                .toList();
        engineSql
                .unpreviewable()
                .forEach((id, why) -> extraFindings.add(new Finding(
                        Severity.WARNING,
                        "not-previewable",
                        id,
                        "left out of sample figures and of the " + target.name() + " target: " + why,
                        locationOf(project, id))));
        // the segment's change stays in the plan, with no figures; the error fails the plan, so apply writes nothing
        impact.failures()
                .forEach((id, why) -> extraFindings.add(new Finding(
                        Severity.ERROR,
                        "failed-on-sample",
                        id,
                        "failed on the sample warehouse, so it has no figures and nothing is applied: " + why,
                        locationOf(project, id))));
        List<DesiredResource> desired = new ArrayList<>(DesiredState.of(project, applicable));
        desired.addAll(target.infrastructure());
        List<Change> changes = StateDiff.plan(desired, target.readState(), settings.prune());
        List<Finding> findings = new ArrayList<>(Governance.check(
                project,
                impact.audienceMembers(),
                impact.overlaps(),
                impact.skippedFamilies(),
                settings.minAudience()));
        findings.addAll(extraFindings);
        CostEstimate cost = cost(target, runTime, base);
        findings.addAll(BudgetCheck.check(project.warehouse().budget(), cost));
        SyncAge sync = SyncAge.of(target.lastSync(), observedAt, shortestCadence(project));
        sync.finding(target.name()).ifPresent(findings::add);
        findings.addAll(ConsentRegions.check(project.warehouse(), engine, new DuckDbDialect()));
        Map<String, ListFacts> listFacts = target.listFacts();
        findings.addAll(AudienceChecks.check(project, listFacts));
        findings.addAll(AudienceChecks.stale(project, target.staleAudiences()));
        findings.addAll(Promotions.check(project, gates(project, experiments), base.map(BaseRevision::project)));
        BriefLock briefLock = BriefLock.read(BriefLock.beside(settings.lockFile()));
        List<BriefStatus> briefs = CampaignBriefs.statuses(
                project,
                CampaignBriefs.profiles(project, engineSql.previewable(), engine, new DuckDbDialect(), runTime),
                briefLock);
        findings.addAll(CampaignBriefs.findings(project, briefs));
        findings.sort(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::code)
                .thenComparing(Finding::subject));
        BaseDiff diff = base.map(b -> BaseDiffer.diff(
                                b.ref(),
                                b.commit(),
                                project,
                                compiled.bigquery(),
                                b.project(),
                                b.bigquery(),
                                b.lockChanged())
                        // sample against sample: the base revision has no live tables of its own
                        .withOverlapChanges(
                                OverlapChanges.between(sampleImpact.baseOverlaps(), sampleImpact.overlaps())))
                .map(d -> d.withBriefChanges(BriefChange.between(
                        base.get().briefs(),
                        briefLock,
                        d.segments().stream()
                                .filter(s -> s.status() == SegmentDiff.Status.CHANGED)
                                .map(SegmentDiff::id)
                                .collect(Collectors.toSet()))))
                .orElse(null);
        Plan plan = PlanAssembler.build(
                        target.name(),
                        changes,
                        project,
                        impact,
                        impact.baseSizes(),
                        findings,
                        diff,
                        runTime.toString(),
                        live.map(LivePlanChecks.Outcome::dataLabel).orElse(engine.dataLabel()),
                        settings.overlapThreshold(),
                        SegmentReferences.of(project, base.map(BaseRevision::project)),
                        cost,
                        live.map(LivePlanChecks.Outcome::live).orElse(null),
                        sync)
                .withAudiences(AudienceChecks.status(listFacts));
        write(plan, briefs);
        return new Planned(plan, changes);
    }

    /**
     * The scheduled refreshes' cost from the target's dry runs, priced at {@code segments.pricePerTib};
     * with a base revision, its guarded scripts measured alike, for before → after.
     */
    private CostEstimate cost(Target target, Instant runTime, Optional<BaseRevision> base) {
        BigDecimal price = settings.google().pricePerTib();
        CostEstimate cost = target.refreshScans(runTime)
                .map(scans -> CostEstimate.of(scans, price))
                .orElseGet(() -> CostEstimate.notApplicable(target.name()));
        if (base.isEmpty() || !cost.applicable()) {
            return cost;
        }
        GuardedBuild.Refresh before;
        try {
            before = build.baseRefresh(base.get().project(), base.get().generated());
        } catch (SegmentsException e) {
            return cost; // the base's scripts no longer build: the plan shows the cost after alone
        }
        return target.refreshScans(before.layouts(), before.scripts(), runTime)
                .map(scans -> cost.withBase(CostEstimate.of(scans, price)))
                .orElse(cost);
    }

    /**
     * Each mapping's promotion gate judged on the target's experiments (BigQuery's table for a
     * bigquery target, the sample's otherwise); unreadable experiments fail every gate, saying why.
     */
    static Map<String, PromotionGate> gates(ResolvedProject project, ExperimentsOnTarget experiments) {
        List<Campaign> gated = project.campaigns().stream()
                .filter(c -> c.promoteWhen().isPresent())
                .toList();
        if (gated.isEmpty()) {
            return Map.of();
        }
        Optional<Evaluation> evaluation;
        String unavailable = "";
        try {
            ExperimentsOnTarget.Reading reading = experiments.read();
            evaluation =
                    Optional.of(Evaluation.of(reading.totals(), Parameters.DEFAULT_CONFIDENCE, reading.dataLabel()));
        } catch (EvaluateException e) {
            evaluation = Optional.empty();
            unavailable = "cannot be evaluated: " + e.diagnostics().get(0).message();
        }
        Map<String, PromotionGate> gates = new TreeMap<>();
        for (Campaign campaign : gated) {
            gates.put(
                    campaign.id(), PromotionGate.judge(campaign.promoteWhen().orElseThrow(), evaluation, unavailable));
        }
        return gates;
    }

    /** How often a sync must run: the project's most frequent refresh. */
    private static Refresh shortestCadence(ResolvedProject project) {
        return project.segments().stream()
                .map(Segment::refresh)
                .min(Comparator.naturalOrder())
                .orElse(Refresh.DAILY);
    }

    private static String locationOf(ResolvedProject project, String segmentId) {
        return project.segment(segmentId)
                .map(s -> Finding.locationOf(s.file(), s.definedAt()))
                .orElse("");
    }

    private record BaseRevision(
            String ref,
            String commit,
            ResolvedProject project,
            List<RenderedSegment> bigquery,
            List<RenderedSegment> engineSql,
            boolean lockChanged,
            List<GeneratedSegment> generated,
            BriefLock briefs) {}

    /**
     * Compiles the definitions at the base revision, only what changed where it can (see
     * {@link #unchangedSegments}); a base that no longer compiles is a warning, not a failure.
     */
    private Optional<BaseRevision> base(
            String ref, CompiledProject head, GuardedBuild.EngineSql headEngine, List<Finding> findings) {
        Path into = settings.outputDir().resolve(BASE_DIR);
        Path project = settings.projectDir();
        List<Path> paths = List.of(
                project.relativize(settings.segmentsDir()),
                project.relativize(settings.campaignsDir()),
                project.relativize(settings.lockFile()),
                project.relativize(BriefLock.beside(settings.lockFile())));
        deleteTree(into);
        String commit = checkout(connectors.bases(), project, ref, paths, into);
        try {
            ResolvedProject resolved = stages.check(into.resolve(paths.get(0)), into.resolve(paths.get(1)));
            GuardedBuild.BaseSql compiled = build.compileBase(
                    resolved,
                    into.resolve(paths.get(2)),
                    head,
                    headEngine,
                    unchangedSegments(
                            resolved,
                            head.project(),
                            Arrays.equals(
                                    bytes(settings.segmentsDir().resolve(ProjectLoader.WAREHOUSE_FILE)),
                                    bytes(into.resolve(paths.get(0)).resolve(ProjectLoader.WAREHOUSE_FILE)))));
            return Optional.of(new BaseRevision(
                    ref,
                    commit,
                    resolved,
                    compiled.bigquery(),
                    compiled.previewable(),
                    !Arrays.equals(bytes(settings.lockFile()), bytes(into.resolve(paths.get(2)))),
                    compiled.generated(),
                    BriefLock.read(into.resolve(paths.get(3)))));
        } catch (SegmentsException e) {
            findings.add(new Finding(
                    Severity.WARNING,
                    "base-does-not-compile",
                    ref,
                    "the definitions at " + ref + " do not compile (" + e.errorCount()
                            + " errors), so the review diff is left out",
                    ""));
            return Optional.empty();
        }
    }

    /**
     * The base's segments whose compiled SQL is the working tree's: structured segments (rfm,
     * rules: their SQL depends on their definition and warehouse.yaml alone, not on the lock or a
     * SQL file) with the same definition (spec hash), while warehouse.yaml is byte for byte the
     * same. None when warehouse.yaml changed: every segment is compiled again.
     */
    static Set<String> unchangedSegments(ResolvedProject base, ResolvedProject head, boolean sameWarehouse) {
        if (!sameWarehouse) {
            return Set.of();
        }
        Set<String> unchanged = new TreeSet<>();
        for (Segment segment : base.segments()) {
            head.segment(segment.id())
                    .filter(now -> segment.definition().isStructured()
                            && now.definition().isStructured()
                            && now.specHash().equals(segment.specHash()))
                    .ifPresent(now -> unchanged.add(segment.id()));
        }
        // a segment nests the SQL of the segments it names with in_segment: it is only unchanged
        // when every one of them is
        SegmentGraph graph = SegmentGraph.of(base.segments());
        boolean removed;
        do {
            removed = unchanged.removeIf(id -> !unchanged.containsAll(graph.dependencies(id)));
        } while (removed);
        return unchanged;
    }

    /** An unreadable base is a wrong value of {@code segments.base}: found while planning, before anything is applied. */
    static String checkout(Connectors.BaseSnapshots bases, Path project, String ref, List<Path> paths, Path into) {
        try {
            return bases.checkout(project, ref, paths, into);
        } catch (BaseCheckoutException e) {
            throw new ConfigException(
                    Parameters.BASE, e.getMessage(), "pass a branch, tag or commit of this repository");
        }
    }

    private void write(Plan plan, List<BriefStatus> briefs) {
        try {
            Files.createDirectories(settings.outputDir());
            writeText(
                    settings.outputDir().resolve("plan.md"),
                    PlanMarkdown.render(plan) + BriefsMarkdown.section(briefs));
            writeText(
                    settings.outputDir().resolve("plan-comment.md"),
                    PlanComment.render(plan) + BriefsMarkdown.commentLine(briefs));
            writeText(settings.outputDir().resolve("plan.json"), PlanJson.render(plan));
            writeText(settings.outputDir().resolve("report.html"), PlanHtml.render(plan, BriefsHtml.section(briefs)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the plan to " + settings.outputDir(), e);
        }
    }

    private static void writeText(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}

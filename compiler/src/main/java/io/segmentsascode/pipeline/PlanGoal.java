package io.segmentsascode.pipeline;

import io.segmentsascode.apply.AudienceChecks;
import io.segmentsascode.apply.ListFacts;
import io.segmentsascode.apply.Target;
import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.evaluate.EvaluateException;
import io.segmentsascode.evaluate.Evaluation;
import io.segmentsascode.evaluate.ExperimentQuery;
import io.segmentsascode.evaluate.PromotionGate;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanAssembler;
import io.segmentsascode.plan.diff.Change;
import io.segmentsascode.plan.diff.DesiredResource;
import io.segmentsascode.plan.diff.DesiredState;
import io.segmentsascode.plan.diff.StateDiff;
import io.segmentsascode.plan.impact.ConsentRegions;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Governance;
import io.segmentsascode.plan.impact.ImpactAnalyzer;
import io.segmentsascode.plan.impact.Promotions;
import io.segmentsascode.plan.report.PlanComment;
import io.segmentsascode.plan.report.PlanHtml;
import io.segmentsascode.plan.report.PlanJson;
import io.segmentsascode.plan.report.PlanMarkdown;
import io.segmentsascode.plan.review.BaseDiff;
import io.segmentsascode.plan.review.BaseDiffer;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.spi.BaseCheckoutException;
import io.segmentsascode.spi.Connectors;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.TreeMap;
import java.util.function.Consumer;
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
            Target target) {
        ResolvedProject project = compiled.project();
        List<Finding> extraFindings = new ArrayList<>();
        Optional<BaseRevision> base = settings.base().flatMap(ref -> base(ref, extraFindings));
        ImpactAnalyzer.Impact impact = new ImpactAnalyzer(engine, runTime, settings.overlapThreshold(), progress)
                .analyze(
                        project,
                        engineSql.previewable(),
                        base.map(BaseRevision::engineSql).orElse(List.of()),
                        settings.stateDir());
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
        findings.addAll(ConsentRegions.check(project.warehouse(), engine, new DuckDbDialect()));
        Map<String, ListFacts> listFacts = target.listFacts();
        findings.addAll(AudienceChecks.check(project, listFacts));
        findings.addAll(AudienceChecks.stale(project, target.staleAudiences()));
        findings.addAll(Promotions.check(project, gates(project, engine), base.map(BaseRevision::project)));
        findings.sort(Comparator.comparing(Finding::severity)
                .thenComparing(Finding::code)
                .thenComparing(Finding::subject));
        BaseDiff diff = base.map(b -> BaseDiffer.diff(
                        b.ref(), b.commit(), project, compiled.bigquery(), b.project(), b.bigquery(), b.lockChanged()))
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
                        engine.dataLabel(),
                        settings.overlapThreshold())
                .withAudiences(AudienceChecks.status(listFacts));
        write(plan);
        return new Planned(plan, changes);
    }

    /** Each mapping's promotion gate judged on the sample's experiments; unreadable experiments fail every gate, saying why. */
    static Map<String, PromotionGate> gates(ResolvedProject project, PreviewEngine engine) {
        List<Campaign> gated = project.campaigns().stream()
                .filter(c -> c.promoteWhen().isPresent())
                .toList();
        if (gated.isEmpty()) {
            return Map.of();
        }
        Optional<Evaluation> evaluation;
        String unavailable = "";
        try {
            evaluation = Optional.of(Evaluation.of(
                    ExperimentQuery.read(engine, new DuckDbDialect(), project.warehouse()),
                    Parameters.DEFAULT_CONFIDENCE,
                    engine.dataLabel()));
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
            boolean lockChanged) {}

    /** Compiles the definitions at the base revision; a base that no longer compiles is a warning, not a failure. */
    private Optional<BaseRevision> base(String ref, List<Finding> findings) {
        Path into = settings.outputDir().resolve(BASE_DIR);
        Path project = settings.projectDir();
        List<Path> paths = List.of(
                project.relativize(settings.segmentsDir()),
                project.relativize(settings.campaignsDir()),
                project.relativize(settings.lockFile()));
        deleteTree(into);
        String commit = checkout(connectors.bases(), project, ref, paths, into);
        try {
            ResolvedProject resolved = stages.check(into.resolve(paths.get(0)), into.resolve(paths.get(1)));
            CompiledProject compiled = build.compile(resolved, into.resolve(paths.get(2)), false, into);
            return Optional.of(new BaseRevision(
                    ref,
                    commit,
                    resolved,
                    compiled.bigquery(),
                    build.engineSql(compiled).previewable(),
                    !Arrays.equals(bytes(settings.lockFile()), bytes(into.resolve(paths.get(2))))));
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

    /** An unreadable base is a wrong value of {@code segments.base}: found while planning, before anything is applied. */
    static String checkout(Connectors.BaseSnapshots bases, Path project, String ref, List<Path> paths, Path into) {
        try {
            return bases.checkout(project, ref, paths, into);
        } catch (BaseCheckoutException e) {
            throw new ConfigException(
                    Parameters.BASE, e.getMessage(), "pass a branch, tag or commit of this repository");
        }
    }

    private void write(Plan plan) {
        try {
            Files.createDirectories(settings.outputDir());
            writeText(settings.outputDir().resolve("plan.md"), PlanMarkdown.render(plan));
            writeText(settings.outputDir().resolve("plan-comment.md"), PlanComment.render(plan));
            writeText(settings.outputDir().resolve("plan.json"), PlanJson.render(plan));
            writeText(settings.outputDir().resolve("report.html"), PlanHtml.render(plan));
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

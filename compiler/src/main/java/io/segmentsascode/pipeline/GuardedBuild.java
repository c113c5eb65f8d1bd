package io.segmentsascode.pipeline;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.analyze.AnalysisCache;
import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.ArtifactGuard;
import io.segmentsascode.analyze.Catalogs;
import io.segmentsascode.analyze.GuardException;
import io.segmentsascode.analyze.Guardrails;
import io.segmentsascode.audience.HoldoutGroupsSql;
import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.generate.RefreshPlanner;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.intent.SqlSources;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedScript;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.ScriptRenderer;
import io.segmentsascode.render.ScriptTooLongException;
import io.segmentsascode.render.SqlRenderer;
import io.segmentsascode.render.UnpreviewableSqlException;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compiles one set of definitions (the working tree, or a Git base revision) through every
 * stage, taking intent SQL from the given lock file; shared by compile, preview, plan and generate.
 *
 * <p>Trust: locked builds and remote targets analyse every query and every compiled artifact afresh
 * with an exact analyzer ({@link Analyses.Fresh}); local unlocked builds may reuse this machine's own
 * analyses from the state folder, which must not be tracked by Git.
 */
final class GuardedBuild {

    /** Segments rendered for the preview engine, and why the others cannot be previewed. */
    record EngineSql(List<RenderedSegment> previewable, Map<String, String> unpreviewable) {}

    private static final int TRACKED_FILES_SHOWN = 3;

    private final Stages stages;
    private final Connectors connectors;
    private final SegmentsSettings settings;
    private final Console console;
    private Analyses analyses;
    private boolean stateDirChecked;

    GuardedBuild(Stages stages, Connectors connectors, SegmentsSettings settings, Console console) {
        this.stages = stages;
        this.connectors = connectors;
        this.settings = settings;
        this.console = console;
    }

    /** @param locked whether a stale pin is an error (a review's base revision is compiled unlocked) */
    CompiledProject compile(ResolvedProject project, Path lockFile, boolean locked, Path sqlDir) {
        Stages.Sources sources = sources(project, lockFile, locked);
        List<GeneratedSegment> generated = stages.generate(project, sources.sql());
        List<RenderedSegment> bigquery = stages.render(project, generated, new BigQueryDialect());
        List<RefreshScript> refresh = new RefreshPlanner(project.warehouse()).plan(generated);
        List<RenderedScript> scripts = refreshScripts(project, refresh);
        guard(project, bigquery, refresh, scripts);
        return new CompiledProject(project, generated, bigquery, refresh, scripts, sqlDir);
    }

    /**
     * A review's base revision as the review uses it: each segment's BigQuery SQL and its SQL for
     * the preview engine; {@code generated}: every segment's IR (the head's for unchanged ones), for
     * the base's refresh scripts when a plan measures their cost.
     */
    record BaseSql(
            List<RenderedSegment> bigquery, List<RenderedSegment> previewable, List<GeneratedSegment> generated) {}

    /** A project's refresh layouts and their BigQuery scripts, one per cadence, guarded. */
    record Refresh(List<RefreshScript> layouts, List<RenderedScript> scripts) {}

    /**
     * Compiles a review's base revision, taking the working tree's compiled SQL for the segments in
     * {@code unchanged} and compiling (and guarding) only the others. Callers pass structured
     * segments whose definition and warehouse.yaml are the working tree's: their SQL is a function
     * of those alone, so it is the working tree's. No refresh scripts: a review diffs and sizes
     * segments, and never sends the base anywhere.
     */
    BaseSql compileBase(
            ResolvedProject base, Path lockFile, CompiledProject head, EngineSql headEngine, Set<String> unchanged) {
        Stages.Sources sources = sources(base, lockFile, false);
        List<GeneratedSegment> generated =
                stages.generate(base, sources.sql(), segment -> !unchanged.contains(segment.id()));
        List<RenderedSegment> compiled = stages.render(base, generated, new BigQueryDialect());
        guard(base, compiled, List.of(), List.of());
        List<RenderedSegment> engine = engineSql(base, generated).previewable();
        Map<String, GeneratedSegment> all = new TreeMap<>();
        head.generated().stream()
                .filter(segment -> unchanged.contains(segment.segment().id()))
                .forEach(segment -> all.put(segment.segment().id(), segment));
        generated.forEach(segment -> all.put(segment.segment().id(), segment));
        return new BaseSql(
                inProjectOrder(base, compiled, head.bigquery(), unchanged),
                inProjectOrder(base, engine, headEngine.previewable(), unchanged),
                base.segments().stream()
                        .map(segment -> all.get(segment.id()))
                        .filter(Objects::nonNull)
                        .toList());
    }

    /**
     * The refresh scripts of a review's base revision, built and guarded as compile builds them:
     * only a plan that measures cost before and after needs them, and a dry run sends them.
     */
    Refresh baseRefresh(ResolvedProject base, List<GeneratedSegment> generated) {
        List<RefreshScript> layouts = new RefreshPlanner(base.warehouse()).plan(generated);
        List<RenderedScript> scripts = refreshScripts(base, layouts);
        guard(base, List.of(), layouts, scripts);
        return new Refresh(layouts, scripts);
    }

    /** The base's segments in its own order: compiled ones, and the head's SQL of the unchanged ones. */
    private static List<RenderedSegment> inProjectOrder(
            ResolvedProject base, List<RenderedSegment> compiled, List<RenderedSegment> head, Set<String> unchanged) {
        Map<String, RenderedSegment> byId = new TreeMap<>();
        compiled.forEach(segment -> byId.put(segment.segmentId(), segment));
        head.stream()
                .filter(segment -> unchanged.contains(segment.segmentId()))
                .forEach(segment -> byId.put(segment.segmentId(), segment));
        return base.segments().stream()
                .map(segment -> byId.get(segment.id()))
                .filter(Objects::nonNull)
                .toList();
    }

    /** The BigQuery script of each cadence; a script that cannot fit BigQuery's query length is an error. */
    private static List<RenderedScript> refreshScripts(ResolvedProject project, List<RefreshScript> refresh) {
        ScriptRenderer renderer =
                ScriptRenderer.bigQuery(project.warehouse(), ScriptRenderer.BIGQUERY_QUERY_LENGTH_LIMIT);
        List<RenderedScript> scripts = new ArrayList<>();
        for (RefreshScript script : refresh) {
            try {
                scripts.add(renderer.render(script));
            } catch (ScriptTooLongException e) {
                Segment first =
                        project.segment(script.swaps().get(0).segmentId()).orElseThrow();
                throw new GuardException(List.of(Diagnostic.error(
                        Location.startOf(first.file()),
                        e.getMessage(),
                        "nothing was written; move some " + script.cadence().label() + " segments to another cadence,"
                                + " or shorten the hand-written SQL of its intent and sql segments")));
            }
        }
        return scripts;
    }

    /** The checked SQL of the intent and sql segments (none to check in a structured-only project). */
    Stages.Sources sources(ResolvedProject project, Path lockFile, boolean locked) {
        if (!hasSqlSegments(project)) {
            return new Stages.Sources(Map.of(), List.of());
        }
        Stages.Sources sources =
                stages.sources(project, sqlSources(project), LockFile.read(lockFile), lockFile, locked);
        sources.warnings().stream().map(Diagnostic::format).forEach(console::warn);
        return sources;
    }

    SqlSources sqlSources(ResolvedProject project) {
        return sqlSources(project, analyses());
    }

    SqlSources sqlSources(ResolvedProject project, Analyses analyses) {
        return new SqlSources(project.warehouse(), connectors.analyzers(), analyses, settings.model());
    }

    /**
     * Every compiled artifact, as it will be written and sent, through the guardrails; throws with
     * every violation before anything is written.
     */
    private void guard(
            ResolvedProject project,
            List<RenderedSegment> bigquery,
            List<RefreshScript> refresh,
            List<RenderedScript> scripts) {
        if (!freshAnalysesRequired() && !hasSqlSegments(project)) {
            return; // structured SQL comes from the typed IR alone (see ArtifactGuard): no analyzer, no state folder
        }
        List<ArtifactGuard.Artifact> artifacts = new ArrayList<>();
        for (RenderedSegment rendered : bigquery) {
            Segment segment = project.segment(rendered.segmentId()).orElseThrow();
            artifacts.add(new ArtifactGuard.Artifact(
                    segment.id(),
                    SqlFiles.artifact(segment, rendered),
                    rendered.columns(),
                    !segment.definition().isStructured()));
        }
        Diagnostics diagnostics = new Diagnostics();
        ArtifactGuard guard = new ArtifactGuard(project.warehouse(), connectors.analyzers(), analyses());
        guard.check(artifacts).forEach((id, violations) -> {
            Segment segment = project.segment(id).orElseThrow();
            for (Guardrails.Violation violation : violations) {
                diagnostics.error(
                        Location.startOf(segment.file()),
                        "the compiled SQL of " + id + " fails the guardrails at " + violation.line() + ":"
                                + violation.column() + " of its compiled file: " + violation.message(),
                        "nothing was written; " + violation.hint());
            }
        });
        for (int i = 0; i < refresh.size(); i++) {
            guardScript(project, guard, refresh.get(i), scripts.get(i), diagnostics);
        }
        if (diagnostics.hasErrors()) {
            throw new GuardException(diagnostics.sorted());
        }
    }

    /**
     * Every SELECT of a refresh script as it is sent, against the physical tables and the tables
     * the script creates; a violation points at the segment whose table the query fills, or at the
     * first segment of the cadence for its feature table.
     */
    private static void guardScript(
            ResolvedProject project,
            ArtifactGuard guard,
            RefreshScript refresh,
            RenderedScript script,
            Diagnostics diagnostics) {
        Map<String, String> segmentByTable = new TreeMap<>();
        for (RefreshScript.Swap swap : refresh.swaps()) {
            segmentByTable.put(swap.stagingTable(), swap.segmentId());
            segmentByTable.put(swap.segmentTable(), swap.segmentId());
        }
        List<ArtifactGuard.Artifact> queries = script.queries().stream()
                .map(q -> new ArtifactGuard.Artifact(
                        script.name() + ": " + q.table(), q.sql(), q.columns(), q.embedsSql()))
                .toList();
        List<AnalysisCatalog.CatalogTable> created = Catalogs.managed(project.warehouse(), refresh.tables());
        guard.checkScript(queries, created).forEach((id, violations) -> {
            String table = id.substring(id.indexOf(": ") + 2);
            String segmentId =
                    segmentByTable.getOrDefault(table, refresh.swaps().get(0).segmentId());
            Segment segment = project.segment(segmentId).orElseThrow();
            for (Guardrails.Violation violation : violations) {
                diagnostics.error(
                        Location.startOf(segment.file()),
                        "the query of " + script.name() + " that fills " + table
                                + " fails the guardrails at " + violation.line() + ":" + violation.column() + ": "
                                + violation.message(),
                        "nothing was written; " + violation.hint());
            }
        });
    }

    /**
     * Fresh analyses for locked builds and every remote target; otherwise this machine's cache,
     * once the state folder is known to be untracked.
     */
    Analyses analyses() {
        if (analyses == null) {
            if (freshAnalysesRequired()) {
                analyses = new Analyses.Fresh();
            } else {
                requireUntrackedStateDir();
                analyses = new Analyses.LocalCache(new AnalysisCache(settings.stateDir()));
            }
        }
        return analyses;
    }

    private boolean freshAnalysesRequired() {
        return settings.locked() || !Parameters.DEFAULT_TARGET.equals(settings.target());
    }

    /**
     * A state folder that Git tracks could carry files a pull request planted there (cached
     * analyses, model answers, a journal): refuse it before reading anything from it.
     */
    void requireUntrackedStateDir() {
        if (stateDirChecked) {
            return;
        }
        List<String> tracked =
                connectors.tracked().under(settings.projectDir(), settings.stateDir(), TRACKED_FILES_SHOWN);
        if (!tracked.isEmpty()) {
            throw new ConfigException(List.of(Diagnostic.error(
                    Location.ofSetting(Parameters.STATE_DIR),
                    "the state folder "
                            + Location.displayPath(settings.stateDir()) + " holds files Git tracks ("
                            + String.join(", ", tracked)
                            + "); what a commit puts there must never pass for this machine's own records",
                    "untrack it (git rm -r --cached " + Location.displayPath(settings.stateDir())
                            + ") and add it to .gitignore")));
        }
        stateDirChecked = true;
    }

    /**
     * One read-only query of ours, exactly as it is sent to a remote warehouse, analysed afresh and
     * held to the guardrails and its output contract; throws before anything is sent.
     */
    void guardQuery(ResolvedProject project, String purpose, String sql, List<OutputColumn> contract) {
        guardQuery(project, purpose, sql, contract, Map.of());
    }

    /**
     * The same for a query that also reads tables this tool manages in the output dataset
     * ({@code managedTables}: their columns by table name), analysed as they are.
     */
    void guardQuery(
            ResolvedProject project,
            String purpose,
            String sql,
            List<OutputColumn> contract,
            Map<String, List<OutputColumn>> managedTables) {
        List<Guardrails.Violation> violations = new ArrayList<>();
        new ArtifactGuard(project.warehouse(), connectors.analyzers(), new Analyses.Fresh())
                .checkScript(
                        List.of(new ArtifactGuard.Artifact(purpose, sql, contract, false)),
                        Catalogs.managed(project.warehouse(), managedTables))
                .values()
                .forEach(violations::addAll);
        if (!violations.isEmpty()) {
            Diagnostics diagnostics = new Diagnostics();
            violations.forEach(v -> diagnostics.error(
                    Location.ofSetting(Parameters.TARGET),
                    "the " + purpose + " query fails the guardrails at " + v.line() + ":" + v.column() + ": "
                            + v.message(),
                    "nothing was sent; " + v.hint()));
            throw new GuardException(diagnostics.sorted());
        }
    }

    /**
     * Per mapping with a holdout, the BigQuery query of its members' groups over the segment tables
     * ({@link HoldoutGroupsSql}), held to the guardrails as it is sent (a remote target analyses it
     * afresh; a local build trusts it, since it is built from templates and escaped literals only):
     * what a remote target writes for evaluate. None without an identity table (nothing is synced).
     */
    Map<String, String> holdoutGroups(CompiledProject compiled) {
        ResolvedProject project = compiled.project();
        Map<String, String> queries = new TreeMap<>();
        if (project.warehouse().customerMatch().isEmpty()) {
            return queries;
        }
        for (Campaign campaign : project.campaigns()) {
            campaign.holdout()
                    .ifPresent(holdout -> queries.put(
                            campaign.id(),
                            HoldoutGroupsSql.select(
                                    new BigQueryDialect(),
                                    project.warehouse(),
                                    campaign,
                                    project.campaigns(),
                                    project.warehouse().customerMatch().get())));
        }
        if (queries.isEmpty()) {
            return queries;
        }
        Map<String, List<OutputColumn>> segmentTables = new TreeMap<>();
        compiled.bigquery().forEach(segment -> segmentTables.put(segment.segmentId(), segment.columns()));
        List<ArtifactGuard.Artifact> artifacts = new ArrayList<>();
        queries.forEach(
                (id, sql) -> artifacts.add(new ArtifactGuard.Artifact(id, sql, HoldoutGroupsSql.CONTRACT, false)));
        Diagnostics diagnostics = new Diagnostics();
        new ArtifactGuard(project.warehouse(), connectors.analyzers(), analyses())
                .checkScript(artifacts, Catalogs.managed(project.warehouse(), segmentTables))
                .forEach((id, violations) -> {
                    Campaign campaign = project.campaigns().stream()
                            .filter(c -> c.id().equals(id))
                            .findFirst()
                            .orElseThrow();
                    for (Guardrails.Violation violation : violations) {
                        diagnostics.error(
                                Location.startOf(campaign.file()),
                                "the holdout groups query of " + id + " fails the guardrails at " + violation.line()
                                        + ":" + violation.column() + ": " + violation.message(),
                                "nothing was written; " + violation.hint());
                    }
                });
        if (diagnostics.hasErrors()) {
            throw new GuardException(diagnostics.sorted());
        }
        return queries;
    }

    /** Renders for DuckDB; hand-written SQL it cannot run with BigQuery's meaning is left out, with the reason. */
    EngineSql engineSql(CompiledProject compiled) {
        return engineSql(compiled.project(), compiled.generated());
    }

    private EngineSql engineSql(ResolvedProject project, List<GeneratedSegment> generated) {
        SqlRenderer renderer = new SqlRenderer(project.warehouse(), new DuckDbDialect(connectors.translator()));
        List<RenderedSegment> previewable = new ArrayList<>();
        Map<String, String> unpreviewable = new TreeMap<>();
        for (GeneratedSegment segment : generated) {
            try {
                previewable.add(renderer.render(segment));
            } catch (UnpreviewableSqlException e) {
                unpreviewable.put(segment.segment().id(), e.getMessage() + " (at " + e.line() + ":" + e.column() + ")");
            }
        }
        return new EngineSql(previewable, unpreviewable);
    }

    static boolean hasSqlSegments(ResolvedProject project) {
        return project.segments().stream().anyMatch(s -> !s.definition().isStructured());
    }
}

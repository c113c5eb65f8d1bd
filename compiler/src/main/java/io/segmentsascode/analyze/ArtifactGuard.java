package io.segmentsascode.analyze;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Warehouse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks compiled SQL as it will be sent: the whole artifact text (header comments, envelope of
 * CTEs over the physical tables, the embedded segment query), analysed against the physical
 * tables and held to the same {@link Guardrails} as segment SQL. An artifact is exactly one
 * read-only query today (the segment's statement, what a scheduled query runs); whatever got past
 * the checks of the segment SQL — an edited file, a renderer bug, a literal out of range — stops
 * here, before a file is written or anything is sent.
 *
 * <p>With {@link Analyses.Fresh} every artifact is analysed. With {@link Analyses.LocalCache}
 * (local, unlocked builds) artifacts that embed hand-written or generated SQL are analysed once per
 * text and remembered on this machine; artifacts of structured segments are built only from the
 * compiler's typed IR and trusted by construction, so a local compile of structured segments needs
 * no analyzer.
 */
public final class ArtifactGuard {

    /**
     * One compiled file.
     *
     * @param embedsSql whether it holds SQL not produced by the compiler (intent or sql segments)
     */
    public record Artifact(String segmentId, String text, List<OutputColumn> contract, boolean embedsSql) {
        public Artifact {
            contract = List.copyOf(contract);
        }
    }

    private final AnalyzerProvider analyzers;
    private final Analyses analyses;
    private final Optional<AnalysisCache> cache;
    private final AnalysisCatalog physical;
    private final String physicalHash;

    public ArtifactGuard(Warehouse warehouse, AnalyzerProvider analyzers, Analyses analyses) {
        this.analyzers = analyzers;
        this.analyses = analyses;
        this.cache = analyses instanceof Analyses.LocalCache local ? Optional.of(local.cache()) : Optional.empty();
        this.physical = Catalogs.physical(warehouse);
        this.physicalHash = Catalogs.hash(physical);
    }

    /**
     * The violations of each artifact that has any, by segment id; empty when every artifact may
     * be written and sent. Artifacts are analysed in parallel (the analyzer is thread-safe); it is
     * loaded on the calling thread, and only when some artifact needs analysing.
     */
    public Map<String, List<Guardrails.Violation>> check(List<Artifact> artifacts) {
        return check(artifacts, physical, physicalHash);
    }

    /**
     * The SELECTs of a refresh script, each as it is sent, analysed against the physical tables
     * and the tables the script itself creates ({@code managedTables}: the feature, staging and
     * segment tables, by their qualified names), held to the same guardrails. The statements
     * around them come from fixed templates (there is no other kind), so only their queries can
     * carry what a file brought in. Violations by artifact id.
     */
    public Map<String, List<Guardrails.Violation>> checkScript(
            List<Artifact> queries, List<AnalysisCatalog.CatalogTable> managedTables) {
        List<AnalysisCatalog.CatalogTable> tables = new ArrayList<>(physical.tables());
        tables.addAll(managedTables);
        AnalysisCatalog catalog = new AnalysisCatalog(tables, physical.parameters());
        return check(queries, catalog, Catalogs.hash(catalog));
    }

    private Map<String, List<Guardrails.Violation>> check(
            List<Artifact> artifacts, AnalysisCatalog catalog, String catalogHash) {
        List<Artifact> unchecked = artifacts.stream()
                .filter(artifact -> !acceptedBefore(artifact, catalogHash))
                .toList();
        if (unchecked.isEmpty()) {
            return Map.of();
        }
        SqlAnalyzer analyzer = Analyses.decidingAnalyzer(analyzers, analyses);
        Map<String, List<Guardrails.Violation>> violations = new ConcurrentHashMap<>();
        unchecked.parallelStream().forEach(artifact -> {
            List<Guardrails.Violation> found = check(analyzer, artifact, catalog, catalogHash);
            if (!found.isEmpty()) {
                violations.put(artifact.segmentId(), found);
            }
        });
        return new TreeMap<>(violations);
    }

    /** Structured artifacts and texts this machine accepted before need no analysis on a local build. */
    private boolean acceptedBefore(Artifact artifact, String catalogHash) {
        return cache.isPresent()
                && (!artifact.embedsSql()
                        || cache.get()
                                .get(Sha256.hex(artifact.text()), catalogHash, analyzers.version())
                                .filter(entry -> entry.columns().equals(artifact.contract()))
                                .isPresent());
    }

    private List<Guardrails.Violation> check(
            SqlAnalyzer analyzer, Artifact artifact, AnalysisCatalog catalog, String catalogHash) {
        SqlAnalysis analysis = analyzer.analyze(artifact.text(), catalog);
        List<Guardrails.Violation> violations = Guardrails.check(analysis, catalog, artifact.contract());
        if (violations.isEmpty() && cache.isPresent()) {
            cache.get()
                    .put(
                            Sha256.hex(artifact.text()),
                            catalogHash,
                            analyzers.version(),
                            new AnalysisCache.Entry(
                                    analysis.statement()
                                            .orElse(new SqlAnalysis.TextRange(
                                                    0, artifact.text().length())),
                                    analysis.tables().stream()
                                            .map(SqlAnalysis.Use::name)
                                            .distinct()
                                            .sorted()
                                            .toList(),
                                    artifact.contract()));
        }
        return violations;
    }
}

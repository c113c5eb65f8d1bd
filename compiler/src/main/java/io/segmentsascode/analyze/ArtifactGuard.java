package io.segmentsascode.analyze;

import io.segmentsascode.model.Warehouse;
import io.segmentsascode.render.OutputColumn;
import io.segmentsascode.resolve.SpecHash;
import java.util.List;
import java.util.Optional;

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

    private final AnalyzerProvider analyzers;
    private final Analyses analyses;
    private final AnalysisCatalog physical;
    private final String physicalHash;

    public ArtifactGuard(Warehouse warehouse, AnalyzerProvider analyzers, Analyses analyses) {
        this.analyzers = analyzers;
        this.analyses = analyses;
        this.physical = Catalogs.physical(warehouse);
        this.physicalHash = Catalogs.hash(physical);
    }

    /**
     * The violations of one artifact; empty when it may be written and sent.
     *
     * @param embedsSql whether the artifact holds SQL not produced by the compiler (intent or sql segments)
     */
    public List<Guardrails.Violation> check(String artifact, List<OutputColumn> contract, boolean embedsSql) {
        Optional<AnalysisCache> cache = analyses instanceof Analyses.LocalCache local ? Optional.of(local.cache()) : Optional.empty();
        if (cache.isPresent() && !embedsSql) {
            return List.of();
        }
        String hash = SpecHash.sha256(artifact);
        if (cache.isPresent() && cache.get().get(hash, physicalHash, analyzers.version())
                .filter(entry -> entry.columns().equals(contract)).isPresent()) {
            return List.of();
        }
        SqlAnalyzer analyzer = Analyses.decidingAnalyzer(analyzers, analyses);
        SqlAnalysis analysis = analyzer.analyze(artifact, physical);
        List<Guardrails.Violation> violations = Guardrails.check(analysis, physical, contract);
        if (violations.isEmpty() && cache.isPresent()) {
            cache.get().put(hash, physicalHash, analyzers.version(), new AnalysisCache.Entry(
                    analysis.statement().orElse(new SqlAnalysis.TextRange(0, artifact.length())),
                    analysis.tables().stream().map(SqlAnalysis.Use::name).distinct().sorted().toList(), contract));
        }
        return violations;
    }

}

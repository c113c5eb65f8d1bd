package io.segmentsascode.analyze;

/**
 * Port to a real SQL analyzer (GoogleSQL's own, or a pure-Java fallback where its native library
 * cannot load). It reports facts about one SQL text; the policy of what is allowed lives in
 * {@link Guardrails}, so every analyzer is held to the same rules.
 */
public interface SqlAnalyzer {

    /** Name and version, e.g. {@code googlesql 2025.09.1}; part of the analysis cache key and the lock. */
    String version();

    /** False for an approximation (the fallback): its findings are reported as such. */
    boolean exact();

    /**
     * Analyses {@code sql} against the logical tables of {@code catalog}. Never throws for bad
     * SQL: syntax, resolution and type errors come back in {@link SqlAnalysis#errors()}.
     */
    SqlAnalysis analyze(String sql, AnalysisCatalog catalog);
}

package io.segmentsascode.googlesql;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.render.SqlTranslator;
import io.segmentsascode.render.UnpreviewableSqlException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * GoogleSQL → DuckDB from GoogleSQL's own resolved tree: names, types and function signatures are
 * the ones BigQuery's analyzer resolved, so no second parser guesses them. {@link DuckDbRendering}
 * writes each scan and function with BigQuery's semantics spelled out; what it cannot write
 * faithfully is reported, all of a query's constructs in one message.
 *
 * <p>Where only the Calcite approximation loads there is no resolved tree: hand-written SQL is
 * then not previewable (structured segments do not come here and keep previewing).
 */
public final class ResolvedTreeDuckDbTranslator implements SqlTranslator {

    private final Supplier<SqlAnalyzers.Choice> analyzers;

    /** With the analyzer this JVM shares ({@link SqlAnalyzers#best()}), loaded on the first translation. */
    public ResolvedTreeDuckDbTranslator() {
        this(SqlAnalyzers::best);
    }

    public ResolvedTreeDuckDbTranslator(Supplier<SqlAnalyzers.Choice> analyzers) {
        this.analyzers = Objects.requireNonNull(analyzers, "analyzers");
    }

    @Override
    public String translate(String googleSql, AnalysisCatalog catalog, String runTimeExpression) {
        Objects.requireNonNull(googleSql, "googleSql");
        if (runTimeExpression == null || runTimeExpression.isBlank()) {
            throw new IllegalArgumentException(
                    "runTimeExpression must be a DuckDB expression, e.g. getvariable('run_time')");
        }
        SqlAnalyzers.Choice choice = analyzers.get();
        if (!(choice.analyzer() instanceof GoogleSqlAnalyzer exact)) {
            throw new UnpreviewableSqlException(
                    "hand-written SQL is previewed from GoogleSQL's resolved tree, and "
                            + choice.message().orElse("GoogleSQL's analyzer is not loaded"),
                    1,
                    1);
        }
        GoogleSqlAnalyzer.ResolvedQuery resolved;
        try {
            resolved = exact.resolve(googleSql, catalog);
        } catch (IllegalArgumentException e) {
            throw new UnpreviewableSqlException("the query does not resolve: " + e.getMessage(), 1, 1);
        }
        try {
            return new DuckDbRendering(runTimeExpression, resolved.functions()).query(resolved.statement());
        } catch (UnpreviewableSqlException e) {
            throw e;
        } catch (RuntimeException e) {
            // a tree shape the renderer does not know (a node of a newer GoogleSQL, say): the segment
            // is reported, the preview of the others goes on
            throw new UnpreviewableSqlException(
                    "the DuckDB translation does not handle this query's resolved tree (" + e + ")", 1, 1);
        }
    }
}

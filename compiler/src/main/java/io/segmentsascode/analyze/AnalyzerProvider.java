package io.segmentsascode.analyze;

/**
 * Gives the analyzer only when a query really needs analysing: pins whose recorded analysis
 * still holds (same SQL, catalog and analyzer version) are trusted without loading it.
 */
public interface AnalyzerProvider {

    /** The version the analyzer would report, known without loading it. */
    String version();

    SqlAnalyzer get();
}

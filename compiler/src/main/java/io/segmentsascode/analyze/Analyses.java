package io.segmentsascode.analyze;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import java.util.List;

/**
 * Where the analyses that decide what runs come from. Never from a file a pull request can edit:
 * either made now, or made earlier on this machine and kept in its untracked state folder.
 */
public sealed interface Analyses permits Analyses.Fresh, Analyses.LocalCache {

    /** Analyse everything now, with an exact analyzer: locked builds, CI and every remote target. */
    record Fresh() implements Analyses {}

    /** Reuse this machine's accepted analyses (local, unlocked builds). */
    record LocalCache(AnalysisCache cache) implements Analyses {}

    /**
     * The analyzer to decide with. An approximation may help a local build, but must not decide
     * what a locked build or a remote target runs.
     *
     * @throws GuardException when fresh analyses are required and only an approximation loads
     */
    static SqlAnalyzer decidingAnalyzer(AnalyzerProvider analyzers, Analyses analyses) {
        SqlAnalyzer analyzer = analyzers.get();
        if (analyses instanceof Fresh && !analyzer.exact()) {
            throw new GuardException(List.of(Diagnostic.error(
                    Location.ofSetting(Parameters.LOCKED),
                    "only " + analyzer.version()
                            + " could load on this machine, an approximation of GoogleSQL: it cannot decide what a locked build or a "
                            + "remote target runs",
                    "run locked builds where GoogleSQL's analyzer loads (Linux or macOS on x86_64), or "
                            + "build unlocked for a local preview")));
        }
        return analyzer;
    }
}

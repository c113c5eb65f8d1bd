package io.segmentsascode.pipeline;

import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.intent.AnalysisCache;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.intent.Pin;
import io.segmentsascode.intent.SqlSources;
import io.segmentsascode.model.ResolvedProject;
import java.nio.file.Path;
import java.util.List;

/**
 * Compiles a project whose intent and sql segments are all pinned, the way CI does: from the
 * lock alone. The analyzer is never loaded — a pin's recorded analysis must suffice — so these
 * tests fail if compiling pinned segments starts re-analysing them.
 */
public final class PinnedCompile {

    public static final Path BUNDLED_SEGMENTS = Path.of("..", "segments");
    public static final Path BUNDLED_CAMPAIGNS = Path.of("..", "campaigns");
    public static final Path BUNDLED_LOCK = Path.of("..", "segments.lock");

    private PinnedCompile() {
    }

    public static List<GeneratedSegment> generate(Compiler compiler, ResolvedProject project, Path lockFile, Path stateDir) {
        LockFile lock = LockFile.read(lockFile);
        SqlSources sources = new SqlSources(project.warehouse(), refusingAnalyzer(lockFile), new AnalysisCache(stateDir),
                Parameters.DEFAULT_MODEL);
        return compiler.generate(project, compiler.sources(project, sources, lock, true).sql());
    }

    /** Reports the analyzer version the lock recorded, and refuses to be loaded. */
    public static AnalyzerProvider refusingAnalyzer(Path lockFile) {
        String analyzer = LockFile.read(lockFile).pins().values().stream().map(Pin::analysis).map(Pin.Analysis::analyzer)
                .findFirst().orElse("none");
        return new AnalyzerProvider() {
            @Override
            public String version() {
                return analyzer;
            }

            @Override
            public SqlAnalyzer get() {
                throw new AssertionError("pinned segments must compile without loading an analyzer");
            }
        };
    }
}

package io.segmentsascode.pipeline;

import io.segmentsascode.analyze.Analyses;
import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.intent.LockFile;
import io.segmentsascode.intent.Pin;
import io.segmentsascode.intent.SqlSources;
import io.segmentsascode.model.ResolvedProject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compiles the bundled project's intent segments in the core's tests, which cannot load GoogleSQL's
 * native analyzer: a stand-in analyzer answers each pinned query with the analysis its pin records
 * (the real analyzer and the trust rules are tested in connectors/googlesql and through the goals).
 * These tests are about generating and rendering, not about trusting pins.
 */
public final class PinnedCompile {

    public static final Path BUNDLED_SEGMENTS = Path.of("..", "segments");
    public static final Path BUNDLED_CAMPAIGNS = Path.of("..", "campaigns");
    public static final Path BUNDLED_LOCK = Path.of("..", "segments.lock");

    private PinnedCompile() {}

    public static List<GeneratedSegment> generate(
            Stages compiler, ResolvedProject project, Path lockFile, Path stateDir) {
        LockFile lock = LockFile.read(lockFile);
        SqlSources sources = new SqlSources(
                project.warehouse(), recordedAnalyzer(lockFile), new Analyses.Fresh(), Parameters.DEFAULT_MODEL);
        return compiler.generate(
                project,
                compiler.sources(project, sources, lock, lockFile, true).sql());
    }

    /**
     * Answers every pinned query of the lock with the analysis recorded for it, and a compiled file
     * that embeds one with the same record over the physical tables; refuses any other SQL.
     */
    public static AnalyzerProvider recordedAnalyzer(Path lockFile) {
        Map<String, Pin> bySql = LockFile.read(lockFile).pins().values().stream()
                .collect(Collectors.toMap(Pin::sql, Function.identity(), (a, b) -> a));
        String version = bySql.values().stream()
                .map(p -> p.analysis().analyzer())
                .findFirst()
                .orElse("none");
        SqlAnalyzer recorded = new SqlAnalyzer() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public boolean exact() {
                return true;
            }

            @Override
            public SqlAnalysis analyze(String sql, AnalysisCatalog catalog) {
                Pin pin = Optional.ofNullable(bySql.get(sql))
                        .or(() -> bySql.values().stream()
                                .filter(p -> sql.contains(p.sql().strip()))
                                .findFirst())
                        .orElseThrow(() -> new AssertionError("only the bundled pins are analysed here, not:\n" + sql));
                List<SqlAnalysis.OutputColumn> columns = pin.analysis().columns().stream()
                        .map(c ->
                                new SqlAnalysis.OutputColumn(c.name(), c.type().name(), List.of()))
                        .toList();
                List<SqlAnalysis.Use> tables = catalog.tables().stream()
                        .map(AnalysisCatalog.CatalogTable::name)
                        .filter(name -> pin.analysis().tables().contains(name.substring(name.lastIndexOf('.') + 1)))
                        .map(t -> new SqlAnalysis.Use(t, 1, 1))
                        .toList();
                return new SqlAnalysis(
                        List.of(),
                        SqlAnalysis.QUERY,
                        1,
                        columns,
                        tables,
                        List.of(),
                        List.of(),
                        List.of(),
                        Optional.of(
                                new SqlAnalysis.TextRange(0, sql.stripTrailing().length())));
            }
        };
        return new AnalyzerProvider() {
            @Override
            public String version() {
                return version;
            }

            @Override
            public SqlAnalyzer get() {
                return recorded;
            }
        };
    }
}

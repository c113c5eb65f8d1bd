package io.segmentsascode.bench;

import io.segmentsascode.analyze.AnalyzerProvider;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.apply.files.AudienceFiles;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.duckdb.LocalWarehouse;
import io.segmentsascode.git.BaseRevision;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.googlesql.SqlAnalyzers;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * In-process timing of a pull request's plan: {@code SegmentsJob.plan()} with the lock enforced,
 * as CI runs it, with and without {@code segments.base} on a Git repository whose last commit
 * changed one segment (bench/review-plan.sh makes it). The difference is what reviewing against
 * the base costs: checking out and compiling the base revision, sizing and diffing it. The impact
 * cache is warm in both cases (the first run, not quoted, fills it).
 *
 * <pre>java -cp segments-bench.jar:deps io.segmentsascode.bench.ReviewPlanBenchmark PROJECT_DIR [ITERATIONS]</pre>
 */
public final class ReviewPlanBenchmark {

    public static void main(String[] args) {
        Path project = Path.of(args[0]).toAbsolutePath();
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Connectors connectors = new Connectors(
                LocalWarehouse::open,
                AudienceFiles::open,
                (projectDir, ref, paths, into) ->
                        BaseRevision.checkout(projectDir, ref, paths, into).commitId(),
                exactAnalyzer(),
                new ResolvedTreeDuckDbTranslator(),
                null,
                (projectDir, dir, limit) -> List.of());
        SegmentsJob withBase = job(project, connectors, Map.of(Parameters.LOCKED, "true", Parameters.BASE, "HEAD~1"));
        SegmentsJob withoutBase = job(project, connectors, Map.of(Parameters.LOCKED, "true"));
        System.out.println("case\titeration\tms");
        for (int i = 0; i <= iterations; i++) {
            report("plan-with-base", i, withBase);
            report("plan-without-base", i, withoutBase);
        }
    }

    /** The analyzer CI's locked build uses: GoogleSQL where it loads, else the fallback. */
    private static AnalyzerProvider exactAnalyzer() {
        return new AnalyzerProvider() {
            @Override
            public String version() {
                return SqlAnalyzers.exactVersion();
            }

            @Override
            public SqlAnalyzer get() {
                return SqlAnalyzers.best().analyzer();
            }
        };
    }

    private static SegmentsJob job(Path project, Connectors connectors, Map<String, String> parameters) {
        SegmentsSettings settings = new SettingsResolver(parameters, Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), connectors);
    }

    private static void report(String label, int iteration, SegmentsJob job) {
        long start = System.nanoTime();
        job.plan();
        System.out.printf("%s\t%d\t%.0f%n", label, iteration, (System.nanoTime() - start) / 1e6);
    }
}

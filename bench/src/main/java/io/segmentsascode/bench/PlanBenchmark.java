package io.segmentsascode.bench;

import io.segmentsascode.apply.files.AudienceFiles;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.duckdb.LocalWarehouse;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * In-process timing of {@code SegmentsJob.plan()} (what segments:plan does after Maven has started)
 * on a generated project: cold (no impact cache: every segment sized on the sample), warm
 * (everything cached) and after one segment changed (only it is recomputed). One JVM; each case
 * runs ITERATIONS times after the first cold run, which also warms the JIT.
 *
 * <pre>java -cp segments-bench.jar:deps io.segmentsascode.bench.PlanBenchmark PROJECT_DIR [ITERATIONS]</pre>
 */
public final class PlanBenchmark {

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]).toAbsolutePath();
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        SegmentsSettings settings = new SettingsResolver(Map.of(Parameters.PRUNE, "true"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        Connectors connectors = new Connectors(
                LocalWarehouse::open,
                AudienceFiles::open,
                null,
                null,
                new ResolvedTreeDuckDbTranslator(),
                null,
                (projectDir, dir, limit) -> List.of());
        Console quiet = Console.silent();
        SegmentsJob job = new SegmentsJob(settings, quiet, connectors);
        Path cache = settings.stateDir().resolve("impact-cache.json");
        List<Path> files;
        try (var listing = Files.list(project.resolve("segments"))) {
            files = listing.filter(f -> f.getFileName().toString().startsWith("seg_"))
                    .sorted()
                    .toList();
        }
        Path changed = files.get(0);
        String original = Files.readString(changed);
        System.out.println("case\titeration\tms");
        try {
            for (int i = 0; i <= iterations; i++) {
                Files.writeString(changed, original);
                Files.deleteIfExists(cache);
                report("cold", i, job);
                report("warm", i, job);
                Files.writeString(changed, original.replaceFirst("window_days: (\\d+)", "window_days: 1$1"));
                report("one-changed", i, job);
            }
        } finally {
            Files.writeString(changed, original);
        }
    }

    private static void report(String label, int iteration, SegmentsJob job) {
        long start = System.nanoTime();
        job.plan();
        System.out.printf("%s\t%d\t%.0f%n", label, iteration, (System.nanoTime() - start) / 1e6);
    }
}

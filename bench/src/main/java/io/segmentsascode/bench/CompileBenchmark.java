package io.segmentsascode.bench;

import com.sun.management.ThreadMXBean;
import io.segmentsascode.generate.GeneratedSegment;
import io.segmentsascode.load.LoadedProject;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.validate.ValidatedProject;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * In-process timing of the compiler library, per stage, on generated projects.
 *
 * <pre>
 * java -cp segments-bench.jar:deps io.segmentsascode.bench.CompileBenchmark [--warmup W] [--iterations I] [--out DIR] PROJECT_DIR...
 * </pre>
 *
 * Each PROJECT_DIR holds segments/ (warehouse.yaml + segment files) and campaigns/. For every
 * project, in one JVM: W warm-up iterations, then I measured iterations of what
 * {@code mvn segments:compile} does after Maven has started:
 * load → validate → resolve (together {@code Stages.check}) → generate → render(BigQuery) →
 * write ({@code Stages.write}, the same writer the compile goal uses, into DIR/&lt;project&gt;/bigquery,
 * emptied (moved aside) before every iteration, untimed, so each iteration writes every file as a
 * clean build does).
 *
 * <p>Reports per stage the median and min wall ms of an iteration, µs per segment, GC time, and the
 * bytes allocated by the (single) compiling thread
 * ({@link ThreadMXBean#getCurrentThreadAllocatedBytes}). A diagnostic row, not part of the total,
 * times N calls of {@code ResolvedProject.segment(id)}, the lookup that the writer makes once per
 * file (it was a linear scan, O(N²) in all, before it became a binary search). Also: the SQL's size and
 * sha256 (every iteration must give the same), and the heap in use after a full GC while the
 * resolved project and its SQL are held (a rough retained size).
 */
public final class CompileBenchmark {

    private static final String[] STAGES = {"load", "validate", "resolve", "generate", "render", "write"};
    private static final String LOOKUP =
            "(id-lookup: N × ResolvedProject.segment(id), inside write; not added to total)";

    public static void main(String[] args) throws Exception {
        int warmup = 3;
        int iterations = 5;
        Path out = Path.of(System.getProperty("java.io.tmpdir"), "segments-compile-benchmark");
        List<Path> projects = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> projects.add(Path.of(args[i]));
            }
        }
        if (projects.isEmpty() || iterations < 1) {
            System.err.println("usage: CompileBenchmark [--warmup W] [--iterations I] [--out DIR] PROJECT_DIR...");
            System.exit(2);
        }
        // the JDK's extension of the platform bean: it counts the bytes a thread allocates
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                Locale.ROOT,
                "java %s (%s), %d cpus, max heap %d MiB, GC %s; warm-up %d, measured %d iterations%n%n",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                rt.availableProcessors(),
                rt.maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .toList(),
                warmup,
                iterations);
        System.out.println(
                "| project | segments | stage | median ms | min ms | µs / segment (median) | of which GC ms (median) | MiB alloc / iter | KiB alloc / segment |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        List<String> footnotes = new ArrayList<>();
        for (Path project : projects) {
            footnotes.add(run(
                    project,
                    out.resolve(project.getFileName().toString()).resolve("bigquery"),
                    warmup,
                    iterations,
                    threads));
        }
        System.out.println();
        footnotes.forEach(System.out::println);
    }

    private static String run(Path project, Path outDir, int warmup, int iterations, ThreadMXBean threads)
            throws Exception {
        Path segmentsDir = project.resolve("segments");
        Path campaignsDir = project.resolve("campaigns");
        List<String> rows = new ArrayList<>(List.of(STAGES));
        rows.add("total");
        rows.add(LOOKUP);
        Map<String, long[]> nanos = new LinkedHashMap<>();
        Map<String, long[]> bytes = new LinkedHashMap<>();
        Map<String, long[]> gcs = new LinkedHashMap<>();
        for (String row : rows) {
            nanos.put(row, new long[iterations]);
            bytes.put(row, new long[iterations]);
            gcs.put(row, new long[iterations]);
        }
        String digest = null;
        int segments = 0;
        long sqlBytes = 0;
        long files = 0;
        ResolvedProject kept = null;
        List<RenderedSegment> keptSql = null;
        int n = STAGES.length;
        for (int it = -warmup; it < iterations; it++) {
            setAside(outDir);
            Stages compiler = new Stages();
            long[] t = new long[n + 3];
            long[] a = new long[n + 3];
            long[] g = new long[n + 3];
            mark(0, t, a, g, threads);
            LoadedProject loaded = compiler.load(segmentsDir, campaignsDir);
            mark(1, t, a, g, threads);
            ValidatedProject validated = compiler.validate(loaded);
            mark(2, t, a, g, threads);
            ResolvedProject resolved = compiler.resolve(validated);
            mark(3, t, a, g, threads);
            List<GeneratedSegment> generated = compiler.generate(resolved);
            mark(4, t, a, g, threads);
            List<RenderedSegment> sql = compiler.render(resolved, generated, new BigQueryDialect());
            mark(5, t, a, g, threads);
            compiler.write(outDir, resolved, sql, List.of());
            mark(6, t, a, g, threads);
            int found = 0;
            for (RenderedSegment r : sql) {
                found += resolved.segment(r.segmentId()).isPresent() ? 1 : 0;
            }
            mark(7, t, a, g, threads);
            if (found != sql.size()) {
                throw new IllegalStateException("lookup found " + found + " of " + sql.size());
            }

            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            long size = 0;
            for (RenderedSegment r : sql) {
                byte[] b = r.sql().getBytes(StandardCharsets.UTF_8);
                size += b.length;
                sha.update(r.segmentId().getBytes(StandardCharsets.UTF_8));
                sha.update(b);
            }
            String d = HexFormat.of().formatHex(sha.digest());
            if (digest == null) {
                digest = d;
            } else if (!digest.equals(d)) {
                throw new IllegalStateException(
                        project + ": SQL differs between iterations (" + digest + " vs " + d + ")");
            }
            segments = resolved.segments().size();
            sqlBytes = size;
            try (Stream<Path> list = Files.list(outDir)) {
                files = list.count();
            }
            if (files != segments) {
                throw new IllegalStateException(outDir + ": " + files + " files for " + segments + " segments");
            }
            if (it >= 0) {
                for (int s = 0; s < n; s++) {
                    record(STAGES[s], it, s, s + 1, t, a, g, nanos, bytes, gcs);
                }
                record("total", it, 0, n, t, a, g, nanos, bytes, gcs);
                record(LOOKUP, it, n, n + 1, t, a, g, nanos, bytes, gcs);
            }
            if (it == iterations - 1) {
                kept = resolved;
                keptSql = sql;
            }
        }
        String name = project.getFileName().toString();
        int perSegment = Math.max(segments, 1);
        for (String row : rows) {
            double medMs = median(nanos.get(row)) / 1e6;
            double minMs = Arrays.stream(nanos.get(row)).min().orElse(0) / 1e6;
            double medAlloc = median(bytes.get(row));
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %,d | %s | %.1f | %.1f | %.1f | %.0f | %.1f | %.1f |%n",
                    name,
                    segments,
                    row.equals("total") ? "**total**" : row,
                    medMs,
                    minMs,
                    medMs * 1000 / perSegment,
                    median(gcs.get(row)),
                    medAlloc / (1 << 20),
                    medAlloc / 1024 / perSegment);
        }
        System.gc();
        Thread.sleep(200);
        System.gc();
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        int held = kept.segments().size() + keptSql.size();
        return String.format(
                Locale.ROOT,
                "- %s: %,d segments → %,d files, SQL %.2f MiB (%,d bytes avg/segment without the 2-line header), "
                        + "sha256 %s (identical in all %d iterations); heap in use after GC holding the resolved project "
                        + "+ SQL: %.1f MiB (%d objects held)",
                name,
                segments,
                files,
                sqlBytes / 1048576.0,
                sqlBytes / perSegment,
                digest.substring(0, 16),
                warmup + iterations,
                used / 1048576.0,
                held);
    }

    private static void mark(int i, long[] t, long[] a, long[] g, ThreadMXBean threads) {
        g[i] = gcMillis();
        a[i] = threads.getCurrentThreadAllocatedBytes();
        t[i] = System.nanoTime();
    }

    private static void record(
            String row,
            int it,
            int from,
            int to,
            long[] t,
            long[] a,
            long[] g,
            Map<String, long[]> nanos,
            Map<String, long[]> bytes,
            Map<String, long[]> gcs) {
        nanos.get(row)[it] = t[to] - t[from];
        bytes.get(row)[it] = a[to] - a[from];
        gcs.get(row)[it] = g[to] - g[from];
    }

    /** Collection time of all collectors so far (G1: young + mixed pauses, plus concurrent cycles). */
    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /**
     * Empties the output directory by renaming it into DIR/discarded/, which in-process.sh deletes
     * when everything is measured: on ext4, creating thousands of files in the seconds after as
     * many were deleted costs kernel time that belongs to the deletion, not to the write stage.
     */
    private static void setAside(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Path discarded = dir.getParent().getParent().resolve("discarded");
        Files.createDirectories(discarded);
        Files.move(
                dir,
                Files.createTempDirectory(discarded, dir.getParent().getFileName() + "-")
                        .resolve("bigquery"));
    }

    private static double median(long[] values) {
        long[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2.0;
    }
}

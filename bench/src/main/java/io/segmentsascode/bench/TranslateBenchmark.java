package io.segmentsascode.bench;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.Catalogs;
import io.segmentsascode.duckdb.DuckDbPreviewEngine;
import io.segmentsascode.duckdb.SampleSource;
import io.segmentsascode.duckdb.SampleSpec;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.DuckDbDialect;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.render.UnpreviewableSqlException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Translation time per query and preview time of the segmentation corpus (the test corpus of
 * connectors/bundle, GoogleSQL + a plain-SQL reference per query) on a generated sample:
 * previewable share, correct share (members equal to the reference's), the analyzer's start-up,
 * and per-query translation and preview medians.
 *
 *   java -cp segments-bench.jar:deps io.segmentsascode.bench.TranslateBenchmark CORPUS_SQL SEGMENTS_DIR CAMPAIGNS_DIR STATE_DIR USERS ITERATIONS
 */
public final class TranslateBenchmark {

    private record Query(String name, String googleSql, String reference) {}

    public static void main(String[] args) throws Exception {
        List<Query> corpus = corpus(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        ResolvedProject project = new Stages().check(Path.of(args[1]), Path.of(args[2]));
        int users = Integer.parseInt(args[4]);
        int iterations = Integer.parseInt(args[5]);
        AnalysisCatalog catalog = Catalogs.of(project.warehouse());
        String runTime = new DuckDbDialect().runTime();
        ResolvedTreeDuckDbTranslator translator = new ResolvedTreeDuckDbTranslator();

        long start = System.nanoTime();
        tryTranslate(translator, corpus.get(0).googleSql(), catalog, runTime);
        double firstMs = (System.nanoTime() - start) / 1e6;

        List<Double> translateMs = new ArrayList<>();
        List<String> translated = new ArrayList<>();
        for (Query query : corpus) {
            String sql = null;
            double[] times = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                long t0 = System.nanoTime();
                sql = tryTranslate(translator, query.googleSql(), catalog, runTime);
                times[i] = (System.nanoTime() - t0) / 1e6;
            }
            translateMs.add(median(times));
            translated.add(sql);
        }

        int previewable = 0;
        int correct = 0;
        List<Double> previewMs = new ArrayList<>();
        try (DuckDbPreviewEngine engine = DuckDbPreviewEngine.open(
                project.warehouse(), new SampleSource.Generated(new SampleSpec(users, 42)), Path.of(args[3]))) {
            try (Statement statement = engine.connection().createStatement()) {
                for (String table : project.warehouse().tables().keySet()) {
                    statement.execute("CREATE TEMP VIEW " + table + " AS SELECT * FROM " + DuckDbDialect.RAW_SCHEMA
                            + "." + table);
                }
            }
            Instant asOf = engine.latestDataTime();
            for (int i = 0; i < corpus.size(); i++) {
                if (translated.get(i) == null) {
                    continue;
                }
                previewable++;
                long t0 = System.nanoTime();
                List<String> members = engine.members(segment(corpus.get(i).name(), translated.get(i)), asOf);
                previewMs.add((System.nanoTime() - t0) / 1e6);
                List<String> expected = engine.members(
                        segment(
                                corpus.get(i).name() + "_reference",
                                corpus.get(i).reference()),
                        asOf);
                correct += members.equals(expected) ? 1 : 0;
            }
        }
        System.out.printf("corpus\t%d queries%n", corpus.size());
        System.out.printf("previewable\t%d (%.0f %%)%n", previewable, 100.0 * previewable / corpus.size());
        System.out.printf(
                "correct\t%d of %d previewable (%.0f %%)%n", correct, previewable, 100.0 * correct / previewable);
        System.out.printf("first translation (analyzer start-up included)\t%.0f ms%n", firstMs);
        System.out.printf(
                "translation per query, median of medians\t%.2f ms (max %.2f ms)%n",
                median(translateMs),
                translateMs.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        System.out.printf(
                "preview per query on %d users, median\t%.1f ms; whole corpus %.0f ms%n",
                users,
                median(previewMs),
                previewMs.stream().mapToDouble(Double::doubleValue).sum());
    }

    private static String tryTranslate(
            ResolvedTreeDuckDbTranslator translator, String sql, AnalysisCatalog catalog, String runTime) {
        try {
            return translator.translate(sql, catalog, runTime);
        } catch (UnpreviewableSqlException notPreviewable) {
            return null;
        }
    }

    private static RenderedSegment segment(String name, String sql) {
        return new RenderedSegment(name, DuckDbPreviewEngine.DIALECT, sql, List.of());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** "-- query: name", the GoogleSQL, "-- reference", the plain SQL; as the corpus test reads it. */
    private static List<Query> corpus(String text) {
        List<Query> queries = new ArrayList<>();
        String[] blocks = text.split("(?m)^-- query: ");
        for (int i = 1; i < blocks.length; i++) {
            String block = blocks[i];
            int nameEnd = block.indexOf('\n');
            String[] parts = block.substring(nameEnd + 1).split("(?m)^-- reference\\s*$", 2);
            queries.add(new Query(block.substring(0, nameEnd).strip(), parts[0].strip(), parts[1].strip()));
        }
        return queries;
    }
}

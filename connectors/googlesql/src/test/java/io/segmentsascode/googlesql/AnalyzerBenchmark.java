package io.segmentsascode.googlesql;

import io.segmentsascode.analyze.SqlAnalyzer;
import java.lang.management.ManagementFactory;

/**
 * Not a test: {@code java -cp <test class path> io.segmentsascode.googlesql.AnalyzerBenchmark}.
 * Prints the analyzer's start-up cost and the time of 200 analyses of the segment corpus.
 */
public final class AnalyzerBenchmark {

    private AnalyzerBenchmark() {}

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf("JVM start → main: %d ms%n", System.currentTimeMillis() - jvmStart);
        long t0 = System.nanoTime();
        GoogleSqlAnalyzer googleSql = new GoogleSqlAnalyzer();
        System.out.printf("GoogleSqlAnalyzer() (native load, built-ins, warm-up): %.0f ms%n", ms(t0));
        run("googlesql", googleSql);
        googleSql.close();
        long t1 = System.nanoTime();
        CalciteFallbackAnalyzer calcite = new CalciteFallbackAnalyzer();
        System.out.printf("CalciteFallbackAnalyzer(): %.0f ms%n", ms(t1));
        run("calcite", calcite);
        System.out.printf("JVM start → end: %d ms%n", System.currentTimeMillis() - jvmStart);
    }

    private static void run(String name, SqlAnalyzer analyzer) {
        long first = System.nanoTime();
        analyzer.analyze(SegmentQueries.ALL.get(0).sql(), Warehouse.CATALOG);
        System.out.printf("%s first analysis (catalog registration): %.1f ms%n", name, ms(first));
        long start = System.nanoTime();
        int n = 200;
        for (int i = 0; i < n; i++) {
            analyzer.analyze(
                    SegmentQueries.ALL.get(i % SegmentQueries.ALL.size()).sql(), Warehouse.CATALOG);
        }
        double total = ms(start);
        System.out.printf("%s %d analyses: %.0f ms (%.1f ms each)%n", name, n, total, total / n);
    }

    private static double ms(long since) {
        return (System.nanoTime() - since) / 1e6;
    }
}

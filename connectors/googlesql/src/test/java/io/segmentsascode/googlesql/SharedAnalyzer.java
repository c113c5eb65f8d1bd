package io.segmentsascode.googlesql;

import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalysis.OutputColumn;
import io.segmentsascode.analyze.SqlAnalysis.Use;
import java.util.List;

/** One GoogleSQL analyzer for the whole test JVM (loading the native library takes seconds). */
final class SharedAnalyzer {

    private static GoogleSqlAnalyzer instance;

    private SharedAnalyzer() {}

    static synchronized GoogleSqlAnalyzer googleSql() {
        if (instance == null) {
            instance = new GoogleSqlAnalyzer();
        }
        return instance;
    }

    static List<String> columns(SqlAnalysis analysis) {
        return analysis.columns().stream()
                .map((OutputColumn c) -> c.name() + " " + c.type())
                .toList();
    }

    /** "NAME@line:column" for compact assertions. */
    static List<String> uses(List<Use> uses) {
        return uses.stream()
                .map(u -> u.name() + "@" + u.line() + ":" + u.column())
                .toList();
    }
}

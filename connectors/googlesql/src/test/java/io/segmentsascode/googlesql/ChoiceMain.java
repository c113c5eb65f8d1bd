package io.segmentsascode.googlesql;

import io.segmentsascode.analyze.SqlAnalysis;

/** Run in a child JVM by {@link SqlAnalyzersTest}: what a front end would do and print. */
public final class ChoiceMain {

    private ChoiceMain() {}

    public static void main(String[] args) throws Exception {
        SqlAnalyzers.Choice choice = SqlAnalyzers.best();
        choice.message().ifPresent(System.out::println);
        System.out.println("analyzer=" + choice.analyzer().version() + " exact=" + choice.exact());
        SqlAnalysis analysis = choice.analyzer().analyze("SELECT user_id FROM users", Warehouse.CATALOG);
        // name and type only: what the choice of analyzer decides; lineage has tests of its own
        System.out.println("columns="
                + analysis.columns().stream()
                        .map(c -> c.name() + " " + c.type())
                        .toList() + " errors=" + analysis.errors());
        if (choice.analyzer() instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}

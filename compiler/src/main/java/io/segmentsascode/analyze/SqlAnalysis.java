package io.segmentsascode.analyze;

import java.util.List;

/**
 * Facts about one SQL text, positions 1-based within that text.
 *
 * @param errors        syntax, name-resolution and type errors, as the analyzer words them
 * @param statementKind {@code query} for a single read-only query; otherwise what it is
 *                      (e.g. {@code DeleteStatement}, {@code CreateTableStatement}, {@code script})
 * @param statements    how many statements the text holds
 * @param columns       output columns with GoogleSQL type names ({@code STRING}, {@code INT64},
 *                      {@code ARRAY<STRING>}, ...); empty when the query does not resolve
 * @param tables        tables read, by the name the catalog knows them under
 * @param functions     functions called, upper case ({@code CURRENT_TIMESTAMP}, {@code EXTERNAL_QUERY})
 * @param stars         {@code SELECT *} / {@code t.*} expansions, named by the table they expand
 * @param ctes          names defined by WITH clauses
 */
public record SqlAnalysis(List<Problem> errors, String statementKind, int statements, List<OutputColumn> columns,
        List<Use> tables, List<Use> functions, List<Use> stars, List<Use> ctes) {

    public static final String QUERY = "query";

    public record Problem(int line, int column, String message) {
    }

    public record OutputColumn(String name, String type) {
    }

    /** Something named at a position of the SQL text. */
    public record Use(String name, int line, int column) {
    }

    public SqlAnalysis {
        errors = List.copyOf(errors);
        columns = List.copyOf(columns);
        tables = List.copyOf(tables);
        functions = List.copyOf(functions);
        stars = List.copyOf(stars);
        ctes = List.copyOf(ctes);
    }
}

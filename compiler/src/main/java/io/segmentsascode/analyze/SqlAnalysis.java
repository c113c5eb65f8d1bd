package io.segmentsascode.analyze;

import java.util.List;
import java.util.Optional;

/**
 * Facts about one SQL text, positions 1-based within that text.
 *
 * @param errors        syntax, name-resolution and type errors, as the analyzer words them
 * @param statementKind {@code query} for a single read-only query; otherwise what it is
 *                      (e.g. {@code DeleteStatement}, {@code CreateTableStatement}, {@code script})
 * @param statements    how many statements the text holds
 * @param columns       output columns with GoogleSQL type names ({@code STRING}, {@code INT64},
 *                      {@code ARRAY<STRING>}, ...) and the source columns each one's value is
 *                      derived from; empty when the query does not resolve
 * @param tables        tables read, by the name the catalog knows them under; a table the text
 *                      reads that the catalog lacks, as written, at the reference an error
 *                      ("Table not found") stands at
 * @param functions     functions called, upper case ({@code CURRENT_TIMESTAMP}, {@code EXTERNAL_QUERY})
 * @param stars         {@code SELECT *} / {@code t.*} expansions, named by the table they expand
 * @param ctes          names defined by WITH clauses
 * @param statement     where the single statement stands in the text (first token to last token,
 *                      without a trailing {@code ;} or comments around it); empty unless the
 *                      text holds exactly one statement that parses
 */
public record SqlAnalysis(
        List<Problem> errors,
        String statementKind,
        int statements,
        List<OutputColumn> columns,
        List<Use> tables,
        List<Use> functions,
        List<Use> stars,
        List<Use> ctes,
        Optional<TextRange> statement) {

    public static final String QUERY = "query";

    public record Problem(int line, int column, String message) {}

    /**
     * One output column.
     *
     * @param sources every table column whose values flow into this column's value: directly,
     *                through expressions, aggregates, hashes, CTEs, subqueries or set operations
     *                (not through WHERE, JOIN or GROUP BY conditions alone); sorted, no duplicates
     * @param line    where the select item producing the column starts, 1-based; 0 when no one
     *                item does (a {@code SELECT *}, pipe operators) or the analyzer cannot say
     * @param column  its column, 1-based; 0 with {@code line} 0
     */
    public record OutputColumn(String name, String type, List<ColumnSource> sources, int line, int column) {
        public OutputColumn {
            sources = List.copyOf(sources);
        }

        /** A column without a position in the text. */
        public OutputColumn(String name, String type, List<ColumnSource> sources) {
            this(name, type, sources, 0, 0);
        }
    }

    /** A column of a catalog table, by the names the catalog knows them under. */
    public record ColumnSource(String table, String column) implements Comparable<ColumnSource> {
        @Override
        public int compareTo(ColumnSource other) {
            int byTable = table.compareTo(other.table);
            return byTable != 0 ? byTable : column.compareTo(other.column);
        }

        @Override
        public String toString() {
            return table + "." + column;
        }
    }

    /** A range of the text as Java {@code char} indices, {@code end} exclusive. */
    public record TextRange(int start, int end) {
        public TextRange {
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad range " + start + ".." + end);
            }
        }
    }

    /** Something named at a position of the SQL text. */
    public record Use(String name, int line, int column) {}

    public SqlAnalysis {
        errors = List.copyOf(errors);
        columns = List.copyOf(columns);
        tables = List.copyOf(tables);
        functions = List.copyOf(functions);
        stars = List.copyOf(stars);
        ctes = List.copyOf(ctes);
    }
}

package io.segmentsascode.analyze;

import io.segmentsascode.model.Column;
import io.segmentsascode.model.OutputColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What generated and hand-written SQL may do, decided on an analyzer's facts (never on the SQL
 * text): exactly one read-only query, only declared logical tables, no CTE shadowing them, no
 * clock functions, no external or non-deterministic functions, no {@code SELECT *} over tables
 * with PII columns, no output value derived from a PII column, and output columns exactly as the
 * contract says.
 *
 * <p>PII may still decide membership (in {@code WHERE} or {@code JOIN}): that reveals who is in a
 * segment, never a contact detail. Audiences get contact details from the identity table at apply
 * time, hashed.
 */
public final class Guardrails {

    /** A violation, at a position of the SQL text (1-based), with how to fix it. */
    public record Violation(int line, int column, String message, String hint) {}

    private static final Map<String, String> FORBIDDEN_FUNCTIONS = Map.ofEntries(
            Map.entry("CURRENT_TIMESTAMP", "use @run_time, the reference time every scheduled run passes"),
            Map.entry("CURRENT_DATE", "use DATE(@run_time)"),
            Map.entry("CURRENT_DATETIME", "use DATETIME(@run_time)"),
            Map.entry("CURRENT_TIME", "use TIME(@run_time)"),
            Map.entry("NOW", "use @run_time"),
            Map.entry("RAND", "segments must be reproducible; select members deterministically"),
            Map.entry("GENERATE_UUID", "segments must be reproducible"),
            Map.entry("SESSION_USER", "segments may not depend on who runs them"),
            Map.entry("EXTERNAL_QUERY", "federated queries read outside the declared tables"),
            Map.entry("EXTERNAL_OBJECT_TRANSFORM", "external functions read outside the declared tables"));

    private Guardrails() {}

    public static List<Violation> check(SqlAnalysis analysis, AnalysisCatalog catalog, List<OutputColumn> contract) {
        List<Violation> violations = new ArrayList<>();
        Set<String> declared = catalog.tables().stream()
                .map(AnalysisCatalog.CatalogTable::name)
                .collect(Collectors.toSet());
        List<SqlAnalysis.Use> undeclared = analysis.tables().stream()
                .filter(table -> !declared.contains(table.name()))
                .toList();
        for (SqlAnalysis.Use table : undeclared) {
            violations.add(new Violation(
                    table.line(),
                    table.column(),
                    "reads undeclared table '" + table.name() + "'",
                    "read only the logical tables of warehouse.yaml: "
                            + String.join(", ", declared.stream().sorted().toList())));
        }
        for (SqlAnalysis.Problem error : analysis.errors()) {
            // the analyzer's "Table not found" at an undeclared table says less than the violation above
            if (undeclared.stream()
                    .noneMatch(table -> table.line() == error.line() && table.column() == error.column())) {
                violations.add(new Violation(
                        error.line(),
                        error.column(),
                        error.message(),
                        "fix the SQL; it must be valid GoogleSQL over the logical tables"));
            }
        }
        if (analysis.statements() != 1) {
            violations.add(new Violation(
                    1,
                    1,
                    "the SQL holds " + analysis.statements() + " statements",
                    "write exactly one SELECT statement"));
        } else if (!SqlAnalysis.QUERY.equals(analysis.statementKind())) {
            violations.add(new Violation(
                    1,
                    1,
                    "only a read-only SELECT is allowed, found " + analysis.statementKind(),
                    "write one SELECT (WITH clauses allowed); no DDL, DML or scripting"));
        }
        for (SqlAnalysis.Use cte : analysis.ctes()) {
            if (declared.contains(cte.name())) {
                violations.add(new Violation(
                        cte.line(),
                        cte.column(),
                        "WITH clause '" + cte.name() + "' shadows the logical table of the same name",
                        "rename the WITH clause"));
            }
        }
        for (SqlAnalysis.Use function : analysis.functions()) {
            String hint = FORBIDDEN_FUNCTIONS.get(function.name());
            if (hint != null) {
                violations.add(
                        new Violation(function.line(), function.column(), function.name() + "() is not allowed", hint));
            }
        }
        for (SqlAnalysis.Use star : analysis.stars()) {
            catalog.tables().stream()
                    .filter(t -> t.name().equals(star.name()))
                    .findFirst()
                    .ifPresent(table -> {
                        List<String> pii = table.columns().stream()
                                .filter(Column::pii)
                                .map(Column::name)
                                .toList();
                        if (!pii.isEmpty()) {
                            violations.add(new Violation(
                                    star.line(),
                                    star.column(),
                                    "SELECT * over '" + table.name() + "' would expose its PII columns "
                                            + String.join(", ", pii),
                                    "list the columns you need"));
                        }
                    });
        }
        violations.addAll(piiOutputs(analysis, catalog));
        if (analysis.errors().isEmpty() && SqlAnalysis.QUERY.equals(analysis.statementKind())) {
            violations.addAll(contract(analysis.columns(), contract));
        }
        return violations;
    }

    /** Output columns whose values come from a column the warehouse marks as PII. */
    private static List<Violation> piiOutputs(SqlAnalysis analysis, AnalysisCatalog catalog) {
        Set<SqlAnalysis.ColumnSource> pii = new HashSet<>();
        for (AnalysisCatalog.CatalogTable table : catalog.tables()) {
            table.columns().stream()
                    .filter(Column::pii)
                    .forEach(c -> pii.add(new SqlAnalysis.ColumnSource(table.name(), c.name())));
        }
        List<Violation> violations = new ArrayList<>();
        for (SqlAnalysis.OutputColumn column : analysis.columns()) {
            List<String> leaked = column.sources().stream()
                    .filter(pii::contains)
                    .map(SqlAnalysis.ColumnSource::toString)
                    .toList();
            if (!leaked.isEmpty()) {
                violations.add(at(
                        column,
                        "output column '" + column.name() + "' carries PII: its value is derived from "
                                + String.join(", ", leaked),
                        "segment outputs never hold contact details (audiences read them from the identity table at apply time, "
                                + "hashed); drop the column, or use PII only in WHERE or JOIN conditions"));
            }
        }
        return violations;
    }

    /**
     * The query's columns against the contract, in order. Names compare case-insensitively, as
     * BigQuery compares column names: {@code Country} meets {@code country}, and the table gets the
     * contract's spelling (the envelope selects {@code p.country AS country}). Each violation points
     * at the select item of the column concerned.
     */
    private static List<Violation> contract(List<SqlAnalysis.OutputColumn> actual, List<OutputColumn> contract) {
        List<Violation> violations = new ArrayList<>();
        String expected = contract.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
        String found = actual.stream().map(c -> c.name() + " " + c.type()).collect(Collectors.joining(", "));
        if (actual.size() != contract.size()) {
            // at the first column too many, or at the last one there is when columns are missing
            SqlAnalysis.OutputColumn where = actual.size() > contract.size()
                    ? actual.get(contract.size())
                    : actual.isEmpty() ? null : actual.get(actual.size() - 1);
            String message = "the query returns " + actual.size() + " columns (" + found + ") but the contract has "
                    + contract.size() + " (" + expected + ")";
            String hint = "return exactly the contract's columns, in order";
            violations.add(where == null ? new Violation(1, 1, message, hint) : at(where, message, hint));
            return violations;
        }
        for (int i = 0; i < contract.size(); i++) {
            OutputColumn want = contract.get(i);
            SqlAnalysis.OutputColumn got = actual.get(i);
            if (!want.name().equalsIgnoreCase(got.name())) {
                violations.add(at(
                        got,
                        "output column " + (i + 1) + " is '" + got.name() + "' but the contract says '" + want.name()
                                + "'",
                        "alias it: ... AS " + want.name()));
            } else if (!want.type().name().equals(got.type())) {
                violations.add(at(
                        got,
                        "output column '" + got.name() + "' is " + got.type() + " but the contract says " + want.type(),
                        "CAST(... AS " + want.type() + ")"));
            }
        }
        return violations;
    }

    /** A violation at the select item of an output column, or at the start when the analyzer has no position for it. */
    private static Violation at(SqlAnalysis.OutputColumn column, String message, String hint) {
        return column.line() > 0
                ? new Violation(column.line(), column.column(), message, hint)
                : new Violation(1, 1, message, hint);
    }
}

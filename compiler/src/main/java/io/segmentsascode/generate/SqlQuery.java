package io.segmentsascode.generate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Relational shape of a generated segment: named steps (CTEs) and a final select. */
public final class SqlQuery {

    private SqlQuery() {}

    /** Where a select reads from: an earlier step, or a logical table's physical home. */
    public sealed interface Source permits StepRef, PhysicalTable, Embedded, Managed, DistinctKeys, Nested {}

    /** Hand-written or generated GoogleSQL (checked by the guardrails), used as a subquery. */
    public record Embedded(String googleSql, String alias) implements Source {}

    public record StepRef(String step, String alias) implements Source {}

    /**
     * A whole query of ours (another segment's) as a subquery with its own steps: its names stay
     * inside it, so it needs no renaming to sit in another query.
     */
    public record Nested(Query query, String alias) implements Source {}

    /** The physical table behind a logical name; only envelope steps read these. */
    public record PhysicalTable(String logicalTable) implements Source {}

    /** A table this tool manages in the output dataset (feature and staging tables of a refresh). */
    public record Managed(String table, String alias) implements Source {}

    /** Every distinct value of {@code column} in any of {@code steps}: a population drawn from several steps. */
    public record DistinctKeys(List<String> steps, String column, String alias) implements Source {
        public DistinctKeys {
            steps = List.copyOf(steps);
        }
    }

    public record SelectItem(SqlExpr expr, String alias) {
        public SelectItem {
            Objects.requireNonNull(expr, () -> "no expression for " + alias);
        }
    }

    public record LeftJoin(StepRef step, SqlExpr on) {}

    public record Select(
            List<SelectItem> items, Source from, List<LeftJoin> joins, Optional<SqlExpr> where, List<SqlExpr> groupBy) {
        public Select {
            items = List.copyOf(items);
            joins = List.copyOf(joins);
            groupBy = List.copyOf(groupBy);
        }
    }

    public record Step(String name, Select select) {}

    /**
     * A contract the result cannot state by its shape: at most one row per value of {@code key}. A
     * second row for a value makes the run fail with {@code message} instead of writing it.
     */
    public record UniqueRows(SqlExpr.ColumnRef key, String message) {}

    /**
     * {@code envelope}: one step per logical table used, bound to its physical table with the
     * mandatory filters applied; {@code steps}: the segment's own logic over those names;
     * {@code uniqueRows}: checked at run time when the result's shape does not guarantee it.
     */
    public record Query(List<Step> envelope, List<Step> steps, Select result, Optional<UniqueRows> uniqueRows) {
        public Query {
            envelope = List.copyOf(envelope);
            steps = List.copyOf(steps);
        }

        /** A query whose result is unique by construction (grouped by its key). */
        public Query(List<Step> envelope, List<Step> steps, Select result) {
            this(envelope, steps, result, Optional.empty());
        }
    }
}

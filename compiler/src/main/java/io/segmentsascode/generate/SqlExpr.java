package io.segmentsascode.generate;

import io.segmentsascode.model.AggregateFunction;
import io.segmentsascode.model.ColumnType;
import java.util.List;
import java.util.Optional;

/**
 * Expressions of the intermediate representation. Each node is a meaning ("whole days between"),
 * not a spelling: the dialect of the render stage decides how it is written.
 */
public sealed interface SqlExpr {

    record ColumnRef(Optional<String> qualifier, String column) implements SqlExpr {
        public static ColumnRef of(String column) {
            return new ColumnRef(Optional.empty(), column);
        }

        public static ColumnRef of(String qualifier, String column) {
            return new ColumnRef(Optional.of(qualifier), column);
        }
    }

    /** A constant: String, java.math.BigDecimal, Boolean, or null. Rendered escaped, never spliced. */
    record Literal(Object value) implements SqlExpr {}

    /** The reference time: BigQuery's {@code @run_time} parameter or its preview binding. */
    record RunTime() implements SqlExpr {}

    record TimestampMinusDays(SqlExpr timestamp, int days) implements SqlExpr {}

    /**
     * Keeps the day shards of a wildcard table ({@link io.segmentsascode.model.Table.DayShards}) from
     * {@code days} days before the reference time up to it; an engine that holds the table in one
     * piece needs no condition.
     */
    record ShardsWithinDays(int days) implements SqlExpr {}

    /** Whole 24-hour periods from {@code earlier} to {@code later}, truncated (BigQuery TIMESTAMP_DIFF DAY). */
    record WholeDaysBetween(SqlExpr later, SqlExpr earlier) implements SqlExpr {}

    record Compare(SqlExpr left, String op, SqlExpr right) implements SqlExpr {}

    record Logical(String op, List<SqlExpr> operands) implements SqlExpr {
        public Logical {
            operands = List.copyOf(operands);
        }
    }

    record Not(SqlExpr operand) implements SqlExpr {}

    record IsNull(SqlExpr operand, boolean negated) implements SqlExpr {}

    record InList(SqlExpr operand, List<SqlExpr> values, boolean negated) implements SqlExpr {
        public InList {
            values = List.copyOf(values);
        }
    }

    /** {@code operand IN (SELECT column FROM cte)}: keeps rows of kept keys (mandatory filters). */
    record InCte(SqlExpr operand, String cte, String column) implements SqlExpr {}

    /** An aggregate over the rows where {@code filter} holds (all rows when empty). */
    record Aggregate(AggregateFunction function, Optional<SqlExpr> argument, Optional<SqlExpr> filter)
            implements SqlExpr {}

    /** {@code numerator / denominator} as a float, NULL when the denominator is 0. */
    record SafeRatio(SqlExpr numerator, SqlExpr denominator) implements SqlExpr {}

    record Coalesce(SqlExpr value, SqlExpr fallback) implements SqlExpr {}

    record Cast(SqlExpr value, ColumnType type) implements SqlExpr {}

    /**
     * {@code NTILE(buckets) OVER (ORDER BY ...)}: one window over every row. No longer generated
     * (see the RFM tie rule, {@link ShareScore}); kept so the former rule can be rebuilt and
     * measured against the current one.
     */
    record Ntile(int buckets, List<OrderKey> orderBy) implements SqlExpr {
        public Ntile {
            orderBy = List.copyOf(orderBy);
        }
    }

    /**
     * The score of one distinct value in a step grouped by that value (one row per value, its users
     * counted): {@code 1 + buckets * (users with a strictly worse value) / (all users)}, in integer
     * division, where {@code worstFirst} orders values from worst to best. Users with equal values
     * share a score, and the window runs over distinct values, never over users.
     */
    record ShareScore(int buckets, OrderKey worstFirst) implements SqlExpr {}

    /** How many rows share this row's value of {@code key} (a window count over the whole result). */
    record RowsWithSameKey(ColumnRef key) implements SqlExpr {}

    /** TRUE where {@code condition} holds; anywhere else the query fails with {@code message}. */
    record TrueOrFail(SqlExpr condition, String message) implements SqlExpr {}

    record CaseWhen(List<When> whens, SqlExpr otherwise) implements SqlExpr {
        public CaseWhen {
            whens = List.copyOf(whens);
        }
    }

    record When(SqlExpr condition, SqlExpr result) {}

    record OrderKey(SqlExpr expr, boolean descending) {}
}

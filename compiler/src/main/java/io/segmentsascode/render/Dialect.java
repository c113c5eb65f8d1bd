package io.segmentsascode.render;

import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Warehouse;
import java.util.Optional;

/**
 * Everything that differs between the SQL engines we emit for. The IR names meanings; a dialect
 * spells them. Nothing outside the render stage knows which engine a query is for.
 */
public interface Dialect {

    String name();

    /** The physical table that backs a logical table in this engine. */
    String physicalTable(Warehouse warehouse, String logicalTable);

    /**
     * A table this tool manages (feature, staging and segment tables of a refresh), in the output
     * dataset; {@code name} is one of ours, never a user's text.
     */
    String managedTable(Warehouse warehouse, String name);

    /** Integer division of two integers, truncated. */
    String integerDivide(String dividend, String divisor);

    /** The set operator that keeps each distinct row once. */
    String unionDistinct();

    /** The reference time of a run (BigQuery scheduled queries pass {@code @run_time}). */
    String runTime();

    String timestampMinusDays(String timestamp, int days);

    /**
     * The condition that keeps only the day shards of a wildcard table within {@code days} days of the
     * reference time, or empty where the engine holds the table in one piece.
     */
    Optional<String> shardsWithinDays(int days);

    /** Whole 24-hour periods from {@code earlier} to {@code later}, truncated toward zero. */
    String wholeDaysBetween(String later, String earlier);

    String countIf(String condition);

    /** Float division that yields NULL for a zero denominator. */
    String safeRatio(String numerator, String denominator);

    String typeName(ColumnType type);

    String stringLiteral(String value);

    /**
     * A condition that is TRUE where {@code condition} holds and otherwise makes the query fail with
     * {@code message} (a string literal). Only the failing branch may raise the error: a bare error
     * call next to the condition may be evaluated first.
     */
    String trueOrFail(String condition, String message);

    /**
     * An intent or sql segment's GoogleSQL as this engine runs it.
     *
     * @param warehouse the schema whose logical tables the query reads (a translator resolves the
     *                  query against it)
     * @throws UnpreviewableSqlException when this engine cannot run it with the same meaning
     */
    String embed(String googleSql, Warehouse warehouse);

    /**
     * The MD5 digest of a STRING expression's UTF-8 bytes as 32 lowercase hex digits, the same
     * text in every engine (holdout splits compare its prefix, so both engines pick the same users).
     */
    String hexMd5(String expression);

    /** Identifier as written in the query; lower_snake names need no quoting in either engine. */
    default String identifier(String name) {
        return name;
    }

    /** The SHA-256 digest of a STRING expression's UTF-8 bytes as 64 lowercase hex digits, as Customer Match wants it. */
    String hexSha256(String expression);

    /** Whether a STRING expression contains a match of the RE2 {@code pattern} (anchor it to match the whole). */
    String regexpContains(String expression, String pattern);

    /** Every match of the RE2 {@code pattern} in a STRING expression replaced by {@code replacement} (literal text). */
    String regexpReplace(String expression, String pattern, String replacement);

    /** The first capturing group of the first match of the RE2 {@code pattern}; NULL (BigQuery) or '' (DuckDB) if none. */
    String regexpExtract(String expression, String pattern);
}

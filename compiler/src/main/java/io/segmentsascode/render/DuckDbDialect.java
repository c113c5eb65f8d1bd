package io.segmentsascode.render;

import io.segmentsascode.analyze.Catalogs;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Warehouse;
import java.util.Optional;

/**
 * DuckDB SQL for the local preview. Physical tables live in schema {@code raw} under their logical
 * names; the reference time is the session variable {@code run_time} (set by the preview engine),
 * so the SQL text does not change with the preview's date. Times are UTC {@code TIMESTAMP}s.
 */
public final class DuckDbDialect implements Dialect {

    public static final String NAME = "duckdb";
    public static final String RAW_SCHEMA = "raw";
    public static final String RUN_TIME_VARIABLE = "run_time";
    /** Where the tables of a refresh live: apart from the raw sample tables. */
    public static final String OUTPUT_SCHEMA = "segments";

    private final SqlTranslator translator;

    /** Without a translator: structured segments only; intent and sql segments cannot be previewed. */
    public DuckDbDialect() {
        this(null);
    }

    public DuckDbDialect(SqlTranslator translator) {
        this.translator = translator;
    }

    @Override
    public String embed(String googleSql, Warehouse warehouse) {
        if (translator == null) {
            throw new UnpreviewableSqlException(
                    "no GoogleSQL translator is available to preview hand-written SQL", 1, 1);
        }
        return translator.translate(googleSql, Catalogs.of(warehouse), runTime());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String physicalTable(Warehouse warehouse, String logicalTable) {
        return RAW_SCHEMA + "." + logicalTable;
    }

    @Override
    public String managedTable(Warehouse warehouse, String name) {
        return OUTPUT_SCHEMA + "." + name;
    }

    /** {@code //} on integers truncates like BigQuery's DIV for the non-negative counts we divide. */
    @Override
    public String integerDivide(String dividend, String divisor) {
        return "((" + dividend + ") // (" + divisor + "))";
    }

    @Override
    public String unionDistinct() {
        return "UNION";
    }

    @Override
    public String runTime() {
        return "getvariable('" + RUN_TIME_VARIABLE + "')";
    }

    @Override
    public String timestampMinusDays(String timestamp, int days) {
        return "(" + timestamp + " - INTERVAL " + days + " DAY)";
    }

    /** epoch() is in seconds; FLOOR matches BigQuery's truncation for later >= earlier. */
    /** The preview binds a sharded table to one local table: there are no shards to bound. */
    @Override
    public Optional<String> shardsWithinDays(int days) {
        return Optional.empty();
    }

    @Override
    public String wholeDaysBetween(String later, String earlier) {
        return "CAST(FLOOR((epoch(" + later + ") - epoch(" + earlier + ")) / 86400) AS BIGINT)";
    }

    /** count_if returns HUGEINT in DuckDB; a filtered COUNT stays BIGINT like BigQuery's INT64. */
    @Override
    public String countIf(String condition) {
        return "COUNT(*) FILTER (WHERE " + condition + ")";
    }

    @Override
    public String safeRatio(String numerator, String denominator) {
        return "CASE WHEN " + denominator + " = 0 THEN NULL ELSE CAST(" + numerator + " AS DOUBLE) / " + denominator
                + " END";
    }

    /** DuckDB's if() is a CASE: error() runs only when the condition does not hold. */
    @Override
    public String trueOrFail(String condition, String message) {
        return "if(" + condition + ", TRUE, error(" + message + "))";
    }

    @Override
    public String typeName(ColumnType type) {
        return switch (type) {
            case STRING -> "VARCHAR";
            case INT64 -> "BIGINT";
            // BigQuery NUMERIC; DuckDB's bare DECIMAL would be (18,3) and round revenue
            case NUMERIC -> "DECIMAL(38, 9)";
            case FLOAT64 -> "DOUBLE";
            case BOOL -> "BOOLEAN";
            case DATE -> "DATE";
            // naive timestamps holding UTC; sessions run with TimeZone=UTC
            case TIMESTAMP -> "TIMESTAMP";
        };
    }

    /** Standard SQL literals: a quote is doubled, backslashes are plain characters. */
    @Override
    public String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** DuckDB's md5 already returns the lowercase hex text. */
    @Override
    public String hexMd5(String expression) {
        return "md5(" + expression + ")";
    }

    /** DuckDB's sha256 already returns the lowercase hex text. */
    @Override
    public String hexSha256(String expression) {
        return "sha256(" + expression + ")";
    }

    @Override
    public String regexpContains(String expression, String pattern) {
        return "regexp_matches(" + expression + ", " + stringLiteral(pattern) + ")";
    }

    /** {@code 'g'}: every match, as BigQuery's REGEXP_REPLACE does. */
    @Override
    public String regexpReplace(String expression, String pattern, String replacement) {
        return "regexp_replace(" + expression + ", " + stringLiteral(pattern) + ", " + stringLiteral(replacement)
                + ", 'g')";
    }

    @Override
    public String regexpExtract(String expression, String pattern) {
        return "regexp_extract(" + expression + ", " + stringLiteral(pattern) + ", 1)";
    }
}

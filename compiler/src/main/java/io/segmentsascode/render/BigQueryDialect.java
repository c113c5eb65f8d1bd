package io.segmentsascode.render;

import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Warehouse;
import java.util.Optional;

/** GoogleSQL as BigQuery scheduled queries run it. */
public final class BigQueryDialect implements Dialect {

    public static final String NAME = "bigquery";
    /** BigQuery's {@code @run_time} is a parameter of the scheduled query, which a procedure body cannot read. */
    public static final String RUN_TIME_PARAMETER = "@run_time";

    private final String runTime;

    /** SQL the scheduled query itself runs, reading {@code @run_time}. */
    public BigQueryDialect() {
        this(RUN_TIME_PARAMETER);
    }

    /** @param runTime how the reference time is read: the parameter, or a procedure's argument */
    private BigQueryDialect(String runTime) {
        this.runTime = runTime;
    }

    /** SQL in the body of a procedure that receives the reference time as its argument {@code argument}. */
    public static BigQueryDialect procedureBody(String argument) {
        return new BigQueryDialect(argument);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String physicalTable(Warehouse warehouse, String logicalTable) {
        return "`" + warehouse.qualifiedName(logicalTable) + "`";
    }

    /**
     * In the warehouse's dataset until an output dataset is declared; our tables are told apart by
     * their names ({@code seg_} and {@code _segments_}).
     */
    @Override
    public String managedTable(Warehouse warehouse, String name) {
        return "`" + warehouse.managedName(name) + "`";
    }

    @Override
    public String integerDivide(String dividend, String divisor) {
        return "DIV(" + dividend + ", " + divisor + ")";
    }

    @Override
    public String unionDistinct() {
        return "UNION DISTINCT";
    }

    @Override
    public String runTime() {
        return runTime;
    }

    @Override
    public String timestampMinusDays(String timestamp, int days) {
        return "TIMESTAMP_SUB(" + timestamp + ", INTERVAL " + days + " DAY)";
    }

    /**
     * {@code _TABLE_SUFFIX} is the shard's day as {@code YYYYMMDD}; as strings these compare in day
     * order, and suffixes of other tables the wildcard also matches ({@code events_intraday_…}) sort
     * after every digit, so they stay out. GA4 dates its shards in the property's time zone, not UTC
     * (up to 14 hours apart), so the bound takes one day more on each side of the UTC days: it may
     * read a day too much, never miss one.
     */
    @Override
    public Optional<String> shardsWithinDays(int days) {
        return Optional.of("_TABLE_SUFFIX BETWEEN FORMAT_DATE('%Y%m%d', DATE_SUB(DATE(" + runTime() + "), INTERVAL "
                + (days + 1) + " DAY)) AND FORMAT_DATE('%Y%m%d', DATE_ADD(DATE(" + runTime() + "), INTERVAL 1 DAY))");
    }

    @Override
    public String wholeDaysBetween(String later, String earlier) {
        return "TIMESTAMP_DIFF(" + later + ", " + earlier + ", DAY)";
    }

    @Override
    public String countIf(String condition) {
        return "COUNTIF(" + condition + ")";
    }

    @Override
    public String safeRatio(String numerator, String denominator) {
        return "SAFE_DIVIDE(CAST(" + numerator + " AS FLOAT64), " + denominator + ")";
    }

    /** BigQuery evaluates ERROR() only in the branch of IF() that is taken (debugging functions). */
    @Override
    public String trueOrFail(String condition, String message) {
        return "IF(" + condition + ", TRUE, ERROR(" + message + "))";
    }

    @Override
    public String typeName(ColumnType type) {
        return type.name();
    }

    /** Already GoogleSQL; the envelope binds its logical table names. */
    @Override
    public String embed(String googleSql, Warehouse warehouse) {
        return googleSql.strip();
    }

    /** GoogleSQL string literals process backslash escapes, so quote and backslash are escaped. */
    @Override
    public String stringLiteral(String value) {
        StringBuilder out = new StringBuilder("'");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\'' -> out.append("\\'");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('\'').toString();
    }

    /** MD5 gives BYTES in BigQuery; TO_HEX spells them in lowercase. */
    @Override
    public String hexMd5(String expression) {
        return "TO_HEX(MD5(" + expression + "))";
    }

    @Override
    public String hexSha256(String expression) {
        return "TO_HEX(SHA256(" + expression + "))";
    }

    @Override
    public String regexpContains(String expression, String pattern) {
        return "REGEXP_CONTAINS(" + expression + ", " + stringLiteral(pattern) + ")";
    }

    @Override
    public String regexpReplace(String expression, String pattern, String replacement) {
        return "REGEXP_REPLACE(" + expression + ", " + stringLiteral(pattern) + ", " + stringLiteral(replacement) + ")";
    }

    @Override
    public String regexpExtract(String expression, String pattern) {
        return "REGEXP_EXTRACT(" + expression + ", " + stringLiteral(pattern) + ")";
    }
}

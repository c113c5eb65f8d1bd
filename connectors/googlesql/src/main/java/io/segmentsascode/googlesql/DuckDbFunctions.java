package io.segmentsascode.googlesql;

import com.google.zetasql.Type;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAggregateFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAnalyticFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCast;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedExpr;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFunctionCallBase;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedLiteral;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedNonScalarFunctionCallBase;
import com.google.zetasql.resolvedast.ResolvedNonScalarFunctionCallBaseEnums.NullHandlingModifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * BigQuery's functions, one by one, as DuckDB expressions with BigQuery's meaning. Each case
 * names the documented BigQuery rule it reproduces where DuckDB's own function differs.
 * Functions not listed are not previewable (reported with their position).
 */
final class DuckDbFunctions {

    /** FORMAT_DATE / FORMAT_TIMESTAMP elements that strftime prints the same way in both engines. */
    private static final Pattern SAME_FORMAT_ELEMENTS = Pattern.compile("([^%]|%[YmdHMSjUWaAbBFTy%])*");

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** RE2 class of Unicode whitespace: \s is ASCII only, so vertical tab, NEL and the Z categories are added. */
    private static final String WHITESPACE = "[\\s\\x{0B}\\x{85}\\p{Z}]";

    private final DuckDbRendering rendering;

    DuckDbFunctions(DuckDbRendering rendering) {
        this.rendering = rendering;
    }

    private String expr(ResolvedExpr expr) {
        return rendering.expr(expr);
    }

    private List<String> args(ResolvedFunctionCallBase call) {
        return call.getArgumentList().stream().map(this::expr).collect(Collectors.toList());
    }

    private static String written(ResolvedFunctionCallBase call) {
        return call.getFunction().getName().toUpperCase(Locale.ROOT);
    }

    private String unsupported(ResolvedFunctionCallBase call, String why) {
        return rendering.unsupported(written(call) + (why.isEmpty() ? "" : " " + why), written(call));
    }

    // ---- scalar -------------------------------------------------------------------------------

    String scalar(ResolvedFunctionCall call) {
        String rendered = scalarDefault(call);
        if (!rendering.safeMode(call) || call.getFunction().getName().equals("safe_divide")) {
            return rendered;
        }
        // SAFE.f(...): NULL instead of an error. The call's own checks already give NULL (see
        // fail); DuckDB's try() turns DuckDB's errors into NULL too, but refuses expressions that
        // raise through error() (volatile), so a SAFE call around one is not previewable.
        if (rendered.contains("error(")) {
            return unsupported(call, "with the SAFE. prefix");
        }
        return "try(" + rendered + ")";
    }

    /** BigQuery's error for this call, or NULL under the SAFE. prefix. */
    private String fail(ResolvedFunctionCallBase call, String message) {
        return rendering.safeMode(call) ? "NULL" : "error(" + DuckDbRendering.stringLiteral(message) + ")";
    }

    /**
     * LN, LOG10, SQRT, POW: an error where the result is not a finite number for finite inputs
     * ("Generates an error if X is less than or equal to zero"; SQRT of a negative; an overflow);
     * DuckDB returns NaN or an infinity there. Non-finite inputs pass through as in BigQuery.
     */
    private String finiteMath(ResolvedFunctionCall call, String function, List<String> a) {
        if (!call.getType().isDouble()) {
            return unsupported(call, "of " + GoogleSqlAnalyzer.typeName(call.getType()));
        }
        String result = function + "(" + String.join(", ", a) + ")";
        String finiteInputs =
                a.stream().map(x -> "isfinite(CAST(" + x + " AS DOUBLE))").collect(Collectors.joining(" AND "));
        return "CASE WHEN " + finiteInputs + " AND NOT isfinite(" + result + ") THEN "
                + fail(call, written(call) + " is not defined for its argument") + " ELSE " + result + " END";
    }

    private String scalarDefault(ResolvedFunctionCall call) {
        String name = call.getFunction().getName();
        List<ResolvedExpr> arguments = call.getArgumentList();
        List<String> a = args(call);
        Type type = call.getType();
        switch (name) {
            case "$add", "$subtract", "$multiply" -> {
                if (!type.isNumerical()) {
                    return unsupported(call, "of " + GoogleSqlAnalyzer.typeName(type));
                }
                String op = switch (name) {
                    case "$add" -> " + ";
                    case "$subtract" -> " - ";
                    default -> " * ";
                };
                String value = "(" + a.get(0) + op + a.get(1) + ")";
                // NUMERIC results are rounded to 9 digits, half away from zero, like DuckDB's cast
                return type.isNumeric() ? "CAST(" + value + " AS " + DuckDbRendering.NUMERIC + ")" : value;
            }
            case "$divide", "safe_divide" -> {
                return divide(call, type, a);
            }
            case "div" -> {
                // DIV: integer division truncating toward zero, an error for a zero divisor
                // (DuckDB's // truncates toward zero too)
                if (!type.isInt64()) {
                    return unsupported(call, "of NUMERIC");
                }
                return "(" + a.get(0) + " // " + nonZero(call, a.get(1)) + ")";
            }
            case "mod" -> {
                if (!type.isInt64()) {
                    return unsupported(call, "of NUMERIC");
                }
                // MOD: the sign of the dividend, like C's % that DuckDB uses; zero divisor is an error
                return "(" + a.get(0) + " % " + nonZero(call, a.get(1)) + ")";
            }
            case "$with_side_effects" -> {
                // a value whose deferred error (second argument) BigQuery raises only when the value
                // is used; DuckDB evaluates eagerly, so it may fail where BigQuery would not, never differ
                return a.get(0);
            }
            case "$unary_minus" -> {
                return "(-" + a.get(0) + ")";
            }
            case "$equal" -> {
                return binary(a, " = ");
            }
            case "$not_equal" -> {
                return binary(a, " <> ");
            }
            case "$less" -> {
                return binary(a, " < ");
            }
            case "$less_or_equal" -> {
                return binary(a, " <= ");
            }
            case "$greater" -> {
                return binary(a, " > ");
            }
            case "$greater_or_equal" -> {
                return binary(a, " >= ");
            }
            case "$and" -> {
                return "(" + String.join(" AND ", a) + ")";
            }
            case "$or" -> {
                return "(" + String.join(" OR ", a) + ")";
            }
            case "$not" -> {
                return "(NOT " + a.get(0) + ")";
            }
            case "$is_null" -> {
                return "(" + a.get(0) + " IS NULL)";
            }
            case "$is_true" -> {
                return "(" + a.get(0) + " IS TRUE)";
            }
            case "$is_false" -> {
                return "(" + a.get(0) + " IS FALSE)";
            }
            case "$is_distinct_from" -> {
                return binary(a, " IS DISTINCT FROM ");
            }
            case "$is_not_distinct_from" -> {
                return binary(a, " IS NOT DISTINCT FROM ");
            }
            case "$like" -> {
                // BigQuery's LIKE escapes with a backslash; DuckDB's LIKE has no escape unless told
                return "(" + a.get(0) + " LIKE " + a.get(1) + " ESCAPE '\\')";
            }
            case "$in" -> {
                return "(" + a.get(0) + " IN (" + String.join(", ", a.subList(1, a.size())) + "))";
            }
            case "$between" -> {
                return "(" + a.get(0) + " BETWEEN " + a.get(1) + " AND " + a.get(2) + ")";
            }
            case "$case_no_value" -> {
                return caseWhen("CASE", a);
            }
            case "$case_with_value" -> {
                return caseWhen("CASE " + a.get(0), a.subList(1, a.size()));
            }
            case "if" -> {
                // IF(cond, a, b): b when cond is FALSE or NULL, as CASE does
                return "CASE WHEN " + a.get(0) + " THEN " + a.get(1) + " ELSE " + a.get(2) + " END";
            }
            case "ifnull", "coalesce" -> {
                return "coalesce(" + String.join(", ", a) + ")";
            }
            case "nullif" -> {
                return "nullif(" + a.get(0) + ", " + a.get(1) + ")";
            }
            case "greatest", "least" -> {
                // BigQuery: NULL if any argument is NULL; DuckDB's greatest/least skip NULLs
                return "CASE WHEN " + a.stream().map(x -> x + " IS NULL").collect(Collectors.joining(" OR "))
                        + " THEN NULL ELSE " + name + "(" + String.join(", ", a) + ") END";
            }
            case "$make_array" -> {
                return "[" + String.join(", ", a) + "]";
            }
            case "$array_at_offset" -> {
                // arr[OFFSET(n)]: an error outside 0..len-1; DuckDB would return NULL (or count from the end)
                return "CASE WHEN " + a.get(1) + " < 0 OR " + a.get(1) + " >= len(" + a.get(0) + ") THEN "
                        + fail(call, "Array index out of bounds") + " ELSE (" + a.get(0) + ")[" + a.get(1)
                        + " + 1] END";
            }
            case "$array_at_ordinal" -> {
                return "CASE WHEN " + a.get(1) + " < 1 OR " + a.get(1) + " > len(" + a.get(0) + ") THEN "
                        + fail(call, "Array index out of bounds") + " ELSE (" + a.get(0) + ")[" + a.get(1) + "] END";
            }
            case "$safe_array_at_offset" -> {
                // SAFE_OFFSET: NULL outside the array; DuckDB counts negative indexes from the end
                return "CASE WHEN " + a.get(1) + " >= 0 THEN (" + a.get(0) + ")[" + a.get(1) + " + 1] END";
            }
            case "$safe_array_at_ordinal" -> {
                return "CASE WHEN " + a.get(1) + " >= 1 THEN (" + a.get(0) + ")[" + a.get(1) + "] END";
            }
            case "array_length" -> {
                return "len(" + a.get(0) + ")";
            }
            case "concat", "$concat_op" -> {
                if (!type.isString()) {
                    return unsupported(call, "of " + GoogleSqlAnalyzer.typeName(type));
                }
                // CONCAT is NULL when any argument is; DuckDB's concat() skips NULLs, its || does not
                return "(" + String.join(" || ", a) + ")";
            }
            case "sqrt", "ln", "log10" -> {
                return finiteMath(call, name, a);
            }
            case "pow", "power" -> {
                return finiteMath(call, "power", a);
            }
            case "lower", "upper", "abs", "sign", "floor", "ceil", "starts_with", "ends_with", "replace" -> {
                return name + "(" + String.join(", ", a) + ")";
            }
            case "length" -> {
                return type.isInt64() && arguments.get(0).getType().isString()
                        ? "length(" + a.get(0) + ")"
                        : unsupported(call, "of BYTES");
            }
            case "trim", "ltrim", "rtrim" -> {
                if (a.size() != 1) {
                    return unsupported(call, "with characters to trim");
                }
                // TRIM(value) removes leading and trailing whitespace, Unicode's included (tabs, newlines,
                // no-break spaces); DuckDB's trim() removes spaces only
                String pattern = switch (name) {
                    case "ltrim" -> "^" + WHITESPACE + "+";
                    case "rtrim" -> WHITESPACE + "+$";
                    default -> "^" + WHITESPACE + "+|" + WHITESPACE + "+$";
                };
                return "regexp_replace(" + a.get(0) + ", '" + pattern + "', '', 'g')";
            }
            case "substr" -> {
                return substr(call, a);
            }
            case "left", "right" -> {
                // LEFT/RIGHT(value, length): an error for a negative length
                if (!type.isString()) {
                    return unsupported(call, "of BYTES");
                }
                return "CASE WHEN " + a.get(1) + " < 0 THEN "
                        + fail(call, written(call) + " length must be non-negative") + " ELSE " + name + "(" + a.get(0)
                        + ", " + a.get(1) + ") END";
            }
            case "$in_array" -> {
                // x IN UNNEST(array): NULL for a NULL x; TRUE when found; otherwise NULL when the array
                // holds a NULL, else FALSE (a NULL array holds nothing)
                String array = "coalesce(" + a.get(1) + ", [])";
                return "CASE WHEN " + a.get(0) + " IS NULL THEN NULL WHEN list_contains(" + array + ", " + a.get(0)
                        + ") THEN TRUE WHEN list_count(" + array + ") < len(" + array + ") THEN NULL ELSE FALSE END";
            }
            case "generate_array" -> {
                // GENERATE_ARRAY(start, end[, step]): inclusive of end, like DuckDB's generate_series;
                // a zero step is an error in both
                if (!type.asArray().getElementType().isInt64()) {
                    return unsupported(call, "of " + GoogleSqlAnalyzer.typeName(type));
                }
                return "generate_series(" + String.join(", ", a) + ")";
            }
            case "unix_date" -> {
                return epochDays(a.get(0));
            }
            case "date_from_unix_date" -> {
                return "CAST(DATE '1970-01-01' + to_days(" + a.get(0) + ") AS DATE)";
            }
            case "unix_seconds", "unix_millis", "unix_micros" -> {
                // whole units since the epoch, rounded down (toward the past) to the unit
                long micros = name.equals("unix_seconds") ? 1_000_000L : name.equals("unix_millis") ? 1_000L : 1L;
                return "CAST(floor(epoch_us(" + a.get(0) + ") / " + micros + ") AS BIGINT)";
            }
            case "timestamp_seconds", "timestamp_millis", "timestamp_micros" -> {
                long micros =
                        name.equals("timestamp_seconds") ? 1_000_000L : name.equals("timestamp_millis") ? 1_000L : 1L;
                return "make_timestamp(" + a.get(0) + " * " + micros + ")";
            }
            case "strpos" -> {
                return "strpos(" + a.get(0) + ", " + a.get(1) + ")";
            }
            case "round" -> {
                // ROUND rounds halfway cases away from zero in both engines
                return a.size() == 1 ? "round(" + a.get(0) + ")" : "round(" + a.get(0) + ", " + a.get(1) + ")";
            }
            case "regexp_contains" -> {
                // both engines use RE2 and find the pattern anywhere in the string
                return "regexp_matches(" + a.get(0) + ", " + a.get(1) + ")";
            }
            case "regexp_extract" -> {
                return regexpExtract(call, a);
            }
            case "regexp_replace" -> {
                // BigQuery replaces every match; DuckDB only the first unless given 'g'
                return "regexp_replace(" + a.get(0) + ", " + a.get(1) + ", " + a.get(2) + ", 'g')";
            }
            case "date" -> {
                return date(call, a);
            }
            case "timestamp" -> {
                return arguments.size() == 1 && arguments.get(0).getType().isDate()
                        ? "CAST(" + a.get(0) + " AS TIMESTAMP)"
                        : unsupported(call, "of a string or with a time zone");
            }
            case "date_add", "date_sub", "timestamp_add", "timestamp_sub" -> {
                return addInterval(call, a, name.endsWith("_add") ? " + " : " - ");
            }
            case "date_diff" -> {
                return dateDiff(call, a);
            }
            case "timestamp_diff" -> {
                return timestampDiff(call, a);
            }
            case "date_trunc", "timestamp_trunc" -> {
                return trunc(call, a);
            }
            case "$extract" -> {
                return extract(call, a);
            }
            case "$extract_date" -> {
                if (a.size() > 1) {
                    return "CAST(" + inTimeZone(a.get(0), a.get(1)) + " AS DATE)";
                }
                return "CAST(" + a.get(0) + " AS DATE)";
            }
            case "format_date", "format_timestamp" -> {
                return format(call, a);
            }
            default -> {
                return unsupported(call, "");
            }
        }
    }

    private static String binary(List<String> a, String op) {
        return "(" + a.get(0) + op + a.get(1) + ")";
    }

    private static String caseWhen(String head, List<String> pairs) {
        StringBuilder out = new StringBuilder(head);
        int i = 0;
        for (; i + 1 < pairs.size(); i += 2) {
            out.append(" WHEN ").append(pairs.get(i)).append(" THEN ").append(pairs.get(i + 1));
        }
        if (i < pairs.size()) {
            out.append(" ELSE ").append(pairs.get(i));
        }
        return out.append(" END").toString();
    }

    /** The divisor, or BigQuery's "division by zero" error (NULL under SAFE.). */
    private String nonZero(ResolvedFunctionCall call, String divisor) {
        return "CASE WHEN " + divisor + " = 0 THEN " + fail(call, "division by zero") + " ELSE " + divisor + " END";
    }

    /**
     * {@code /} and SAFE_DIVIDE: FLOAT64 for INT64 and FLOAT64 operands ("/ always returns
     * FLOAT64" unless an operand is NUMERIC), correctly rounded IEEE division in both engines;
     * NUMERIC division is exact and rounded to 9 digits half away from zero, which DuckDB's
     * DECIMAL division (a DOUBLE) is not, so it is computed on scaled integers. A zero divisor is
     * an error for {@code /} and NULL for SAFE_DIVIDE.
     */
    private String divide(ResolvedFunctionCall call, Type type, List<String> a) {
        boolean zeroIsError = call.getFunction().getName().equals("$divide");
        String divisor = zeroIsError ? nonZero(call, a.get(1)) : "nullif(" + a.get(1) + ", 0)";
        if (type.isDouble()) {
            return "(CAST(" + a.get(0) + " AS DOUBLE) / CAST(" + divisor + " AS DOUBLE))";
        }
        if (type.isNumeric()) {
            return numericQuotient(a.get(0), divisor);
        }
        return rendering.unsupported(
                "division of " + GoogleSqlAnalyzer.typeName(type) + " values", zeroIsError ? null : "SAFE_DIVIDE");
    }

    /**
     * dividend / divisor as BigQuery's NUMERIC: exact, rounded to 9 decimal places half away from
     * zero. Both are scaled to integers (HUGEINT) and divided with that rounding; a NULL divisor
     * gives NULL.
     */
    private static String numericQuotient(String dividend, String divisor) {
        String scaledDividend = "(CAST(CAST(" + dividend + " AS " + DuckDbRendering.NUMERIC
                + ") * 1000000000 AS HUGEINT) * 1000000000)";
        String scaledDivisor = "CAST(CAST(" + divisor + " AS " + DuckDbRendering.NUMERIC + ") * 1000000000 AS HUGEINT)";
        String quotient = "(CASE WHEN (" + scaledDividend + " < 0) <> (" + scaledDivisor + " < 0) THEN -1 ELSE 1 END"
                + " * ((2 * abs(" + scaledDividend + ") + abs(" + scaledDivisor + ")) // (2 * abs(" + scaledDivisor
                + "))))";
        return "(CAST(" + quotient + " AS DECIMAL(38, 0)) * CAST('0.000000001' AS " + DuckDbRendering.NUMERIC + "))";
    }

    /**
     * REGEXP_EXTRACT: the first capturing group's match, or the whole match without a group, and
     * NULL when nothing matches (DuckDB's regexp_extract returns '' then). More than one group is
     * an error in BigQuery; position and occurrence arguments are not translated.
     */
    private String regexpExtract(ResolvedFunctionCall call, List<String> a) {
        if (a.size() != 2) {
            return unsupported(call, "with position or occurrence");
        }
        if (!(call.getArgumentList().get(1) instanceof ResolvedLiteral pattern)
                || pattern.getValue().isNull()) {
            return unsupported(call, "with a pattern that is not a literal");
        }
        int groups = capturingGroups(pattern.getValue().getStringValue());
        if (groups > 1) {
            return unsupported(call, "with more than one capturing group");
        }
        return "CASE WHEN regexp_matches(" + a.get(0) + ", " + a.get(1) + ") THEN regexp_extract(" + a.get(0) + ", "
                + a.get(1) + ", " + groups + ") END";
    }

    /** Counts {@code (} that open a capturing group: not escaped, not in a class, not {@code (?...}. */
    static int capturingGroups(String pattern) {
        int groups = 0;
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (inClass) {
                inClass = c != ']';
            } else if (c == '[') {
                inClass = true;
            } else if (c == '(' && (i + 1 >= pattern.length() || pattern.charAt(i + 1) != '?')) {
                groups++;
            } else if (c == '(' && pattern.startsWith("(?P<", i)) {
                groups++;
            }
        }
        return groups;
    }

    /**
     * SUBSTR(value, position[, length]): 1-based; position 0 counts as 1, a negative position
     * counts from the end (before the start: from 1); a negative length is an error. DuckDB's
     * substring reads 0 and negative positions otherwise, so the start is computed here.
     */
    private String substr(ResolvedFunctionCall call, List<String> a) {
        if (!call.getType().isString()) {
            return unsupported(call, "of BYTES");
        }
        String start = "CASE WHEN " + a.get(1) + " > 0 THEN " + a.get(1) + " WHEN " + a.get(1) + " = 0 THEN 1"
                + " ELSE greatest(length(" + a.get(0) + ") + " + a.get(1) + " + 1, 1) END";
        if (a.size() == 2) {
            return "substring(" + a.get(0) + ", " + start + ")";
        }
        return "CASE WHEN " + a.get(2) + " < 0 THEN " + fail(call, "SUBSTR length must be non-negative")
                + " ELSE substring(" + a.get(0) + ", " + start + ", " + a.get(2) + ") END";
    }

    /** The date or time part an enum argument names: {@code DAY}, {@code WEEK}, {@code WEEK_MONDAY}... */
    private static String part(ResolvedExpr argument) {
        if (argument instanceof ResolvedLiteral literal && literal.getType().isEnum()) {
            return literal.getValue().getEnumName();
        }
        return null;
    }

    /** A UTC timestamp's wall-clock time in a time zone (DuckDB's ICU functions). */
    private static String inTimeZone(String timestamp, String zone) {
        return "timezone(" + zone + ", timezone('UTC', " + timestamp + "))";
    }

    /** DATE(ts), DATE(ts, zone), DATE(year, month, day), DATE(date). */
    private String date(ResolvedFunctionCall call, List<String> a) {
        List<ResolvedExpr> arguments = call.getArgumentList();
        Type first = arguments.get(0).getType();
        if (a.size() == 3) {
            return "make_date(" + String.join(", ", a) + ")";
        }
        if (first.isTimestamp()) {
            // DATE(ts, 'zone'): the date in that zone; without a zone, UTC
            return "CAST(" + (a.size() == 2 ? inTimeZone(a.get(0), a.get(1)) : a.get(0)) + " AS DATE)";
        }
        if (first.isDate()) {
            return a.get(0);
        }
        return unsupported(call, "of " + GoogleSqlAnalyzer.typeName(first));
    }

    /** DATE_ADD/SUB (DAY, WEEK, MONTH, QUARTER, YEAR; month ends clamp in both engines), TIMESTAMP_ADD/SUB (up to DAY = 24 h in UTC). */
    private String addInterval(ResolvedFunctionCall call, List<String> a, String sign) {
        String part = part(call.getArgumentList().get(2));
        String interval = switch (part == null ? "" : part) {
            case "MICROSECOND" -> "to_microseconds(" + a.get(1) + ")";
            case "MILLISECOND" -> "to_milliseconds(" + a.get(1) + ")";
            case "SECOND" -> "to_seconds(" + a.get(1) + ")";
            case "MINUTE" -> "to_minutes(" + a.get(1) + ")";
            case "HOUR" -> "to_hours(" + a.get(1) + ")";
            case "DAY" -> "to_days(" + a.get(1) + ")";
            case "WEEK" -> "to_days(7 * " + a.get(1) + ")";
            case "MONTH" -> "to_months(" + a.get(1) + ")";
            case "QUARTER" -> "to_months(3 * " + a.get(1) + ")";
            case "YEAR" -> "to_years(" + a.get(1) + ")";
            default -> null;
        };
        if (interval == null) {
            return unsupported(call, "by " + part);
        }
        boolean isDate = call.getType().isDate();
        if (isDate
                && Set.of("MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR")
                        .contains(part)) {
            return unsupported(call, "by " + part);
        }
        String value = "(" + a.get(0) + sign + interval + ")";
        return isDate ? "CAST(" + value + " AS DATE)" : value;
    }

    /** Days since 1970-01-01 of a DATE. */
    private static String epochDays(String date) {
        return "date_diff('day', DATE '1970-01-01', " + date + ")";
    }

    /** The Sunday on or before a date: BigQuery's WEEK starts on Sunday (DuckDB's date_trunc on Monday). */
    private static String sundayOnOrBefore(String date) {
        return "CAST(CAST(" + date + " AS DATE) - CAST(dayofweek(" + date + ") AS INTEGER) AS DATE)";
    }

    /**
     * DATE_DIFF(a, b, part): the number of part boundaries from b to a (a - b; DuckDB's date_diff
     * takes them the other way round). WEEK counts Sunday-start weeks.
     */
    private String dateDiff(ResolvedFunctionCall call, List<String> a) {
        if (!call.getArgumentList().get(0).getType().isDate()) {
            return unsupported(
                    call,
                    "of "
                            + GoogleSqlAnalyzer.typeName(
                                    call.getArgumentList().get(0).getType()));
        }
        String later = a.get(0);
        String earlier = a.get(1);
        String part = String.valueOf(part(call.getArgumentList().get(2)));
        return switch (part) {
            case "DAY" -> "(" + epochDays(later) + " - " + epochDays(earlier) + ")";
            case "WEEK" ->
                "((" + epochDays(sundayOnOrBefore(later)) + " - " + epochDays(sundayOnOrBefore(earlier)) + ") // 7)";
            case "MONTH" ->
                "((year(" + later + ") * 12 + month(" + later + ")) - (year(" + earlier + ") * 12 + month(" + earlier
                        + ")))";
            case "QUARTER" ->
                "((year(" + later + ") * 4 + quarter(" + later + ")) - (year(" + earlier + ") * 4 + quarter(" + earlier
                        + ")))";
            case "YEAR" -> "(year(" + later + ") - year(" + earlier + "))";
            default -> unsupported(call, "by " + part);
        };
    }

    /**
     * TIMESTAMP_DIFF(a, b, part): whole parts between the two instants, truncated toward zero
     * (DuckDB's date_diff counts boundaries instead: 23:59 → 00:01 is one day there, zero here).
     */
    private String timestampDiff(ResolvedFunctionCall call, List<String> a) {
        String part = String.valueOf(part(call.getArgumentList().get(2)));
        long micros = switch (part) {
            case "MICROSECOND" -> 1L;
            case "MILLISECOND" -> 1_000L;
            case "SECOND" -> 1_000_000L;
            case "MINUTE" -> 60_000_000L;
            case "HOUR" -> 3_600_000_000L;
            case "DAY" -> MICROS_PER_DAY;
            default -> 0L;
        };
        if (micros == 0L) {
            return unsupported(call, "by " + part);
        }
        // // truncates toward zero on integers in DuckDB
        return "((epoch_us(" + a.get(0) + ") - epoch_us(" + a.get(1) + ")) // " + micros + ")";
    }

    /** DATE_TRUNC / TIMESTAMP_TRUNC (UTC); WEEK starts on Sunday, ISOWEEK and WEEK(MONDAY) on Monday. */
    private String trunc(ResolvedFunctionCall call, List<String> a) {
        if (a.size() > 2) {
            return unsupported(call, "with a time zone");
        }
        boolean isDate = call.getType().isDate();
        String value = a.get(0);
        String part = String.valueOf(part(call.getArgumentList().get(1)));
        String truncated = switch (part) {
            case "WEEK", "WEEK_SUNDAY" ->
                isDate
                        ? sundayOnOrBefore(value)
                        : "(date_trunc('day', " + value + ") - to_days(CAST(dayofweek(" + value + ") AS BIGINT)))";
            case "ISOWEEK", "WEEK_MONDAY" -> "date_trunc('week', " + value + ")";
            case "DAY", "MONTH", "QUARTER", "YEAR", "HOUR", "MINUTE", "SECOND" ->
                "date_trunc('" + part.toLowerCase(Locale.ROOT) + "', " + value + ")";
            default -> null;
        };
        if (truncated == null) {
            return unsupported(call, "to " + part);
        }
        return "CAST(" + truncated + " AS " + (isDate ? "DATE" : "TIMESTAMP") + ")";
    }

    /** EXTRACT(part FROM x): DAYOFWEEK is 1 (Sunday) to 7; WEEK counts Sunday-start weeks (0–53), as strftime's %U. */
    private String extract(ResolvedFunctionCall call, List<String> a) {
        String value = a.get(0);
        if (a.size() > 2) {
            value = inTimeZone(value, a.get(2));
        }
        String part = String.valueOf(part(call.getArgumentList().get(1)));
        return switch (part) {
            case "YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "QUARTER", "DAYOFYEAR", "ISOYEAR" ->
                "CAST(" + part.toLowerCase(Locale.ROOT) + "(" + value + ") AS BIGINT)";
            case "SECOND" -> "CAST(second(" + value + ") AS BIGINT)";
            case "DAYOFWEEK" -> "CAST(dayofweek(" + value + ") + 1 AS BIGINT)";
            case "WEEK" -> "CAST(strftime(" + value + ", '%U') AS BIGINT)";
            case "ISOWEEK" -> "CAST(weekofyear(" + value + ") AS BIGINT)";
            default -> unsupported(call, "of " + part);
        };
    }

    /** FORMAT_DATE(fmt, d) with a literal format of elements strftime prints alike. */
    private String format(ResolvedFunctionCall call, List<String> a) {
        if (a.size() != 2
                || !(call.getArgumentList().get(0) instanceof ResolvedLiteral format)
                || format.getValue().isNull()
                || !SAME_FORMAT_ELEMENTS
                        .matcher(format.getValue().getStringValue())
                        .matches()) {
            return unsupported(
                    call, "with a format other than a literal of %Y %m %d %H %M %S %j %U %W %a %A %b %B %F %T %y");
        }
        return "strftime(" + a.get(1) + ", " + a.get(0) + ")";
    }

    // ---- casts --------------------------------------------------------------------------------

    /**
     * CAST with BigQuery's type names. FLOAT64/NUMERIC → INT64 rounds halfway cases away from zero
     * (DuckDB's cast rounds them to even). Casts whose results differ between the engines are not
     * previewable: FLOAT64, NUMERIC and TIMESTAMP → STRING print differently, FLOAT64 → NUMERIC
     * rounds differently, and STRING → BOOL, NUMERIC or TIMESTAMP accept other texts. STRING →
     * INT64 / FLOAT64 accept only what BigQuery accepts (DuckDB also reads '1.5' as the integer 2).
     * SAFE_CAST is TRY_CAST.
     */
    String cast(ResolvedCast cast) {
        Type from = cast.getExpr().getType();
        Type to = cast.getType();
        String value = expr(cast.getExpr());
        String target = rendering.typeName(to, "CAST");
        if (target == null || cast.getFormat() != null || cast.getTimeZone() != null) {
            return rendering.unsupported(
                    "CAST to " + GoogleSqlAnalyzer.typeName(to) + (cast.getFormat() != null ? " with FORMAT" : ""),
                    "CAST");
        }
        if (from.equals(to)) {
            return value;
        }
        boolean differs = to.isString() && (from.isFloatingPoint() || from.isTimestamp() || from.isNumeric())
                || to.isNumeric() && (from.isFloatingPoint() || from.isString())
                || from.isString() && (to.isBool() || to.isTimestamp());
        if (differs) {
            return rendering.unsupported(
                    "CAST of " + GoogleSqlAnalyzer.typeName(from) + " to " + GoogleSqlAnalyzer.typeName(to), "CAST");
        }
        if (from.isString() && (to.isInt64() || to.isDouble())) {
            return castOfText(value, to.isInt64() ? INT64_TEXT : FLOAT64_TEXT, target, cast.getReturnNullOnError());
        }
        if (to.isInt64() && (from.isFloatingPoint() || from.isNumeric())) {
            value = "round(" + value + ")";
        }
        return (cast.getReturnNullOnError() ? "TRY_CAST(" : "CAST(") + value + " AS " + target + ")";
    }

    /** BigQuery's INT64 text: decimal or hexadecimal digits with an optional sign. */
    private static final String INT64_TEXT = "^[+-]?([0-9]+|0[xX][0-9a-fA-F]+)$";
    /** BigQuery's FLOAT64 text: a decimal number with an optional exponent, or inf / nan. */
    private static final String FLOAT64_TEXT = "^[+-]?(([0-9]+[.]?[0-9]*|[.][0-9]+)([eE][+-]?[0-9]+)?|(?i:inf|nan))$";

    /**
     * A string cast to a number where the text has BigQuery's syntax; other text is BigQuery's
     * error (NULL for SAFE_CAST). Text with surrounding whitespace fails the preview instead:
     * whether BigQuery reads it is not settled here, and a guess could show other members.
     */
    private static String castOfText(String text, String syntax, String target, boolean nullOnError) {
        return "CASE WHEN regexp_matches(" + text + ", '" + syntax + "') THEN CAST(" + text + " AS " + target + ")"
                + " WHEN regexp_matches(" + text
                + ", '^\\s|\\s$') THEN error('text with surrounding whitespace cast to a number')"
                + " ELSE " + (nullOnError ? "NULL" : "error('Bad " + target + " value')") + " END";
    }

    // ---- aggregates ---------------------------------------------------------------------------

    String aggregate(ResolvedAggregateFunctionCall call) {
        if (call.getHavingModifier() != null
                || call.getLimit() != null && !call.getFunction().getName().equals("array_agg")) {
            return unsupported(call, "with HAVING MAX/MIN or LIMIT");
        }
        String orderBy = rendering.orderBy(call.getOrderByItemList());
        return aggregateCall(call, orderBy, "");
    }

    String analytic(ResolvedAnalyticFunctionCall call, String over) {
        String name = call.getFunction().getName();
        List<String> a = args(call);
        switch (name) {
            case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist" -> {
                return name + "() " + over;
            }
            case "ntile" -> {
                return "ntile(" + a.get(0) + ") " + over;
            }
            case "lag", "lead" -> {
                if (call.getNullHandlingModifier() == NullHandlingModifier.IGNORE_NULLS) {
                    return unsupported(call, "IGNORE NULLS");
                }
                return name + "(" + String.join(", ", a) + ") " + over;
            }
            case "first_value", "last_value" -> {
                String nulls =
                        call.getNullHandlingModifier() == NullHandlingModifier.IGNORE_NULLS ? " IGNORE NULLS" : "";
                return name + "(" + a.get(0) + nulls + ") " + over;
            }
            case "percentile_cont", "percentile_disc" -> {
                // BigQuery's PERCENTILE_CONT/DISC ignore NULLs (RESPECT NULLS aside), as DuckDB's quantiles do
                if (call.getNullHandlingModifier() == NullHandlingModifier.RESPECT_NULLS) {
                    return unsupported(call, "RESPECT NULLS");
                }
                String function = name.equals("percentile_cont") ? "quantile_cont" : "quantile_disc";
                return function + "(" + a.get(0) + ", " + a.get(1) + ") " + over;
            }
            default -> {
                return aggregateCall(call, "", " " + over);
            }
        }
    }

    /** Aggregate functions, plain or over a window. */
    private String aggregateCall(ResolvedNonScalarFunctionCallBase call, String orderBy, String over) {
        String name = call.getFunction().getName();
        List<String> a = args(call);
        String distinct = call.getDistinct() ? "DISTINCT " : "";
        if (call.getWhereExpr() != null || call.getWithGroupRowsSubquery() != null) {
            return unsupported(call, "with WHERE or WITH GROUP ROWS");
        }
        boolean ignoreNulls = call.getNullHandlingModifier() == NullHandlingModifier.IGNORE_NULLS;
        switch (name) {
            case "$count_star" -> {
                return "count(*)" + over;
            }
            case "count", "min", "max", "any_value" -> {
                return name + "(" + distinct + a.get(0) + orderBy + ")" + over;
            }
            case "sum" -> {
                // SUM(INT64) is INT64 (an overflow is an error); DuckDB widens to HUGEINT
                String target = call.getType().isInt64()
                        ? "BIGINT"
                        : call.getType().isNumeric() ? DuckDbRendering.NUMERIC : "DOUBLE";
                return "CAST(sum(" + distinct + a.get(0) + ")" + over + " AS " + target + ")";
            }
            case "avg" -> {
                if (call.getType().isNumeric()) {
                    // AVG(NUMERIC) is NUMERIC, the exact mean rounded to 9 digits (DuckDB's avg is a DOUBLE);
                    // no non-NULL value: NULL
                    return numericQuotient(
                            "sum(" + distinct + a.get(0) + ")" + over,
                            "nullif(count(" + distinct + a.get(0) + ")" + over + ", 0)");
                }
                return "avg(" + distinct + a.get(0) + ")" + over;
            }
            case "countif" -> {
                // COUNTIF counts TRUE only (FALSE and NULL are not counted); DuckDB's count_if returns HUGEINT
                return "count(*) FILTER (WHERE " + a.get(0) + ")" + over;
            }
            case "logical_or" -> {
                return "bool_or(" + a.get(0) + ")" + over;
            }
            case "logical_and" -> {
                return "bool_and(" + a.get(0) + ")" + over;
            }
            case "approx_count_distinct" -> {
                rendering.note("APPROX_COUNT_DISTINCT previewed exactly (COUNT(DISTINCT)); BigQuery approximates");
                return "count(DISTINCT " + a.get(0) + ")" + over;
            }
            case "approx_quantiles" -> {
                return approxQuantiles(call, a, over);
            }
            case "string_agg" -> {
                if (a.size() > 2) {
                    return unsupported(call, "with LIMIT");
                }
                return "string_agg(" + distinct + a.get(0) + ", " + (a.size() == 2 ? a.get(1) : "','") + orderBy + ")"
                        + over;
            }
            case "array_agg" -> {
                return arrayAgg(call, a, distinct, orderBy, over, ignoreNulls);
            }
            default -> {
                return unsupported(call, "");
            }
        }
    }

    /**
     * ARRAY_AGG: an error when an element would be NULL ("Array cannot have a null element"),
     * unless IGNORE NULLS drops them; ORDER BY and LIMIT as written.
     */
    private String arrayAgg(
            ResolvedNonScalarFunctionCallBase call,
            List<String> a,
            String distinct,
            String orderBy,
            String over,
            boolean ignoreNulls) {
        if (!over.isEmpty()) {
            return unsupported(call, "over a window");
        }
        String aggregated =
                "array_agg(" + distinct + a.get(0) + orderBy + ") FILTER (WHERE " + a.get(0) + " IS NOT NULL)";
        if (call instanceof ResolvedAggregateFunctionCall aggregate && aggregate.getLimit() != null) {
            aggregated = "list_slice(" + aggregated + ", 1, " + expr(aggregate.getLimit()) + ")";
        }
        if (ignoreNulls) {
            return aggregated;
        }
        return "CASE WHEN count(*) FILTER (WHERE " + a.get(0)
                + " IS NULL) > 0 THEN error('Array cannot have a null element') ELSE " + aggregated + " END";
    }

    /**
     * APPROX_QUANTILES(x, n): n + 1 boundaries, minimum to maximum. Previewed with exact
     * quantiles (quantile_disc at 0, 1/n, ..., 1), which BigQuery's approximation may differ from.
     */
    private String approxQuantiles(ResolvedNonScalarFunctionCallBase call, List<String> a, String over) {
        if (!(call.getArgumentList().get(1) instanceof ResolvedLiteral buckets)
                || buckets.getValue().isNull()) {
            return unsupported(call, "with a bucket count that is not a literal");
        }
        long n = buckets.getValue().getInt64Value();
        if (n < 1 || n > 1000) {
            return unsupported(call, "with " + n + " buckets");
        }
        List<String> fractions = new ArrayList<>();
        for (long i = 0; i <= n; i++) {
            fractions.add("CAST(" + i + " AS DOUBLE) / " + n);
        }
        rendering.note("APPROX_QUANTILES previewed with exact quantiles; BigQuery approximates");
        return "quantile_disc(" + a.get(0) + ", [" + String.join(", ", fractions) + "])" + over;
    }
}

package io.segmentsascode.duckdb.translate;

import io.segmentsascode.render.UnpreviewableSqlException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlUserDefinedTypeNameSpec;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;

/**
 * The GoogleSQL → DuckDB rewrite on Calcite's parse tree. Everything not explicitly known to
 * mean the same on both engines is refused with {@link UnpreviewableSqlException}: functions are
 * an allow-list (pass through unchanged, or rewritten), node kinds are an allow-list. See
 * {@link CalciteDuckDbTranslator} for the list of rewrites and refusals.
 */
final class DuckDbRewriter extends SqlShuttle {

    /** Functions whose GoogleSQL and DuckDB meaning (on this project's types) is the same. */
    private static final Set<String> SAME_MEANING = Set.of(
            // aggregates
            "COUNT", "SUM", "AVG", "MIN", "MAX", "ANY_VALUE", "STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE",
            "VAR_SAMP", "VAR_POP", "APPROX_COUNT_DISTINCT",
            // window functions
            "ROW_NUMBER", "RANK", "DENSE_RANK", "NTILE", "PERCENT_RANK", "CUME_DIST", "LAG", "LEAD", "FIRST_VALUE",
            "LAST_VALUE", "NTH_VALUE",
            // scalars
            "COALESCE", "NULLIF", "ABS", "SIGN", "ROUND", "SQRT", "POW", "POWER", "EXP", "LN", "LOG10", "MOD",
            "LOWER", "UPPER", "LENGTH", "STARTS_WITH", "ENDS_WITH", "STRPOS", "REPLACE");

    /** Why some well-known GoogleSQL functions are refused (others get a generic reason). */
    private static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("STRUCT", "DuckDB has no STRUCT(...) constructor with BigQuery's field naming"),
            Map.entry("FORMAT_TIMESTAMP", "format elements differ between the engines"),
            Map.entry("FORMAT_DATE", "format elements differ between the engines"),
            Map.entry("FORMAT_DATETIME", "format elements differ between the engines"),
            Map.entry("FORMAT", "format elements differ between the engines"),
            Map.entry("PARSE_TIMESTAMP", "format elements differ between the engines"),
            Map.entry("PARSE_DATE", "format elements differ between the engines"),
            Map.entry("PARSE_DATETIME", "format elements differ between the engines"),
            Map.entry("REGEXP_EXTRACT", "capture-group semantics differ between the engines"),
            Map.entry("FARM_FINGERPRINT", "DuckDB has no FarmHash; hash-based splits would select other users"),
            Map.entry("RAND", "random values differ between the engines"),
            Map.entry("UNNEST", "arrays are not part of the preview"),
            Map.entry("ARRAY", "arrays are not part of the preview"),
            Map.entry("GENERATE_ARRAY", "arrays are not part of the preview"),
            Map.entry("GENERATE_DATE_ARRAY", "arrays are not part of the preview"),
            Map.entry("PERCENTILE_CONT", "DuckDB computes percentiles as ordered-set aggregates, not BigQuery's analytic form"),
            Map.entry("PERCENTILE_DISC", "DuckDB computes percentiles as ordered-set aggregates, not BigQuery's analytic form"));

    private static final Set<String> CURRENT = Set.of("CURRENT_TIMESTAMP", "CURRENT_DATE", "CURRENT_DATETIME",
            "CURRENT_TIME");

    /** Node kinds printed by Calcite in a form DuckDB reads with the same meaning. */
    private static final Set<SqlKind> SAME_KINDS = EnumSet.of(SqlKind.UNION, SqlKind.INTERSECT, SqlKind.EXCEPT,
            SqlKind.WITH, SqlKind.WITH_ITEM, SqlKind.JOIN, SqlKind.AS, SqlKind.EXISTS, SqlKind.SCALAR_QUERY,
            SqlKind.IN, SqlKind.NOT_IN, SqlKind.AND, SqlKind.OR, SqlKind.NOT, SqlKind.EQUALS, SqlKind.NOT_EQUALS,
            SqlKind.LESS_THAN, SqlKind.GREATER_THAN, SqlKind.LESS_THAN_OR_EQUAL, SqlKind.GREATER_THAN_OR_EQUAL,
            SqlKind.IS_NULL, SqlKind.IS_NOT_NULL, SqlKind.IS_TRUE, SqlKind.IS_NOT_TRUE, SqlKind.IS_FALSE,
            SqlKind.IS_NOT_FALSE, SqlKind.IS_DISTINCT_FROM, SqlKind.IS_NOT_DISTINCT_FROM, SqlKind.BETWEEN,
            SqlKind.LIKE, SqlKind.PLUS, SqlKind.MINUS, SqlKind.TIMES, SqlKind.DIVIDE, SqlKind.MOD,
            SqlKind.MINUS_PREFIX, SqlKind.PLUS_PREFIX, SqlKind.CASE, SqlKind.OVER, SqlKind.FILTER,
            SqlKind.DESCENDING, SqlKind.NULLS_FIRST, SqlKind.NULLS_LAST, SqlKind.PRECEDING, SqlKind.FOLLOWING,
            SqlKind.ROLLUP, SqlKind.CUBE, SqlKind.GROUPING_SETS, SqlKind.VALUES, SqlKind.ROW, SqlKind.COALESCE,
            SqlKind.NULLIF);

    /** Kind-OTHER operators that print the same in DuckDB ({@code * EXCEPT} prints as {@code * EXCLUDE}). */
    private static final Set<String> SAME_OTHER = Set.of("||", "SELECT_STAR_EXCLUDE", "SELECT_STAR_REPLACE");

    /** Unicode White_Space, what BigQuery's one-argument TRIM/LTRIM/RTRIM remove (DuckDB's remove spaces only). */
    private static final String WHITESPACE = " \t\n\u000b\f\r\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004"
            + "\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

    private final GoogleSqlScanner.Result scan;
    private final String runTimeExpression;

    DuckDbRewriter(GoogleSqlScanner.Result scan, String runTimeExpression) {
        this.scan = scan;
        this.runTimeExpression = runTimeExpression;
    }

    // ---------------------------------------------------------------- leaves

    @Override
    public SqlNode visit(SqlIdentifier id) {
        if (id.isSimple() && !id.isComponentQuoted(0)) {
            String name = id.getSimple();
            if (name.equals(GoogleSqlScanner.RUN_TIME_PLACEHOLDER)) {
                return DuckDbOperators.verbatim(runTimeExpression, id.getParserPosition());
            }
            String upper = name.toUpperCase(Locale.ROOT);
            if (CURRENT.contains(upper)) {
                throw currentTime(upper, id.getParserPosition());
            }
        }
        return name(id);
    }

    /**
     * The same name, marked quoted: Calcite then prints it through the dialect's
     * quote-only-if-needed rule instead of printing names that look like its own niladic
     * functions ({@code user}, {@code localtime}, …) as upper-case keywords.
     */
    private static SqlNode name(SqlNode node) {
        if (!(node instanceof SqlIdentifier id) || id.isStar()) {
            return node;
        }
        List<SqlParserPos> positions = new ArrayList<>();
        for (int i = 0; i < id.names.size(); i++) {
            positions.add(id.getComponentParserPosition(i).withQuoting(true));
        }
        return new SqlIdentifier(id.names, id.getCollation(), id.getParserPosition().withQuoting(true), positions);
    }

    @Override
    public SqlNode visit(SqlLiteral literal) {
        SqlParserPos pos = literal.getParserPosition();
        if (literal instanceof SqlCharStringLiteral) {
            String value = stringValue(literal);
            if (TimestampLiterals.hasTimeZone(value) && !TimestampLiterals.toUtc(value).map(utc -> sameWallClock(value, utc)).orElse(false)) {
                throw reject(pos, "the string '" + value + "' carries a time zone that DuckDB would ignore when comparing "
                        + "it with a TIMESTAMP; write TIMESTAMP '" + value + "' to preview it");
            }
            return value.equals(literal.getValueAs(String.class)) ? literal : SqlLiteral.createCharString(value, pos);
        }
        if (literal instanceof SqlUnknownLiteral typed) {
            String tag = typed.tag.toUpperCase(Locale.ROOT);
            String value = typed.getValue();
            if (value.indexOf('\\') >= 0) {
                throw reject(pos, tag + " literal with escape sequences cannot be previewed on DuckDB");
            }
            switch (tag) {
                case "TIMESTAMP":
                    return SqlLiteral.createUnknown("TIMESTAMP", TimestampLiterals.toUtc(value)
                            .orElseThrow(() -> reject(pos, "TIMESTAMP '" + value + "' cannot be previewed on DuckDB: "
                                    + "not a timestamp literal the preview can read")), pos);
                case "DATE":
                case "TIME":
                    return literal;
                default:
                    throw reject(pos, tag + " '" + value + "' literals cannot be previewed on DuckDB");
            }
        }
        if (literal instanceof SqlIntervalLiteral) {
            SqlIntervalLiteral.IntervalValue interval = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
            String text = interval.getIntervalLiteral().trim();
            String unit = intervalUnit(interval.getIntervalQualifier(), pos);
            if (!text.matches("[+-]?\\d+")) {
                throw reject(pos, "INTERVAL '" + text + "' " + unit + " cannot be previewed on DuckDB");
            }
            SqlNode value = SqlLiteral.createExactNumeric(text.replace("+", "").replace("-", ""), pos);
            if (interval.getSign() * (text.startsWith("-") ? -1 : 1) < 0) {
                value = SqlStdOperatorTable.UNARY_MINUS.createCall(pos, value);
            }
            return DuckDbOperators.interval(value, unit, pos);
        }
        return literal;
    }

    @Override
    public SqlNode visit(SqlDataTypeSpec type) {
        SqlParserPos pos = type.getParserPosition();
        if (type.getCollectionsTypeName() != null || type.getTimeZone() != null) {
            throw reject(pos, "CAST to " + type + " cannot be previewed on DuckDB");
        }
        SqlTypeNameSpec spec = type.getTypeNameSpec();
        String name = spec.getTypeName().getSimple().toUpperCase(Locale.ROOT);
        if (spec instanceof SqlUserDefinedTypeNameSpec) {
            return switch (name) {
                case "INT64", "BYTEINT" -> type(SqlTypeName.BIGINT, pos);
                case "FLOAT64" -> type(SqlTypeName.DOUBLE, pos);
                case "STRING" -> type(SqlTypeName.VARCHAR, pos);
                case "BOOL" -> type(SqlTypeName.BOOLEAN, pos);
                default -> throw reject(pos, "CAST to " + name + " cannot be previewed on DuckDB");
            };
        }
        if (spec instanceof SqlBasicTypeNameSpec basic) {
            switch (name) {
                case "INTEGER", "BIGINT", "SMALLINT", "TINYINT":
                    return type(SqlTypeName.BIGINT, pos); // every GoogleSQL integer is INT64
                case "FLOAT", "DOUBLE", "REAL":
                    return type(SqlTypeName.DOUBLE, pos);
                case "DECIMAL":
                    if (basic.getPrecision() < 0) {
                        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, 38, 9, pos), pos);
                    }
                    if (basic.getPrecision() > 38) {
                        throw reject(pos, "NUMERIC(" + basic.getPrecision() + ") cannot be previewed on DuckDB (at most 38 digits)");
                    }
                    return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, basic.getPrecision(),
                            Math.max(basic.getScale(), 0), pos), pos);
                case "VARCHAR", "CHAR":
                    return type(SqlTypeName.VARCHAR, pos);
                case "BOOLEAN":
                    return type(SqlTypeName.BOOLEAN, pos);
                case "DATE":
                    return type(SqlTypeName.DATE, pos);
                case "TIMESTAMP":
                    return type(SqlTypeName.TIMESTAMP, pos);
                case "TIME":
                    return type(SqlTypeName.TIME, pos);
                default:
                    break;
            }
        }
        throw reject(pos, "CAST to " + type + " cannot be previewed on DuckDB");
    }

    // ---------------------------------------------------------------- calls

    @Override
    public SqlNode visit(SqlCall call) {
        SqlParserPos pos = call.getParserPosition();
        if (call instanceof SqlSelect select) {
            return visitSelect(select);
        }
        if (call instanceof SqlWindow window) {
            return visitWindow(window);
        }
        if (call.getKind() == SqlKind.AS) {
            // only the aliased expression; the alias and column names are names, not expressions
            call.setOperand(0, arg(call, 0).accept(this));
            for (int i = 1; i < call.operandCount(); i++) {
                SqlNode alias = arg(call, i);
                call.setOperand(i, alias instanceof SqlNodeList columns
                        ? new SqlNodeList(columns.stream().map(DuckDbRewriter::name).toList(), columns.getParserPosition())
                        : name(alias));
            }
            return call;
        }
        if ((call.getKind() == SqlKind.CAST || call.getKind() == SqlKind.SAFE_CAST) && call.operandCount() == 2
                && arg(call, 0) instanceof SqlCharStringLiteral literal && arg(call, 1) instanceof SqlDataTypeSpec type
                && type.getTypeNameSpec().getTypeName().getSimple().equalsIgnoreCase("TIMESTAMP")) {
            String value = stringValue(literal);
            Optional<String> utc = TimestampLiterals.toUtc(value);
            if (utc.isPresent()) {
                return SqlLiteral.createUnknown("TIMESTAMP", utc.get(), pos);
            }
        }
        SqlNode visited = super.visit(call);
        return rewrite((SqlCall) visited, pos);
    }

    private SqlNode visitSelect(SqlSelect select) {
        if (select.getFrom() != null) {
            checkFrom(select.getFrom());
        }
        List<SqlNode> original = new ArrayList<>(select.getSelectList().getList());
        SqlNodeList items = (SqlNodeList) select.getSelectList().accept(this);
        select.setFrom(visitNullable(select.getFrom()));
        select.setWhere(visitNullable(select.getWhere()));
        select.setGroupBy((SqlNodeList) visitNullable(select.getGroup()));
        select.setHaving(visitNullable(select.getHaving()));
        select.setQualify(visitNullable(select.getQualify()));
        SqlNodeList windows = (SqlNodeList) select.getWindowList().accept(this);
        select.setOperand(6, windows);
        if (select.getOrderList() != null) {
            select.setOrderBy(nullsOrdered((SqlNodeList) select.getOrderList().accept(this)));
        }
        select.setOffset(visitNullable(select.getOffset()));
        select.setFetch(visitNullable(select.getFetch()));

        // GoogleSQL names anonymous columns f0_, f1_, ...; DuckDB would name them after the expression text
        List<SqlNode> named = new ArrayList<>();
        int anonymous = 0;
        for (int i = 0; i < items.size(); i++) {
            SqlNode item = items.get(i);
            if (hasName(original.get(i))) {
                named.add(item);
            } else {
                SqlParserPos pos = original.get(i).getParserPosition();
                named.add(SqlStdOperatorTable.AS.createCall(pos, item, new SqlIdentifier("f" + anonymous++ + "_", pos)));
            }
        }
        select.setSelectList(new SqlNodeList(named, items.getParserPosition()));
        return select;
    }

    private static boolean hasName(SqlNode item) {
        if (item instanceof SqlIdentifier id) {
            return !(id.isSimple() && id.getSimple().equals(GoogleSqlScanner.RUN_TIME_PLACEHOLDER));
        }
        return item.getKind() == SqlKind.AS
                || (item instanceof SqlCall call && call.getOperator().getName().startsWith("SELECT_STAR"));
    }

    private SqlNode visitWindow(SqlWindow window) {
        window.setPartitionList((SqlNodeList) window.getPartitionList().accept(this));
        window.setOrderList(nullsOrdered((SqlNodeList) window.getOrderList().accept(this)));
        window.setLowerBound(visitNullable(window.getLowerBound()));
        window.setUpperBound(visitNullable(window.getUpperBound()));
        return window;
    }

    private SqlNode visitNullable(SqlNode node) {
        return node == null ? null : node.accept(this);
    }

    /** Tables are referenced by their logical names; the engine binds those names to its CTEs. */
    private void checkFrom(SqlNode from) {
        if (from instanceof SqlIdentifier id) {
            if (id.names.size() > 1) {
                throw reject(id.getParserPosition(), "qualified table name " + String.join(".", id.names)
                        + " cannot be previewed on DuckDB: the preview runs over the logical tables (write "
                        + id.names.get(id.names.size() - 1) + ")");
            }
        } else if (from instanceof SqlJoin join) {
            checkFrom(join.getLeft());
            checkFrom(join.getRight());
        } else if (from instanceof SqlCall call) {
            switch (call.getKind()) {
                case AS -> checkFrom(arg(call, 0));
                case SELECT, ORDER_BY, WITH, UNION, INTERSECT, EXCEPT, VALUES, LATERAL -> {
                    // queries: their own FROM clauses are checked when they are visited
                }
                default -> throw reject(call.getParserPosition(), describe(call) + " in FROM cannot be previewed on DuckDB"
                        + (call.getKind() == SqlKind.UNNEST ? ": arrays are not part of the preview" : ""));
            }
        }
    }

    private SqlNode rewrite(SqlCall call, SqlParserPos pos) {
        SqlOperator operator = call.getOperator();
        String name = operator.getName().toUpperCase(Locale.ROOT);
        switch (call.getKind()) {
            case ORDER_BY: {
                SqlOrderBy orderBy = (SqlOrderBy) call;
                return new SqlOrderBy(pos, orderBy.query, nullsOrdered(orderBy.orderList), orderBy.offset, orderBy.fetch);
            }
            case INTERVAL: {
                SqlIntervalQualifier qualifier = (SqlIntervalQualifier) arg(call, 1);
                return DuckDbOperators.interval(arg(call, 0), intervalUnit(qualifier, pos), pos);
            }
            case CAST:
            case SAFE_CAST: {
                if (call.operandCount() != 2 || !(arg(call, 1) instanceof SqlDataTypeSpec)) {
                    throw reject(pos, name + "(... AS " + (call.operandCount() > 2 ? "... FORMAT ..." : arg(call, 1).toString())
                            + ") cannot be previewed on DuckDB");
                }
                SqlDataTypeSpec target = (SqlDataTypeSpec) arg(call, 1);
                SqlNode value = arg(call, 0);
                if (target.getTypeNameSpec().getTypeName().getSimple().equals("BIGINT") && mayBeFloat(value)) {
                    // BigQuery rounds FLOAT64 → INT64 half away from zero, DuckDB's cast half to even (2.5 → 2)
                    value = DuckDbOperators.call("ROUND", pos, value);
                }
                return (call.getKind() == SqlKind.CAST ? SqlStdOperatorTable.CAST : SqlLibraryOperators.TRY_CAST)
                        .createCall(pos, value, target);
            }
            case TIMESTAMP_DIFF:
                if (name.equals("TIMESTAMP_DIFF")) {
                    return timestampDiff(call, pos);
                }
                if (name.equals("DATE_DIFF")) {
                    return dateDiff(call, pos);
                }
                break;
            case DATE_TRUNC:
                return truncate(call, pos, true);
            case EXTRACT:
                return extract(call, pos);
            case ARRAY_AGG:
            case STRING_AGG:
                return orderedAggregate(call);
            case IGNORE_NULLS:
                if (arg(call, 0).getKind() == SqlKind.ARRAY_AGG) {
                    // DuckDB allows IGNORE NULLS on window functions only
                    SqlCall aggregate = (SqlCall) arg(call, 0);
                    return SqlStdOperatorTable.FILTER.createCall(pos, aggregate,
                            SqlStdOperatorTable.IS_NOT_NULL.createCall(pos, arg(aggregate, 0)));
                }
                throw reject(pos, "IGNORE NULLS on " + describe(arg(call, 0)) + " cannot be previewed on DuckDB");
            case RESPECT_NULLS:
                if (arg(call, 0).getKind() == SqlKind.ARRAY_AGG) {
                    return arg(call, 0); // the default on both engines
                }
                throw reject(pos, "RESPECT NULLS on " + describe(arg(call, 0)) + " cannot be previewed on DuckDB");
            case FLOOR:
            case CEIL:
                if (call.operandCount() == 1) {
                    return call;
                }
                break;
            case TRIM:
                return trim(call, pos);
            case LIKE:
                // BigQuery's LIKE treats a backslash as the escape character, DuckDB's only with ESCAPE
                if (call.operandCount() == 2 && !(arg(call, 1) instanceof SqlCharStringLiteral pattern
                        && pattern.getValueAs(String.class).indexOf('\\') < 0)) {
                    return operator.createCall(pos, arg(call, 0), arg(call, 1), SqlLiteral.createCharString("\\", pos));
                }
                return call;
            default:
                break;
        }
        if (operator instanceof SqlFunction function) {
            SqlIdentifier qualified = function.getSqlIdentifier();
            if (qualified != null && qualified.names.size() > 1) {
                // SAFE.f(...) turns f's errors into NULL, NET./HLL_COUNT./KEYS. ... are function libraries
                throw reject(qualified.getParserPosition(), String.join(".", qualified.names).toUpperCase(Locale.ROOT)
                        + "(...) cannot be previewed on DuckDB: qualified function names (SAFE., NET., ...) are not "
                        + "part of the preview");
            }
            return function(name, call, pos);
        }
        if (SAME_KINDS.contains(call.getKind()) || (call.getKind() == SqlKind.OTHER && SAME_OTHER.contains(name))) {
            return call;
        }
        throw reject(pos, describe(call) + " cannot be previewed on DuckDB");
    }

    private SqlNode function(String name, SqlCall call, SqlParserPos pos) {
        List<SqlNode> args = call.getOperandList();
        boolean distinct = call.getFunctionQuantifier() != null;
        switch (name) {
            case "SAFE_DIVIDE": {
                arity(call, name, 2);
                SqlNode numerator = args.get(0);
                SqlNode denominator = args.get(1);
                return caseWhen(pos, SqlStdOperatorTable.EQUALS.createCall(pos, denominator, SqlLiteral.createExactNumeric("0", pos)),
                        SqlLiteral.createNull(pos),
                        SqlStdOperatorTable.DIVIDE.createCall(pos, cast(numerator, SqlTypeName.DOUBLE, pos), denominator));
            }
            case "COUNTIF":
                arity(call, name, 1);
                if (distinct) {
                    throw reject(pos, "COUNTIF(DISTINCT ...) cannot be previewed on DuckDB");
                }
                // count_if would return HUGEINT; a filtered COUNT(*) is BIGINT like BigQuery's INT64
                return SqlStdOperatorTable.FILTER.createCall(pos,
                        SqlStdOperatorTable.COUNT.createCall(pos, SqlIdentifier.star(pos)), args.get(0));
            case "LOGICAL_OR":
            case "LOGICAL_AND":
                arity(call, name, 1);
                return DuckDbOperators.call(name.equals("LOGICAL_OR") ? "BOOL_OR" : "BOOL_AND", pos, args.get(0));
            case "IFNULL":
                arity(call, name, 2);
                return SqlStdOperatorTable.COALESCE.createCall(pos, args);
            case "IF":
                arity(call, name, 3);
                return caseWhen(pos, args.get(0), args.get(1), args.get(2));
            case "TIMESTAMP_ADD":
            case "TIMESTAMP_SUB":
                return timestampArithmetic(call, name, pos);
            case "DATE_ADD":
            case "DATE_SUB":
                return dateArithmetic(call, name, pos);
            case "TIMESTAMP_TRUNC":
                return truncate(call, pos, false);
            case "CONCAT": {
                // DuckDB's concat() skips NULLs; || yields NULL like BigQuery's CONCAT
                SqlNode result = args.get(0);
                for (int i = 1; i < args.size(); i++) {
                    result = SqlStdOperatorTable.CONCAT.createCall(pos, result, args.get(i));
                }
                return result;
            }
            case "GREATEST":
            case "LEAST": {
                // DuckDB's greatest/least skip NULLs; BigQuery returns NULL if any argument is NULL
                SqlNode anyNull = null;
                for (SqlNode arg : args) {
                    SqlNode isNull = SqlStdOperatorTable.IS_NULL.createCall(pos, arg);
                    anyNull = anyNull == null ? isNull : SqlStdOperatorTable.OR.createCall(pos, anyNull, isNull);
                }
                return caseWhen(pos, anyNull, SqlLiteral.createNull(pos),
                        DuckDbOperators.call(name, pos, args.toArray(SqlNode[]::new)));
            }
            case "DIV":
                arity(call, name, 2);
                return DuckDbOperators.INTEGER_DIVIDE.createCall(pos, args.get(0), args.get(1));
            case "LOG":
                // DuckDB's log(x) is base 10, BigQuery's is natural
                if (args.size() == 1) {
                    return DuckDbOperators.call("LN", pos, args.get(0));
                }
                arity(call, name, 2);
                return SqlStdOperatorTable.DIVIDE.createCall(pos, DuckDbOperators.call("LN", pos, args.get(0)),
                        DuckDbOperators.call("LN", pos, args.get(1)));
            case "CHAR_LENGTH":
            case "CHARACTER_LENGTH":
                arity(call, name, 1);
                return DuckDbOperators.call("LENGTH", pos, args.get(0));
            case "REGEXP_CONTAINS":
                arity(call, name, 2);
                return DuckDbOperators.call("REGEXP_MATCHES", pos, args.get(0), args.get(1));
            case "SUBSTR":
            case "SUBSTRING":
                if (args.size() < 2 || args.size() > 3 || !(args.get(1) instanceof SqlNumericLiteral start)
                        || start.signum() <= 0 || !start.isInteger()) {
                    throw reject(pos, name + "(...) cannot be previewed on DuckDB unless its position is a positive "
                            + "integer literal (zero and negative positions count differently)");
                }
                return DuckDbOperators.call("SUBSTR", pos, args.toArray(SqlNode[]::new));
            case "LTRIM":
            case "RTRIM":
                if (args.size() == 1) {
                    return DuckDbOperators.call(name, pos, args.get(0), SqlLiteral.createCharString(WHITESPACE, pos));
                }
                arity(call, name, 2);
                return call;
            case "DATE":
                if (args.size() == 1) {
                    return cast(args.get(0), SqlTypeName.DATE, pos);
                }
                arity(call, name + " with a time zone", 3);
                return DuckDbOperators.call("MAKE_DATE", pos, args.toArray(SqlNode[]::new));
            case "TIMESTAMP":
                arity(call, name + " with a time zone", 1);
                return cast(args.get(0), SqlTypeName.TIMESTAMP, pos);
            default:
                break;
        }
        if (CURRENT.contains(name)) {
            throw currentTime(name, pos);
        }
        if (SAME_MEANING.contains(name)) {
            return call;
        }
        String reason = REFUSED.get(name);
        throw reject(pos, name + "(...) cannot be previewed on DuckDB"
                + (reason != null ? ": " + reason : ": it is not one of the functions the preview knows to mean the same on both engines"));
    }

    /** Functions whose result is FLOAT64 in BigQuery (or DOUBLE in DuckDB). */
    private static final Set<String> FLOAT_FUNCTIONS = Set.of("AVG", "STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE",
            "VAR_SAMP", "VAR_POP", "POW", "POWER", "SQRT", "EXP", "LN", "LOG", "LOG10", "PERCENT_RANK", "CUME_DIST");

    /**
     * Whether an (already rewritten) expression can be a FLOAT64/DOUBLE, judged from its shape:
     * divisions, float functions, FLOAT64 casts, decimal literals, and expressions built from
     * them. A column computed as a float in a CTE is not recognised (see the class notes).
     */
    private static boolean mayBeFloat(SqlNode node) {
        if (node instanceof SqlNumericLiteral number) {
            return !number.isExact() || number.getScale() != null && number.getScale() > 0;
        }
        if (!(node instanceof SqlCall call)) {
            return false;
        }
        switch (call.getKind()) {
            case DIVIDE:
                return true;
            case CAST:
            case SAFE_CAST:
                return arg(call, 1) instanceof SqlDataTypeSpec type
                        && type.getTypeNameSpec().getTypeName().getSimple().equals("DOUBLE");
            case SELECT:
            case OVER:
                return call.getKind() == SqlKind.OVER && mayBeFloat(arg(call, 0));
            default:
                break;
        }
        if (call.getOperator() instanceof SqlFunction
                && FLOAT_FUNCTIONS.contains(call.getOperator().getName().toUpperCase(Locale.ROOT))) {
            return true;
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand instanceof SqlNodeList list) {
                for (SqlNode item : list) {
                    if (mayBeFloat(item)) {
                        return true;
                    }
                }
            } else if (operand != null && mayBeFloat(operand)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- dates and times

    private SqlNode timestampArithmetic(SqlCall call, String name, SqlParserPos pos) {
        arity(call, name, 2);
        String unit = intervalArgumentUnit(call, name, pos);
        if (!Set.of("MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY").contains(unit)) {
            throw reject(pos, name + "(..., INTERVAL ... " + unit + ") cannot be previewed on DuckDB: BigQuery allows "
                    + "MICROSECOND to DAY for TIMESTAMP");
        }
        return (name.endsWith("_ADD") ? SqlStdOperatorTable.PLUS : SqlStdOperatorTable.MINUS)
                .createCall(pos, arg(call, 0), arg(call, 1));
    }

    private SqlNode dateArithmetic(SqlCall call, String name, SqlParserPos pos) {
        arity(call, name, 2);
        String unit = intervalArgumentUnit(call, name, pos);
        if (!Set.of("DAY", "WEEK", "MONTH", "QUARTER", "YEAR").contains(unit)) {
            throw reject(pos, name + "(..., INTERVAL ... " + unit + ") cannot be previewed on DuckDB: BigQuery allows "
                    + "DAY to YEAR for DATE");
        }
        // DATE ± INTERVAL is a TIMESTAMP in DuckDB (month arithmetic clamps to the month's end like BigQuery)
        SqlNode sum = (name.endsWith("_ADD") ? SqlStdOperatorTable.PLUS : SqlStdOperatorTable.MINUS)
                .createCall(pos, arg(call, 0), arg(call, 1));
        return cast(sum, SqlTypeName.DATE, pos);
    }

    private String intervalArgumentUnit(SqlCall call, String name, SqlParserPos pos) {
        return DuckDbOperators.intervalUnit(arg(call, 1))
                .orElseThrow(() -> reject(pos, name + " cannot be previewed on DuckDB unless its second argument is "
                        + "INTERVAL n unit"));
    }

    /** BigQuery counts whole elapsed units, truncated toward zero: exact on microseconds. */
    private SqlNode timestampDiff(SqlCall call, SqlParserPos pos) {
        String unit = datePart(arg(call, 2), pos);
        long micros = switch (unit) {
            case "MICROSECOND" -> 1L;
            case "MILLISECOND" -> 1_000L;
            case "SECOND" -> 1_000_000L;
            case "MINUTE" -> 60_000_000L;
            case "HOUR" -> 3_600_000_000L;
            case "DAY" -> 86_400_000_000L;
            default -> throw reject(pos, "TIMESTAMP_DIFF(..., " + unit + ") cannot be previewed on DuckDB: BigQuery "
                    + "allows MICROSECOND to DAY");
        };
        SqlNode difference = SqlStdOperatorTable.MINUS.createCall(pos, DuckDbOperators.call("EPOCH_US", pos, arg(call, 0)),
                DuckDbOperators.call("EPOCH_US", pos, arg(call, 1)));
        if (micros == 1L) {
            return difference;
        }
        // DuckDB's // on BIGINT truncates toward zero, as BigQuery does for negative differences
        return DuckDbOperators.INTEGER_DIVIDE.createCall(pos, difference,
                SqlLiteral.createExactNumeric(Long.toString(micros), pos));
    }

    /** DATE_DIFF(a, b, part) counts part boundaries from b to a; DuckDB's date_diff takes (part, b, a). */
    private SqlNode dateDiff(SqlCall call, SqlParserPos pos) {
        String unit = datePart(arg(call, 2), pos);
        if (!Set.of("DAY", "MONTH", "QUARTER", "YEAR").contains(unit)) {
            throw reject(pos, "DATE_DIFF(..., " + unit + ") cannot be previewed on DuckDB: BigQuery counts "
                    + "Sunday-based week boundaries, DuckDB whole weeks");
        }
        return DuckDbOperators.call("DATE_DIFF", pos, SqlLiteral.createCharString(unit.toLowerCase(Locale.ROOT), pos),
                arg(call, 1), arg(call, 0));
    }

    /** TIMESTAMP_TRUNC(ts, part) and DATE_TRUNC(d, part) → date_trunc('part', x) (a TIMESTAMP in DuckDB). */
    private SqlNode truncate(SqlCall call, SqlParserPos pos, boolean date) {
        String function = date ? "DATE_TRUNC" : "TIMESTAMP_TRUNC";
        if (call.operandCount() != 2) {
            throw reject(pos, function + "(...) with a time zone cannot be previewed on DuckDB");
        }
        String unit = datePart(arg(call, 1), pos);
        Set<String> allowed = date ? Set.of("DAY", "MONTH", "QUARTER", "YEAR", "ISOWEEK")
                : Set.of("MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "MONTH", "QUARTER", "YEAR", "ISOWEEK");
        if (!allowed.contains(unit)) {
            throw reject(pos, function + "(..., " + unit + ") cannot be previewed on DuckDB"
                    + (unit.startsWith("WEEK") ? ": BigQuery weeks start on Sunday (or the given day), DuckDB's on Monday" : ""));
        }
        String part = switch (unit) {
            case "MICROSECOND" -> "microseconds";
            case "MILLISECOND" -> "milliseconds";
            case "ISOWEEK" -> "week";
            default -> unit.toLowerCase(Locale.ROOT);
        };
        SqlNode truncated = DuckDbOperators.call("DATE_TRUNC", pos, SqlLiteral.createCharString(part, pos), arg(call, 0));
        return date ? cast(truncated, SqlTypeName.DATE, pos) : truncated;
    }

    private SqlNode extract(SqlCall call, SqlParserPos pos) {
        String unit = datePart(arg(call, 0), pos);
        SqlNode value = arg(call, 1);
        String part = switch (unit) {
            case "YEAR", "QUARTER", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND" -> unit.toLowerCase(Locale.ROOT);
            case "DOW" -> "dow";
            case "DOY" -> "doy";
            case "ISOWEEK" -> "week";
            case "ISOYEAR" -> "isoyear";
            default -> throw reject(pos, "EXTRACT(" + unit + " FROM ...) cannot be previewed on DuckDB"
                    + (unit.startsWith("WEEK") ? ": BigQuery numbers Sunday-based weeks, DuckDB ISO weeks" : ""));
        };
        SqlNode extracted = DuckDbOperators.call("DATE_PART", pos, SqlLiteral.createCharString(part, pos), value);
        if (part.equals("dow")) {
            // BigQuery DAYOFWEEK is 1 (Sunday) to 7; DuckDB dow is 0 (Sunday) to 6
            return SqlStdOperatorTable.PLUS.createCall(pos, extracted, SqlLiteral.createExactNumeric("1", pos));
        }
        return extracted;
    }

    /** The date part of a TIMESTAMP_DIFF/DATE_DIFF/…_TRUNC/EXTRACT, as BigQuery names it (WEEK(MONDAY) → WEEK_MONDAY). */
    private String datePart(SqlNode node, SqlParserPos pos) {
        if (node instanceof SqlIntervalQualifier qualifier) {
            if (qualifier.timeFrameName != null) {
                return qualifier.timeFrameName.toUpperCase(Locale.ROOT);
            }
            if (qualifier.isSingleDatetimeField()) {
                return qualifier.timeUnitRange.name();
            }
        }
        throw reject(pos, "date part " + node + " cannot be previewed on DuckDB");
    }

    private String intervalUnit(SqlIntervalQualifier qualifier, SqlParserPos pos) {
        String unit = datePart(qualifier, pos);
        if (!Set.of("MICROSECOND", "MILLISECOND", "SECOND", "MINUTE", "HOUR", "DAY", "WEEK", "MONTH", "QUARTER", "YEAR")
                .contains(unit)) {
            throw reject(pos, "INTERVAL ... " + unit + " cannot be previewed on DuckDB");
        }
        return unit;
    }

    // ---------------------------------------------------------------- helpers

    private SqlNode trim(SqlCall call, SqlParserPos pos) {
        SqlLiteral flag = (SqlLiteral) arg(call, 0);
        SqlNode characters = arg(call, 1);
        SqlNode value = arg(call, 2);
        if (characters instanceof SqlCharStringLiteral chars && " ".equals(chars.getValueAs(String.class))) {
            characters = SqlLiteral.createCharString(WHITESPACE, pos);
        }
        String function = switch (flag.getValueAs(org.apache.calcite.sql.fun.SqlTrimFunction.Flag.class)) {
            case BOTH -> "TRIM";
            case LEADING -> "LTRIM";
            case TRAILING -> "RTRIM";
        };
        return DuckDbOperators.call(function, pos, value, characters);
    }

    /** ARRAY_AGG / STRING_AGG (x ORDER BY ...): the ORDER BY list gets BigQuery's NULL placement. */
    private SqlNode orderedAggregate(SqlCall call) {
        List<SqlNode> operands = new ArrayList<>(call.getOperandList());
        int last = operands.size() - 1;
        if (last >= 0 && operands.get(last) instanceof SqlNodeList orderList) {
            operands.set(last, nullsOrdered(orderList));
            return call.getOperator().createCall(call.getFunctionQuantifier(), call.getParserPosition(),
                    operands.toArray(SqlNode[]::new));
        }
        return call;
    }

    /**
     * BigQuery sorts NULLs first ascending and last descending; DuckDB's default is NULLS LAST
     * both ways (and configurable). Every ORDER BY item gets its placement spelled out.
     */
    private static SqlNodeList nullsOrdered(SqlNodeList list) {
        if (list.isEmpty()) {
            return list; // SqlOrderBy prints ORDER BY unless its list is SqlNodeList.EMPTY itself (LIMIT alone)
        }
        List<SqlNode> items = new ArrayList<>();
        for (SqlNode item : list) {
            SqlParserPos pos = item.getParserPosition();
            if (item.getKind() == SqlKind.NULLS_FIRST || item.getKind() == SqlKind.NULLS_LAST) {
                items.add(item);
            } else if (item.getKind() == SqlKind.DESCENDING) {
                items.add(SqlStdOperatorTable.NULLS_LAST.createCall(pos, item));
            } else {
                items.add(SqlStdOperatorTable.NULLS_FIRST.createCall(pos, item));
            }
        }
        return new SqlNodeList(items, list.getParserPosition());
    }

    private static SqlNode caseWhen(SqlParserPos pos, SqlNode condition, SqlNode then, SqlNode otherwise) {
        return SqlStdOperatorTable.CASE.createCall(null, pos, null, SqlNodeList.of(condition), SqlNodeList.of(then),
                otherwise);
    }

    private static SqlNode cast(SqlNode value, SqlTypeName type, SqlParserPos pos) {
        return SqlStdOperatorTable.CAST.createCall(pos, value, type(type, pos));
    }

    private static SqlDataTypeSpec type(SqlTypeName type, SqlParserPos pos) {
        return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, pos), pos);
    }

    private String stringValue(SqlLiteral literal) {
        SqlParserPos pos = literal.getParserPosition();
        String decoded = scan.stringValue(pos.getLineNum(), pos.getColumnNum());
        if (decoded != null) {
            return decoded;
        }
        String value = literal.getValueAs(String.class);
        if (value.indexOf('\\') >= 0) {
            throw reject(pos, "string literal with escape sequences cannot be previewed on DuckDB here");
        }
        return value;
    }

    private static boolean sameWallClock(String value, String utc) {
        return TimestampLiterals.toUtc(value.replaceFirst("\\s*(?:[+-]\\d{1,2}(?::?\\d{2})?|UTC|Z|[A-Za-z_]+/[A-Za-z_/+-]+)$", ""))
                .map(utc::equals).orElse(false);
    }

    /** An operand as a plain SqlNode (SqlCall.operand's generic result picks surprising overloads). */
    private static SqlNode arg(SqlCall call, int i) {
        return call.getOperandList().get(i);
    }

    private void arity(SqlCall call, String name, int expected) {
        if (call.operandCount() != expected) {
            throw reject(call.getParserPosition(), name + "(...) with " + call.operandCount()
                    + " arguments cannot be previewed on DuckDB");
        }
    }

    private static String describe(SqlNode node) {
        if (node instanceof SqlCall call) {
            SqlOperator operator = call.getOperator();
            String name = operator.getName().isEmpty() ? call.getKind().sql : operator.getName();
            return operator instanceof SqlFunction ? name.toUpperCase(Locale.ROOT) + "(...)" : name;
        }
        return node.toString();
    }

    private UnpreviewableSqlException currentTime(String name, SqlParserPos pos) {
        return reject(pos, name + " cannot be previewed on DuckDB: segment queries must use @run_time, never the clock");
    }

    private UnpreviewableSqlException reject(SqlParserPos pos, String message) {
        return reject(scan, pos, message);
    }

    /** A refusal at a Calcite position, reported at the same place of the caller's text. */
    static UnpreviewableSqlException reject(GoogleSqlScanner.Result scan, SqlParserPos pos, String message) {
        int[] original = scan.toOriginal(Math.max(pos.getLineNum(), 1), Math.max(pos.getColumnNum(), 1));
        return new UnpreviewableSqlException(message + " (line " + original[0] + ", column " + original[1] + ")",
                original[0], original[1]);
    }
}

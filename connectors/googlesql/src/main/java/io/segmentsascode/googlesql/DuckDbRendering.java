package io.segmentsascode.googlesql;

import com.google.zetasql.Type;
import com.google.zetasql.Value;
import com.google.zetasql.resolvedast.ResolvedColumn;
import com.google.zetasql.resolvedast.ResolvedFunctionCallBaseEnums.ErrorMode;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAggregateFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAggregateScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAnalyticFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAnalyticFunctionGroup;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAnalyticScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedArrayScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedCast;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedColumnRef;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedComputedColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedComputedColumnBase;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedDeferredComputedColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedExpr;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFilterScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFunctionCallBase;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedGetStructField;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedJoinScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedLimitOffsetScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedLiteral;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedMakeStruct;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOrderByItem;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOrderByScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOutputColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedParameter;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedProjectScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedSetOperationItem;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedSetOperationScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedSingleRowScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedSubqueryExpr;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedTableScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedWindowFrame;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedWindowFrameExpr;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedWithEntry;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedWithRefScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedWithScan;
import com.google.zetasql.resolvedast.ResolvedOrderByItemEnums.NullOrderMode;
import io.segmentsascode.analyze.SqlAnalysis.Use;
import io.segmentsascode.render.UnpreviewableSqlException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes one resolved GoogleSQL query as DuckDB SQL.
 *
 * <p><b>Shape.</b> Every scan becomes a {@code SELECT} whose output columns are exactly the scan's
 * resolved columns, each named {@code "name#id"} after the column's unique id. Parents refer to
 * their inputs' columns by these names, so no alias or scope of the original text has to be
 * reproduced, and correlated references in subqueries just name the outer column.
 *
 * <p><b>Semantics.</b> Where DuckDB's function of the same name means something else, BigQuery's
 * meaning is written out (each case cites the rule it follows). A construct without a faithful
 * translation is recorded with its position and rendering goes on, so one run reports every
 * such construct of the query; {@link #query} then throws.
 */
final class DuckDbRendering {

    /** BigQuery's NUMERIC: precision 38, scale 9; DuckDB's bare DECIMAL would be (18,3). */
    static final String NUMERIC = "DECIMAL(38, 9)";

    private final String runTimeExpression;
    private final List<Use> writtenFunctions;
    private final Set<String> unpreviewable = new LinkedHashSet<>();
    private final Map<String, List<ResolvedColumn>> withQueryColumns = new HashMap<>();
    private final DuckDbFunctions functions;
    /** The deferred errors of deferred computed columns: never raised here (see $with_side_effects). */
    private final Set<Long> sideEffectColumns = new HashSet<>();

    private int aliases;

    DuckDbRendering(String runTimeExpression, List<Use> writtenFunctions) {
        this.runTimeExpression = runTimeExpression;
        this.writtenFunctions = writtenFunctions;
        this.functions = new DuckDbFunctions(this);
    }

    /** The query with its output columns under their GoogleSQL names. */
    String query(ResolvedQueryStmt statement) {
        if (statement.getIsValueTable()) {
            unsupported("SELECT AS VALUE / AS STRUCT", null);
        }
        StringBuilder sql = new StringBuilder("SELECT ");
        List<ResolvedOutputColumn> outputs = statement.getOutputColumnList();
        int anonymous = 0;
        for (int i = 0; i < outputs.size(); i++) {
            String name = outputs.get(i).getName();
            if (name.startsWith("$")) {
                // BigQuery names an unnamed output column f0_, f1_, ... (GoogleSQL's resolver says $col2)
                name = "f" + (anonymous++) + "_";
            }
            sql.append(i == 0 ? "" : ", ")
                    .append(column(outputs.get(i).getColumn()))
                    .append(" AS ")
                    .append(quote(name));
        }
        ResolvedScan scan = statement.getQuery();
        if (scan instanceof ResolvedOrderByScan ordered) {
            // DuckDB keeps no order through a derived table; the order the query asked for is given here,
            // so the derived table also passes the sort keys that are no output (ORDER BY p.key)
            List<ResolvedColumn> passed = new ArrayList<>(ordered.getColumnList());
            for (ResolvedOrderByItem item : ordered.getOrderByItemList()) {
                ResolvedColumn key = item.getColumnRef().getColumn();
                if (passed.stream().noneMatch(c -> c.getId() == key.getId())) {
                    passed.add(key);
                }
            }
            sql.append(" FROM (")
                    .append(select(passed, Map.of(), ordered.getInputScan(), ""))
                    .append(") AS ")
                    .append(alias())
                    .append(orderBy(ordered.getOrderByItemList()));
        } else {
            sql.append(" FROM (").append(scan(scan)).append(") AS ").append(alias());
        }
        if (!unpreviewable.isEmpty()) {
            throw report();
        }
        return notes() + sql;
    }

    // ---- problems -----------------------------------------------------------------------------

    private final Set<String> notes = new LinkedHashSet<>();

    /** A construct without a faithful DuckDB translation; {@code writtenName} locates it in the text. */
    String unsupported(String construct, String writtenName) {
        Use at = writtenName == null ? null : written(writtenName);
        if (at != null && construct.startsWith(writtenName)) {
            // as the query spells it: NET.HOST, not the resolved HOST
            construct = at.name() + construct.substring(writtenName.length());
        }
        unpreviewable.add(construct + (at == null ? "" : " (at " + at.line() + ":" + at.column() + ")"));
        return "NULL";
    }

    /** A preview that computes exactly what BigQuery only approximates; said in the SQL. */
    void note(String text) {
        notes.add(text);
    }

    private String notes() {
        return notes.stream().map(n -> "-- " + n + "\n").collect(Collectors.joining());
    }

    private Use written(String name) {
        for (Use use : writtenFunctions) {
            String usedName = use.name();
            if (usedName.equalsIgnoreCase(name)
                    || usedName.toUpperCase(Locale.ROOT).endsWith("." + name.toUpperCase(Locale.ROOT))) {
                return use;
            }
        }
        return null;
    }

    private UnpreviewableSqlException report() {
        Use first = null;
        for (String construct : unpreviewable) {
            int at = construct.lastIndexOf(" (at ");
            if (at >= 0) {
                String[] position =
                        construct.substring(at + 5, construct.length() - 1).split(":");
                first = new Use("", Integer.parseInt(position[0]), Integer.parseInt(position[1]));
                break;
            }
        }
        String message = "not previewable on DuckDB with BigQuery's meaning: " + String.join("; ", unpreviewable);
        return first == null
                ? new UnpreviewableSqlException(message, 1, 1)
                : new UnpreviewableSqlException(message, first.line(), first.column());
    }

    // ---- names --------------------------------------------------------------------------------

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    /** A resolved column by its unique name; the same in every scope of the query. */
    static String column(ResolvedColumn column) {
        return quote(column.getName() + "#" + column.getId());
    }

    private String alias() {
        return "s" + (++aliases);
    }

    // ---- scans --------------------------------------------------------------------------------

    /** A SELECT whose output columns are exactly the scan's columns. */
    String scan(ResolvedScan scan) {
        if (scan instanceof ResolvedTableScan table) {
            return tableScan(table);
        } else if (scan instanceof ResolvedProjectScan project) {
            return select(project.getColumnList(), computed(project.getExprList()), project.getInputScan(), "");
        } else if (scan instanceof ResolvedFilterScan filter) {
            return select(
                    filter.getColumnList(), Map.of(), filter.getInputScan(), " WHERE " + expr(filter.getFilterExpr()));
        } else if (scan instanceof ResolvedAggregateScan aggregate) {
            return aggregateScan(aggregate);
        } else if (scan instanceof ResolvedJoinScan join) {
            return joinScan(join);
        } else if (scan instanceof ResolvedWithScan with) {
            return withScan(with);
        } else if (scan instanceof ResolvedWithRefScan ref) {
            return withRefScan(ref);
        } else if (scan instanceof ResolvedAnalyticScan analytic) {
            return analyticScan(analytic);
        } else if (scan instanceof ResolvedOrderByScan ordered) {
            return select(
                    ordered.getColumnList(), Map.of(), ordered.getInputScan(), orderBy(ordered.getOrderByItemList()));
        } else if (scan instanceof ResolvedLimitOffsetScan limit) {
            return limitOffsetScan(limit);
        } else if (scan instanceof ResolvedSetOperationScan setOperation) {
            return setOperationScan(setOperation);
        } else if (scan instanceof ResolvedArrayScan array) {
            return arrayScan(array);
        } else if (scan instanceof ResolvedSingleRowScan) {
            return "SELECT NULL AS \"$single_row\"";
        }
        return unsupported(scan.nodeKindString() + " scan", null);
    }

    private Map<Long, ResolvedExpr> computed(List<? extends ResolvedComputedColumnBase> list) {
        Map<Long, ResolvedExpr> out = new HashMap<>();
        for (ResolvedComputedColumnBase c : list) {
            if (c instanceof ResolvedDeferredComputedColumn deferred) {
                sideEffectColumns.add(deferred.getSideEffectColumn().getId());
            }
        }
        // deferred computed columns (errors BigQuery raises only if the value is used) render as
        // plain ones: DuckDB may then fail where BigQuery would not, but never returns other rows
        for (ResolvedComputedColumnBase c : list) {
            out.put(c.getColumn().getId(), c.getExpr());
        }
        return out;
    }

    /** {@code SELECT columns FROM (input) tail}: a column is its computed expression, or passed through. */
    private String select(
            List<ResolvedColumn> columns, Map<Long, ResolvedExpr> computed, ResolvedScan input, String tail) {
        return "SELECT "
                + selectList(
                        columns,
                        c -> computed.containsKey(c.getId())
                                ? expr(computed.get(c.getId()))
                                : sideEffectColumns.contains(c.getId()) ? "NULL" : column(c))
                + " FROM (" + scan(input) + ") AS " + alias() + tail;
    }

    /** The scan's columns; a scan without columns (COUNT(*) over a table) still needs one for SQL. */
    private static String selectList(List<ResolvedColumn> columns, Function<ResolvedColumn, String> value) {
        if (columns.isEmpty()) {
            return "NULL AS \"$no_columns\"";
        }
        return columns.stream().map(c -> value.apply(c) + " AS " + column(c)).collect(Collectors.joining(", "));
    }

    /** Logical table names: the envelope rendered around the query binds them to the data. */
    private String tableScan(ResolvedTableScan scan) {
        if (scan.getForSystemTimeExpr() != null) {
            return unsupported("FOR SYSTEM_TIME AS OF", null);
        }
        List<ResolvedColumn> columns = scan.getColumnList();
        Map<Long, String> tableColumns = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            tableColumns.put(
                    columns.get(i).getId(),
                    quote(scan.getTable()
                            .getColumn(scan.getColumnIndexList().get(i).intValue())
                            .getName()));
        }
        return "SELECT " + selectList(columns, c -> tableColumns.get(c.getId())) + " FROM "
                + quote(scan.getTable().getName());
    }

    private String aggregateScan(ResolvedAggregateScan scan) {
        if (!scan.getGroupingSetList().isEmpty() || !scan.getRollupColumnList().isEmpty()) {
            return unsupported("GROUPING SETS / ROLLUP / CUBE", null);
        }
        Map<Long, ResolvedExpr> computed = computed(scan.getGroupByList());
        computed.putAll(computed(scan.getAggregateList()));
        StringBuilder groupBy = new StringBuilder();
        List<ResolvedColumn> columns = scan.getColumnList();
        for (ResolvedComputedColumn key : scan.getGroupByList()) {
            // by position where the key is an output column (its expression is written once, in the
            // select list); a key the query does not output is grouped by its expression
            int position = columns.indexOf(key.getColumn());
            groupBy.append(groupBy.isEmpty() ? " GROUP BY " : ", ")
                    .append(position >= 0 ? String.valueOf(position + 1) : expr(key.getExpr()));
        }
        return select(columns, computed, scan.getInputScan(), groupBy.toString());
    }

    private String joinScan(ResolvedJoinScan scan) {
        if (scan.getIsLateral()) {
            return unsupported("LATERAL join", null);
        }
        String join = switch (scan.getJoinType()) {
            case INNER -> scan.getJoinExpr() == null ? " CROSS JOIN " : " JOIN ";
            case LEFT -> " LEFT JOIN ";
            case RIGHT -> " RIGHT JOIN ";
            case FULL -> " FULL JOIN ";
            default -> null;
        };
        if (join == null) {
            return unsupported("join type " + scan.getJoinType(), null);
        }
        String on = scan.getJoinExpr() == null
                ? (join.equals(" CROSS JOIN ") ? "" : " ON TRUE")
                : " ON " + expr(scan.getJoinExpr());
        return "SELECT " + selectList(scan.getColumnList(), DuckDbRendering::column) + " FROM ("
                + scan(scan.getLeftScan()) + ") AS " + alias() + join + "(" + scan(scan.getRightScan()) + ") AS "
                + alias() + on;
    }

    private String withScan(ResolvedWithScan scan) {
        if (scan.getRecursive()) {
            return unsupported("WITH RECURSIVE", null);
        }
        StringBuilder sql = new StringBuilder("WITH ");
        List<ResolvedWithEntry> entries = scan.getWithEntryList();
        for (int i = 0; i < entries.size(); i++) {
            ResolvedWithEntry entry = entries.get(i);
            withQueryColumns.put(
                    entry.getWithQueryName(), entry.getWithSubquery().getColumnList());
            sql.append(i == 0 ? "" : ", ")
                    .append(quote(entry.getWithQueryName()))
                    .append(" AS (")
                    .append(scan(entry.getWithSubquery()))
                    .append(')');
        }
        return sql + " SELECT " + selectList(scan.getColumnList(), DuckDbRendering::column) + " FROM ("
                + scan(scan.getQuery()) + ") AS " + alias();
    }

    /** A WITH query's columns get new ids at each reference, matched by position. */
    private String withRefScan(ResolvedWithRefScan scan) {
        List<ResolvedColumn> defined = withQueryColumns.get(scan.getWithQueryName());
        List<ResolvedColumn> columns = scan.getColumnList();
        Map<Long, String> sources = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            sources.put(columns.get(i).getId(), column(defined.get(i)));
        }
        return "SELECT " + selectList(columns, c -> sources.get(c.getId())) + " FROM " + quote(scan.getWithQueryName());
    }

    private String analyticScan(ResolvedAnalyticScan scan) {
        Map<Long, String> windowed = new HashMap<>();
        for (ResolvedAnalyticFunctionGroup group : scan.getFunctionGroupList()) {
            StringBuilder window = new StringBuilder();
            if (group.getPartitionBy() != null) {
                window.append("PARTITION BY ")
                        .append(group.getPartitionBy().getPartitionByList().stream()
                                .map(this::expr)
                                .collect(Collectors.joining(", ")));
            }
            if (group.getOrderBy() != null) {
                window.append(orderBy(group.getOrderBy().getOrderByItemList()));
            }
            for (ResolvedComputedColumnBase computed : group.getAnalyticFunctionList()) {
                ResolvedAnalyticFunctionCall call = (ResolvedAnalyticFunctionCall) computed.getExpr();
                String frame = frame(call.getWindowFrame());
                windowed.put(
                        computed.getColumn().getId(),
                        functions.analytic(call, "OVER (" + window.toString().strip() + frame + ")"));
            }
        }
        return "SELECT " + selectList(scan.getColumnList(), c -> windowed.getOrDefault(c.getId(), column(c)))
                + " FROM (" + scan(scan.getInputScan()) + ") AS " + alias();
    }

    private String frame(ResolvedWindowFrame frame) {
        if (frame == null) {
            return "";
        }
        return " " + frame.getFrameUnit().name() + " BETWEEN " + frameBound(frame.getStartExpr()) + " AND "
                + frameBound(frame.getEndExpr());
    }

    private String frameBound(ResolvedWindowFrameExpr bound) {
        return switch (bound.getBoundaryType()) {
            case UNBOUNDED_PRECEDING -> "UNBOUNDED PRECEDING";
            case UNBOUNDED_FOLLOWING -> "UNBOUNDED FOLLOWING";
            case CURRENT_ROW -> "CURRENT ROW";
            case OFFSET_PRECEDING -> expr(bound.getExpression()) + " PRECEDING";
            case OFFSET_FOLLOWING -> expr(bound.getExpression()) + " FOLLOWING";
            default -> unsupported("window frame bound " + bound.getBoundaryType(), null);
        };
    }

    /**
     * BigQuery sorts NULLs first in ascending and last in descending order ("NULLS FIRST is the
     * default for ASC, NULLS LAST for DESC"); DuckDB's default is NULLS LAST for both, so it is
     * written out.
     */
    String orderBy(List<ResolvedOrderByItem> items) {
        if (items.isEmpty()) {
            return "";
        }
        return " ORDER BY "
                + items.stream()
                        .map(item -> {
                            if (item.getCollationName() != null) {
                                return unsupported("ORDER BY with COLLATE", null);
                            }
                            boolean nullsFirst = item.getNullOrder() == NullOrderMode.NULLS_FIRST
                                    || (item.getNullOrder() != NullOrderMode.NULLS_LAST && !item.getIsDescending());
                            return expr(item.getColumnRef())
                                    + (item.getIsDescending() ? " DESC" : " ASC")
                                    + (nullsFirst ? " NULLS FIRST" : " NULLS LAST");
                        })
                        .collect(Collectors.joining(", "));
    }

    private String limitOffsetScan(ResolvedLimitOffsetScan scan) {
        ResolvedScan input = scan.getInputScan();
        String tail = "";
        if (input instanceof ResolvedOrderByScan ordered) {
            // ORDER BY and LIMIT in one SELECT: a derived table's order does not survive in DuckDB
            tail = orderBy(ordered.getOrderByItemList());
            input = ordered.getInputScan();
        } else {
            // without an order BigQuery returns any rows; a preview could not show the same members
            unsupported("LIMIT without ORDER BY (BigQuery picks arbitrary rows)", null);
        }
        if (scan.getLimit() != null) {
            tail += " LIMIT " + expr(scan.getLimit());
        }
        if (scan.getOffset() != null) {
            tail += " OFFSET " + expr(scan.getOffset());
        }
        return select(scan.getColumnList(), Map.of(), input, tail);
    }

    private String setOperationScan(ResolvedSetOperationScan scan) {
        String operator = switch (scan.getOpType()) {
            case UNION_ALL -> " UNION ALL ";
            case UNION_DISTINCT -> " UNION ";
            case INTERSECT_ALL -> " INTERSECT ALL ";
            case INTERSECT_DISTINCT -> " INTERSECT ";
            case EXCEPT_ALL -> " EXCEPT ALL ";
            case EXCEPT_DISTINCT -> " EXCEPT ";
            default -> null;
        };
        if (operator == null) {
            return unsupported("set operation " + scan.getOpType(), null);
        }
        List<ResolvedColumn> columns = scan.getColumnList();
        List<String> inputs = new ArrayList<>();
        for (ResolvedSetOperationItem item : scan.getInputItemList()) {
            List<ResolvedColumn> itemColumns = item.getOutputColumnList();
            Map<Long, String> sources = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                sources.put(columns.get(i).getId(), column(itemColumns.get(i)));
            }
            inputs.add("(SELECT " + selectList(columns, c -> sources.get(c.getId())) + " FROM (" + scan(item.getScan())
                    + ") AS " + alias() + ")");
        }
        return "SELECT * FROM (" + String.join(operator, inputs) + ") AS " + alias();
    }

    /**
     * {@code UNNEST(array) [WITH OFFSET]}: one row per element in array order, the offset 0-based;
     * a NULL or empty array gives no row (a LEFT join keeps the input row with NULLs). Written as a
     * lateral subquery over the element positions, so elements and offsets stay paired.
     */
    private String arrayScan(ResolvedArrayScan scan) {
        if (scan.getArrayExprList().size() != 1) {
            return unsupported("UNNEST of several arrays at once", "UNNEST");
        }
        String array = expr(scan.getArrayExprList().get(0));
        String position = quote("$position#" + (++aliases));
        StringBuilder elements = new StringBuilder("SELECT (")
                .append(array)
                .append(")[")
                .append(position)
                .append("] AS ")
                .append(column(scan.getElementColumnList().get(0)));
        if (scan.getArrayOffsetColumn() != null) {
            elements.append(", ")
                    .append(position)
                    .append(" - 1 AS ")
                    .append(column(scan.getArrayOffsetColumn().getColumn()));
        }
        elements.append(" FROM range(1, coalesce(len(")
                .append(array)
                .append("), 0) + 1) AS ")
                .append(alias())
                .append('(')
                .append(position)
                .append(')');
        ResolvedScan input = scan.getInputScan();
        String inputSql = input == null ? "SELECT NULL AS \"$single_row\"" : scan(input);
        String join;
        if (scan.getIsOuter()) {
            join = " LEFT JOIN LATERAL (" + elements + ") AS " + alias() + " ON "
                    + (scan.getJoinExpr() == null ? "TRUE" : expr(scan.getJoinExpr()));
        } else {
            join = " CROSS JOIN LATERAL (" + elements + ") AS " + alias();
            if (scan.getJoinExpr() != null) {
                join += " WHERE " + expr(scan.getJoinExpr());
            }
        }
        return "SELECT " + selectList(scan.getColumnList(), DuckDbRendering::column) + " FROM (" + inputSql + ") AS "
                + alias() + join;
    }

    // ---- expressions --------------------------------------------------------------------------

    String expr(ResolvedExpr expr) {
        if (expr instanceof ResolvedColumnRef ref) {
            return column(ref.getColumn());
        } else if (expr instanceof ResolvedLiteral literal) {
            return literal(literal.getValue());
        } else if (expr instanceof ResolvedParameter parameter) {
            if (parameter.getName().equalsIgnoreCase("run_time")) {
                return "CAST(" + runTimeExpression + " AS TIMESTAMP)";
            }
            return unsupported("query parameter @" + parameter.getName(), null);
        } else if (expr instanceof ResolvedFunctionCall call) {
            return functions.scalar(call);
        } else if (expr instanceof ResolvedAggregateFunctionCall call) {
            return functions.aggregate(call);
        } else if (expr instanceof ResolvedCast cast) {
            return functions.cast(cast);
        } else if (expr instanceof ResolvedSubqueryExpr subquery) {
            return subquery(subquery);
        } else if (expr instanceof ResolvedMakeStruct struct) {
            return struct(struct);
        } else if (expr instanceof ResolvedGetStructField field) {
            String name = field.getExpr()
                    .getType()
                    .asStruct()
                    .getField((int) field.getFieldIdx())
                    .getName();
            return "struct_extract(" + expr(field.getExpr()) + ", "
                    + stringLiteral(structFieldName(name, (int) field.getFieldIdx())) + ")";
        }
        return unsupported(expr.nodeKindString(), null);
    }

    /** Anonymous struct fields get a positional name: DuckDB structs need names; BigQuery reads them by position. */
    static String structFieldName(String name, int index) {
        return name.isEmpty() ? "_field_" + (index + 1) : name;
    }

    private String struct(ResolvedMakeStruct struct) {
        List<ResolvedExpr> fields = struct.getFieldList();
        StringBuilder out = new StringBuilder("struct_pack(");
        for (int i = 0; i < fields.size(); i++) {
            String name =
                    structFieldName(struct.getType().asStruct().getField(i).getName(), i);
            out.append(i == 0 ? "" : ", ").append(quote(name)).append(" := ").append(expr(fields.get(i)));
        }
        return out.append(')').toString();
    }

    private String subquery(ResolvedSubqueryExpr subquery) {
        ResolvedScan scan = subquery.getSubquery();
        String firstColumn = "SELECT " + column(scan.getColumnList().get(0)) + " FROM (" + scan(scan) + ") AS "
                + alias() + (scan instanceof ResolvedOrderByScan ordered ? orderBy(ordered.getOrderByItemList()) : "");
        return switch (subquery.getSubqueryType()) {
            case SCALAR -> "(" + firstColumn + ")";
            case EXISTS -> "EXISTS (" + scan(scan) + ")";
            case IN -> "(" + expr(subquery.getInExpr()) + " IN (" + firstColumn + "))";
            case ARRAY -> "ARRAY(" + firstColumn + ")";
            default -> unsupported(subquery.getSubqueryType() + " subquery", null);
        };
    }

    String literal(Value value) {
        Type type = value.getType();
        if (value.isNull()) {
            String typeName = typeName(type, null);
            return typeName == null ? "NULL" : "CAST(NULL AS " + typeName + ")";
        }
        return switch (type.getKind()) {
            case TYPE_INT64, TYPE_INT32 ->
                value.getType().isInt64()
                        ? "CAST(" + value.getInt64Value() + " AS BIGINT)"
                        : "CAST(" + value.getInt32Value() + " AS BIGINT)";
            case TYPE_BOOL -> value.getBoolValue() ? "TRUE" : "FALSE";
            case TYPE_DOUBLE -> doubleLiteral(value.getDoubleValue());
            case TYPE_NUMERIC -> "CAST('" + value.getNumericValue().toPlainString() + "' AS " + NUMERIC + ")";
            case TYPE_STRING -> stringLiteral(value.getStringValue());
            case TYPE_DATE -> "DATE '" + value.getLocalDateValue() + "'";
            case TYPE_TIMESTAMP -> "make_timestamp(CAST(" + value.getTimestampUnixMicros() + " AS BIGINT))";
            // a date part (DAY, WEEK, ...): read by the function that takes it, never an expression of its own
            case TYPE_ENUM -> stringLiteral(value.getEnumName());
            case TYPE_STRUCT -> {
                StringBuilder out = new StringBuilder("struct_pack(");
                for (int i = 0; i < value.getFieldCount(); i++) {
                    String name = structFieldName(type.asStruct().getField(i).getName(), i);
                    out.append(i == 0 ? "" : ", ")
                            .append(quote(name))
                            .append(" := ")
                            .append(literal(value.getField(i)));
                }
                yield out.append(')').toString();
            }
            case TYPE_ARRAY ->
                "[" + value.getElementList().stream().map(this::literal).collect(Collectors.joining(", ")) + "]";
            default -> unsupported("literal of type " + GoogleSqlAnalyzer.typeName(type), null);
        };
    }

    private static String doubleLiteral(double d) {
        if (Double.isNaN(d)) {
            return "CAST('NaN' AS DOUBLE)";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "CAST('Infinity' AS DOUBLE)" : "CAST('-Infinity' AS DOUBLE)";
        }
        return "CAST(" + BigDecimal.valueOf(d).toPlainString() + " AS DOUBLE)";
    }

    /** Standard SQL string: a quote is doubled, backslashes are plain characters in DuckDB. */
    static String stringLiteral(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** DuckDB's name for a BigQuery type; null when there is none here (the caller reports it). */
    String typeName(Type type, String writtenName) {
        return switch (type.getKind()) {
            case TYPE_INT64 -> "BIGINT";
            case TYPE_DOUBLE -> "DOUBLE";
            case TYPE_NUMERIC -> NUMERIC;
            case TYPE_STRING -> "VARCHAR";
            case TYPE_BOOL -> "BOOLEAN";
            case TYPE_DATE -> "DATE";
            case TYPE_TIMESTAMP -> "TIMESTAMP";
            case TYPE_ARRAY -> {
                String element = typeName(type.asArray().getElementType(), writtenName);
                yield element == null ? null : element + "[]";
            }
            default -> {
                if (writtenName != null) {
                    unsupported("type " + GoogleSqlAnalyzer.typeName(type), writtenName);
                }
                yield null;
            }
        };
    }

    boolean safeMode(ResolvedFunctionCallBase call) {
        return call.getErrorMode() == ErrorMode.SAFE_ERROR_MODE;
    }
}

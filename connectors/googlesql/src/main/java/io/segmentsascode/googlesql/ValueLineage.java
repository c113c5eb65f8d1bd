package io.segmentsascode.googlesql;

import com.google.zetasql.Table;
import com.google.zetasql.resolvedast.ResolvedColumn;
import com.google.zetasql.resolvedast.ResolvedNode;
import com.google.zetasql.resolvedast.ResolvedNodes;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAggregateScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAnalyticFunctionGroup;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedArrayScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedColumnHolder;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedColumnRef;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedComputedColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedComputedColumnBase;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedDeferredComputedColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedExpr;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedGroupingCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedInlineLambda;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedPivotColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedPivotScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedRecursiveRefScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedRecursiveScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedSetOperationItem;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedSetOperationScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedSubqueryExpr;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedTableScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedUnpivotArg;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedUnpivotScan;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedWithEntry;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedWithRefScan;
import com.google.zetasql.resolvedast.ResolvedSubqueryExprEnums.SubqueryType;
import io.segmentsascode.analyze.SqlAnalysis.ColumnSource;
import io.segmentsascode.analyze.SqlAnalysis.OutputColumn;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which table columns flow into the value of a column of one resolved statement (see
 * {@link OutputColumn#sources()}), read off GoogleSQL's resolved tree.
 *
 * <p>A {@link ResolvedColumn}'s id is unique within a statement, so the tree is read once into a
 * graph: each column a table scan produces maps to its table column, and every other column the
 * statement makes maps to the columns its value is computed from. A column's sources are that
 * graph closed transitively from it.
 *
 * <p>What makes a column's value, deliberately broad because a missed source can leak a PII value
 * and an extra one is only a false alarm:
 * <ul>
 *   <li>a computed column (projections, GROUP BY keys, aggregates, analytic functions, WITH
 *       expressions): every column referenced anywhere in its expression, including CASE
 *       conditions, aggregate ORDER BY / HAVING modifiers, lambda bodies, and whole subquery
 *       expressions: a subquery's own output columns (but for EXISTS) and every column referenced
 *       anywhere in it, its WHERE included (the value of {@code EXISTS(... WHERE email = 'x')} is
 *       derived from emails);</li>
 *   <li>an analytic function: additionally its window's PARTITION BY and ORDER BY columns
 *       ({@code RANK() OVER (ORDER BY email)} orders emails);</li>
 *   <li>WITH references, set operations and recursive queries: the matching column of each input;
 *       UNNEST: the array expression (the offset column has no sources); PIVOT: the pivoted
 *       expression and the FOR expression; UNPIVOT: the unpivoted columns;
 *       {@code GROUPING(x)}: {@code x}.</li>
 * </ul>
 * The rows a query keeps (WHERE, JOIN ... ON, GROUP BY, HAVING, QUALIFY, LIMIT at the level of the
 * query itself) are not part of any value. A column made by a construct this class does not know
 * (graph queries, MATCH_RECOGNIZE, table-valued functions, ...) is assumed to carry every column
 * the statement reads.
 */
final class ValueLineage {

    /** The table column behind each column a table scan produces. */
    private final Map<Long, ColumnSource> tableColumns = new HashMap<>();
    /** The columns each other column's value is made from. */
    private final Map<Long, Set<Long>> inputs = new HashMap<>();

    private ValueLineage() {}

    static ValueLineage of(ResolvedStatement statement) {
        ValueLineage lineage = new ValueLineage();
        Definitions definitions = lineage.new Definitions();
        statement.accept(definitions);
        definitions.linkWithReferences();
        return lineage;
    }

    /** The table columns whose values flow into {@code column}'s, sorted. */
    List<ColumnSource> sources(ResolvedColumn column) {
        Set<ColumnSource> sources = new TreeSet<>();
        Set<Long> seen = new HashSet<>();
        Deque<Long> pending = new ArrayDeque<>();
        pending.push(column.getId());
        while (!pending.isEmpty()) {
            long id = pending.pop();
            if (!seen.add(id)) {
                continue;
            }
            ColumnSource source = tableColumns.get(id);
            if (source != null) {
                sources.add(source);
                continue;
            }
            Set<Long> from = inputs.get(id);
            if (from == null) {
                return everyColumnRead();
            }
            pending.addAll(from);
        }
        return List.copyOf(sources);
    }

    private List<ColumnSource> everyColumnRead() {
        return List.copyOf(new TreeSet<>(tableColumns.values()));
    }

    private void define(ResolvedColumn column, Set<Long> from) {
        inputs.computeIfAbsent(column.getId(), id -> new HashSet<>()).addAll(from);
    }

    private void defineEach(List<ResolvedColumn> columns, List<ResolvedColumn> from) {
        if (columns.size() != from.size()) {
            // no position-wise correspondence to rely on: every input column may reach every column
            columns.forEach(column -> define(column, ids(from)));
            return;
        }
        for (int i = 0; i < columns.size(); i++) {
            define(columns.get(i), Set.of(from.get(i).getId()));
        }
    }

    private static Set<Long> ids(List<ResolvedColumn> columns) {
        Set<Long> ids = new HashSet<>();
        columns.forEach(column -> ids.add(column.getId()));
        return ids;
    }

    /** Columns referenced anywhere within {@code node}, the output columns of subqueries included. */
    private static Set<Long> references(ResolvedNode node) {
        References references = new References();
        if (node != null) {
            node.accept(references);
        }
        return references.ids;
    }

    /** Collects column references; a subquery expression references its subquery's output columns. */
    private static final class References extends ResolvedNodes.Visitor {
        final Set<Long> ids = new HashSet<>();

        @Override
        public void visit(ResolvedColumnRef node) {
            ids.add(node.getColumn().getId());
            super.visit(node);
        }

        @Override
        public void visit(ResolvedSubqueryExpr node) {
            // EXISTS is true or false whatever its columns hold; its conditions are referenced below
            if (node.getSubqueryType() != SubqueryType.EXISTS) {
                ids.addAll(ids(node.getSubquery().getColumnList()));
            }
            super.visit(node);
        }
    }

    /** Reads every column definition of the tree into the graph. */
    private final class Definitions extends ResolvedNodes.Visitor {
        private final Map<String, List<ResolvedScan>> withSubqueries = new HashMap<>();
        private final List<ResolvedWithRefScan> withReferences = new ArrayList<>();
        private final Deque<ResolvedRecursiveScan> recursions = new ArrayDeque<>();

        /** WITH references are linked last: a reference may be met before its entry. */
        void linkWithReferences() {
            for (ResolvedWithRefScan reference : withReferences) {
                // GoogleSQL may reuse a name in nested WITH clauses: any entry of that name may be meant
                for (ResolvedScan subquery : withSubqueries.getOrDefault(reference.getWithQueryName(), List.of())) {
                    defineEach(reference.getColumnList(), subquery.getColumnList());
                }
            }
        }

        @Override
        public void visit(ResolvedTableScan node) {
            Table table = node.getTable();
            List<ResolvedColumn> columns = node.getColumnList();
            List<Long> indexes = node.getColumnIndexList();
            for (int i = 0; i < columns.size(); i++) {
                ResolvedColumn column = columns.get(i);
                String name = indexes.size() == columns.size()
                        ? table.getColumn(indexes.get(i).intValue()).getName()
                        : column.getName();
                tableColumns.put(column.getId(), new ColumnSource(table.getName(), name));
            }
            super.visit(node);
        }

        @Override
        public void visit(ResolvedComputedColumn node) {
            define(node.getColumn(), references(node.getExpr()));
            super.visit(node);
        }

        @Override
        public void visit(ResolvedDeferredComputedColumn node) {
            Set<Long> from = references(node.getExpr());
            define(node.getColumn(), from);
            define(node.getSideEffectColumn(), from);
            super.visit(node);
        }

        @Override
        public void visit(ResolvedAnalyticFunctionGroup node) {
            Set<Long> window = new HashSet<>(references(node.getPartitionBy()));
            window.addAll(references(node.getOrderBy()));
            for (ResolvedComputedColumnBase function : node.getAnalyticFunctionList()) {
                define(function.getColumn(), window);
            }
            super.visit(node);
        }

        @Override
        public void visit(ResolvedAggregateScan node) {
            for (ResolvedGroupingCall grouping : node.getGroupingCallList()) {
                define(
                        grouping.getOutputColumn(),
                        Set.of(grouping.getGroupByColumn().getColumn().getId()));
            }
            super.visit(node);
        }

        @Override
        public void visit(ResolvedWithEntry node) {
            withSubqueries
                    .computeIfAbsent(node.getWithQueryName(), name -> new ArrayList<>())
                    .add(node.getWithSubquery());
            super.visit(node);
        }

        @Override
        public void visit(ResolvedWithRefScan node) {
            withReferences.add(node);
            super.visit(node);
        }

        @Override
        public void visit(ResolvedSetOperationScan node) {
            for (ResolvedSetOperationItem item : node.getInputItemList()) {
                defineEach(node.getColumnList(), item.getOutputColumnList());
            }
            super.visit(node);
        }

        @Override
        public void visit(ResolvedRecursiveScan node) {
            defineEach(node.getColumnList(), node.getNonRecursiveTerm().getOutputColumnList());
            defineEach(node.getColumnList(), node.getRecursiveTerm().getOutputColumnList());
            if (node.getRecursionDepthModifier() != null) {
                defineWithoutSources(node.getRecursionDepthModifier().getRecursionDepthColumn());
            }
            recursions.push(node);
            try {
                super.visit(node);
            } finally {
                recursions.pop();
            }
        }

        @Override
        public void visit(ResolvedRecursiveRefScan node) {
            ResolvedRecursiveScan recursion = recursions.peek();
            if (recursion != null) {
                defineEach(node.getColumnList(), recursion.getColumnList());
            }
            super.visit(node);
        }

        @Override
        public void visit(ResolvedArrayScan node) {
            List<ResolvedExpr> arrays = node.getArrayExprList();
            List<ResolvedColumn> elements = node.getElementColumnList();
            if (arrays.size() == elements.size()) {
                for (int i = 0; i < arrays.size(); i++) {
                    define(elements.get(i), references(arrays.get(i)));
                }
            } else {
                Set<Long> from = new HashSet<>();
                arrays.forEach(array -> from.addAll(references(array)));
                elements.forEach(element -> define(element, from));
            }
            // an element's position says nothing of the array's values
            defineWithoutSources(node.getArrayOffsetColumn());
            super.visit(node);
        }

        @Override
        public void visit(ResolvedPivotScan node) {
            Set<Long> pivotedBy = references(node.getForExpr());
            for (ResolvedPivotColumn pivot : node.getPivotColumnList()) {
                Set<Long> from = new HashSet<>(pivotedBy);
                from.addAll(references(node.getPivotExprList().get((int) pivot.getPivotExprIndex())));
                define(pivot.getColumn(), from);
            }
            super.visit(node);
        }

        @Override
        public void visit(ResolvedUnpivotScan node) {
            List<ResolvedColumn> values = node.getValueColumnList();
            for (ResolvedUnpivotArg argument : node.getUnpivotArgList()) {
                List<ResolvedColumn> unpivoted = argument.getColumnList().stream()
                        .map(ResolvedColumnRef::getColumn)
                        .toList();
                defineEach(values, unpivoted);
            }
            // the label is the name of an unpivoted column, a literal of the query
            define(node.getLabelColumn(), Set.of());
            super.visit(node);
        }

        @Override
        public void visit(ResolvedInlineLambda node) {
            // the values a lambda's arguments take are the enclosing call's other arguments,
            // which are references of that call already
            node.getArgumentList().forEach(argument -> define(argument, Set.of()));
            super.visit(node);
        }

        private void defineWithoutSources(ResolvedColumnHolder holder) {
            if (holder != null) {
                define(holder.getColumn(), Set.of());
            }
        }
    }
}

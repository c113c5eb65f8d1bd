package io.segmentsascode.googlesql;

import io.segmentsascode.analyze.SqlAnalysis.ColumnSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.CorrelationId;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Uncollect;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.sql2rel.StandardConvertletTable;

/**
 * The Calcite fallback's approximation of {@link ValueLineage}: which table columns flow into
 * each output column, read off the relational plan Calcite converts the validated query into
 * (subqueries kept as expressions, nothing optimised), by the same rules: every column an
 * expression references counts, CASE conditions, window PARTITION BY / ORDER BY and aggregate
 * FILTER / ORDER BY included; a subquery expression counts its output columns (but for EXISTS)
 * and every column referenced anywhere in it; the rows kept (WHERE, JOIN ... ON, GROUP BY,
 * HAVING) count for no value.
 *
 * <p>Where the plan cannot be followed it errs towards more sources, never fewer: each column an
 * UNNEST produces gets every source of the UNNEST's input; a relational operator this class does
 * not know (a recursive query's, a table function's, ...) or a correlation it cannot place stands
 * for every column of every table the query reads. So it may name more sources than
 * {@link ValueLineage} does for the same query.
 */
final class CalciteValueLineage {

    private final Set<String> catalogTables;
    private final Map<CorrelationId, List<List<RelNode>>> correlations = new HashMap<>();
    private final Set<ColumnSource> everyColumnRead = new TreeSet<>();
    private final Map<RelNode, Map<Integer, Set<ColumnSource>>> sourcesByNode = new IdentityHashMap<>();

    private CalciteValueLineage(Set<String> catalogTables) {
        this.catalogTables = catalogTables;
    }

    /**
     * The sources of each column of {@code validated}, a query {@code validator} has validated.
     *
     * @param catalogTables the names of the catalog's tables, as sources name them; other scans
     *                      (a recursive query's working table) are not sources of their own
     *
     * @throws RuntimeException where Calcite cannot convert the query to a plan
     */
    static List<List<ColumnSource>> of(
            SqlNode validated, SqlValidator validator, CalciteCatalogReader catalog, Set<String> catalogTables) {
        RelOptCluster cluster = RelOptCluster.create(
                new HepPlanner(HepProgram.builder().build()), new RexBuilder(catalog.getTypeFactory()));
        SqlToRelConverter.Config config = SqlToRelConverter.config()
                .withExpand(false) // keep subqueries as expressions: their columns count whole
                .withTrimUnusedFields(false);
        SqlToRelConverter converter = new SqlToRelConverter(
                (rowType, queryString, schemaPath, viewPath) -> {
                    throw new UnsupportedOperationException("the catalog has no views");
                },
                validator,
                catalog,
                cluster,
                StandardConvertletTable.INSTANCE,
                config);
        RelRoot root = converter.convertQuery(validated, false, true);
        RelNode plan = root.project();

        CalciteValueLineage lineage = new CalciteValueLineage(catalogTables);
        lineage.register(plan);
        List<List<ColumnSource>> out = new ArrayList<>();
        for (int i = 0; i < plan.getRowType().getFieldCount(); i++) {
            out.add(List.copyOf(new TreeSet<>(lineage.sources(plan, i))));
        }
        return out;
    }

    /** Every table column read and every correlation variable's scope, subqueries included. */
    private void register(RelNode node) {
        if (node instanceof TableScan scan && readsCatalogTable(scan)) {
            for (int i = 0; i < scan.getRowType().getFieldCount(); i++) {
                everyColumnRead.add(tableColumn(scan, i));
            }
        }
        if (node instanceof Correlate correlate) {
            correlations
                    .computeIfAbsent(correlate.getCorrelationId(), id -> new ArrayList<>())
                    .add(List.of(correlate.getLeft()));
        }
        for (CorrelationId id : node.getVariablesSet()) {
            List<List<RelNode>> scopes = correlations.computeIfAbsent(id, key -> new ArrayList<>());
            scopes.add(node.getInputs());
            if (node.getInputs().size() > 1) {
                node.getInputs().forEach(input -> scopes.add(List.of(input)));
            }
        }
        node.accept(new RexShuttle() {
            @Override
            public RexNode visitSubQuery(RexSubQuery subQuery) {
                register(subQuery.rel);
                return super.visitSubQuery(subQuery);
            }
        });
        node.getInputs().forEach(this::register);
    }

    private boolean readsCatalogTable(TableScan scan) {
        List<String> name = scan.getTable().getQualifiedName();
        return catalogTables.contains(name.get(name.size() - 1));
    }

    private static ColumnSource tableColumn(TableScan scan, int field) {
        List<String> name = scan.getTable().getQualifiedName();
        return new ColumnSource(
                name.get(name.size() - 1), scan.getRowType().getFieldNames().get(field));
    }

    /** The table columns whose values flow into {@code node}'s column {@code field}. */
    private Set<ColumnSource> sources(RelNode node, int field) {
        Map<Integer, Set<ColumnSource>> byField = sourcesByNode.computeIfAbsent(node, key -> new HashMap<>());
        Set<ColumnSource> sources = byField.get(field);
        if (sources == null) {
            sources = computeSources(node, field);
            byField.put(field, sources);
        }
        return sources;
    }

    private Set<ColumnSource> computeSources(RelNode node, int field) {
        if (node instanceof TableScan scan) {
            return readsCatalogTable(scan) ? Set.of(tableColumn(scan, field)) : everyColumnRead;
        }
        if (node instanceof Project project) {
            return references(project.getProjects().get(field), project.getInputs());
        }
        if (node instanceof Filter || node instanceof Sort) {
            return sources(node.getInput(0), field);
        }
        if (node instanceof Join || node instanceof Correlate) {
            // semi and anti joins output the left side only, which the index falls in
            return inputField(node.getInputs(), field);
        }
        if (node instanceof Aggregate aggregate) {
            return aggregateSources(aggregate, field);
        }
        if (node instanceof SetOp setOp) {
            Set<ColumnSource> out = new TreeSet<>();
            setOp.getInputs().forEach(input -> out.addAll(sources(input, field)));
            return out;
        }
        if (node instanceof Values) {
            return Set.of();
        }
        if (node instanceof Uncollect uncollect) {
            return allFields(uncollect.getInput());
        }
        return everyColumnRead;
    }

    private Set<ColumnSource> aggregateSources(Aggregate aggregate, int field) {
        RelNode input = aggregate.getInput();
        if (field < aggregate.getGroupCount()) {
            return sources(input, aggregate.getGroupSet().nth(field));
        }
        AggregateCall call = aggregate.getAggCallList().get(field - aggregate.getGroupCount());
        Set<ColumnSource> out = new TreeSet<>();
        call.getArgList().forEach(argument -> out.addAll(sources(input, argument)));
        if (call.filterArg >= 0) {
            out.addAll(sources(input, call.filterArg));
        }
        for (RelFieldCollation ordering : call.getCollation().getFieldCollations()) {
            out.addAll(sources(input, ordering.getFieldIndex()));
        }
        if (call.distinctKeys != null) {
            call.distinctKeys.forEach(key -> out.addAll(sources(input, key)));
        }
        call.rexList.forEach(expression -> out.addAll(references(expression, List.of(input))));
        return out;
    }

    /** Field {@code field} of the inputs' fields side by side, as a join or an expression sees them. */
    private Set<ColumnSource> inputField(List<RelNode> inputs, int field) {
        int offset = field;
        for (RelNode input : inputs) {
            int count = input.getRowType().getFieldCount();
            if (offset < count) {
                return sources(input, offset);
            }
            offset -= count;
        }
        return everyColumnRead;
    }

    private Set<ColumnSource> allFields(RelNode node) {
        Set<ColumnSource> out = new TreeSet<>();
        for (int i = 0; i < node.getRowType().getFieldCount(); i++) {
            out.addAll(sources(node, i));
        }
        return out;
    }

    /** Sources of every column an expression over {@code inputs} references, subqueries whole. */
    private Set<ColumnSource> references(RexNode expression, List<RelNode> inputs) {
        References references = new References(inputs);
        expression.accept(references);
        return references.sources;
    }

    /**
     * Everything a subquery expression's value may carry: the subquery's output columns and every
     * column referenced anywhere in it (a row filter inside it decides the expression's value).
     */
    private Set<ColumnSource> everythingReferenced(RexSubQuery subquery) {
        // EXISTS is true or false whatever its columns hold
        Set<ColumnSource> out =
                subquery.getKind() == SqlKind.EXISTS ? new TreeSet<>() : new TreeSet<>(allFields(subquery.rel));
        addReferencedWithin(subquery.rel, out);
        return out;
    }

    private void addReferencedWithin(RelNode node, Set<ColumnSource> out) {
        if (node instanceof Aggregate aggregate) {
            aggregate.getGroupSet().forEach(key -> out.addAll(sources(aggregate.getInput(), key)));
            out.addAll(allFields(aggregate));
        } else if (node instanceof Correlate correlate) {
            correlate.getRequiredColumns().forEach(column -> out.addAll(sources(correlate.getLeft(), column)));
        } else if (node instanceof Project || node instanceof Filter || node instanceof Join || node instanceof Sort) {
            References references = new References(node.getInputs());
            node.accept(references);
            out.addAll(references.sources);
        } else if (!(node instanceof TableScan
                || node instanceof SetOp
                || node instanceof Values
                || node instanceof Uncollect)) {
            out.addAll(everyColumnRead);
        }
        node.getInputs().forEach(input -> addReferencedWithin(input, out));
    }

    /** Collects the sources of the columns an expression references; returns every node unchanged. */
    private final class References extends RexShuttle {
        private final List<RelNode> inputs;
        final Set<ColumnSource> sources = new TreeSet<>();

        References(List<RelNode> inputs) {
            this.inputs = inputs;
        }

        @Override
        public RexNode visitInputRef(RexInputRef reference) {
            sources.addAll(inputField(inputs, reference.getIndex()));
            return reference;
        }

        @Override
        public RexNode visitFieldAccess(RexFieldAccess access) {
            if (access.getReferenceExpr() instanceof RexCorrelVariable variable) {
                sources.addAll(correlated(variable, access.getField().getIndex()));
                return access;
            }
            return super.visitFieldAccess(access);
        }

        @Override
        public RexNode visitCorrelVariable(RexCorrelVariable variable) {
            // the whole outer row
            for (int i = 0; i < variable.getType().getFieldCount(); i++) {
                sources.addAll(correlated(variable, i));
            }
            return variable;
        }

        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            sources.addAll(everythingReferenced(subQuery));
            return super.visitSubQuery(subQuery);
        }
    }

    /** A field of the outer row a correlation variable stands for. */
    private Set<ColumnSource> correlated(RexCorrelVariable variable, int field) {
        int fieldCount = variable.getType().getFieldCount();
        for (List<RelNode> scope : correlations.getOrDefault(variable.id, List.of())) {
            int scopeCount = scope.stream()
                    .mapToInt(node -> node.getRowType().getFieldCount())
                    .sum();
            if (scopeCount == fieldCount) {
                return inputField(scope, field);
            }
        }
        return everyColumnRead;
    }
}

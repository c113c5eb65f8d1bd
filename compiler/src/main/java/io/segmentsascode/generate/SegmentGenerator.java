package io.segmentsascode.generate;

import io.segmentsascode.expr.Expr;
import io.segmentsascode.intent.EmbeddedSql;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Metric;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.RfmModel;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Generate stage for the structured kinds: RFM and behavioural rules become IR queries whose
 * shape is fixed by the definition alone, so the same files always give the same SQL.
 *
 * <p>RFM scores are 1–5, 5 = best, over the users with at least one purchase in the window; users
 * with equal values share a score (the tie rule of {@link RfmSteps}), so a score is the same on
 * every run and in every engine.
 *
 * <p>Every segment has one row per user. The structured kinds have it by construction: an RFM
 * result reads {@code rfm_base}, grouped by {@code user_id}, and a rules result reads the
 * {@code users} table (one row per user); the metric steps they join are grouped by
 * {@code user_id} too, so no join adds a row. Intent and sql segments check it at run time.
 */
public final class SegmentGenerator {

    /** Names usable in RFM label conditions, mapped to the scored step's columns. */
    static final String USER = Table.USER_KEY;

    static final String POPULATION = "p";
    static final String USERS = "users";
    static final String RFM_LABELS = "rfm_labels";

    private final Warehouse warehouse;
    private final Map<String, EmbeddedSql> embedded;
    private final EnvelopeBuilder envelope;

    /** @param embedded checked SQL of the intent and sql segments, by segment id */
    public SegmentGenerator(Warehouse warehouse, Map<String, EmbeddedSql> embedded) {
        this.warehouse = warehouse;
        this.embedded = embedded;
        this.envelope = new EnvelopeBuilder(warehouse);
    }

    /** A segment that names no other segment. */
    public GeneratedSegment generate(Segment segment) {
        return generate(segment, Map.of());
    }

    /**
     * @param built the generated segments this one names with {@code in_segment} (at least), by id:
     *              their queries are nested in this one's, so its SQL stands alone (a preview, a dry
     *              run or the local target runs it as it is)
     */
    public GeneratedSegment generate(Segment segment, Map<String, GeneratedSegment> built) {
        SegmentMembership members = new SegmentMembership(
                id -> new SqlQuery.Nested(
                        Optional.ofNullable(built.get(id))
                                .orElseThrow(() -> new IllegalStateException(
                                        segment.id() + " names " + id + ", which was not generated first"))
                                .query(),
                        SegmentMembership.alias()),
                SqlExpr.ColumnRef.of(POPULATION, USER));
        if (segment.definition() instanceof SegmentDefinition.Rfm rfm) {
            return rfm(segment, rfm, members);
        }
        if (segment.definition() instanceof SegmentDefinition.Rules rules) {
            return rules(segment, rules, members);
        }
        return embedded(segment, embedded.get(segment.id()));
    }

    /**
     * The checked SQL under the envelope of the tables it reads, returning exactly the contract's
     * columns. Nothing in its shape makes {@code user_id} unique, so the query checks it as it runs:
     * a user on two rows fails the run instead of being written twice.
     */
    private GeneratedSegment embedded(Segment segment, EmbeddedSql sql) {
        List<SqlQuery.SelectItem> items = sql.columns().stream()
                .map(c -> item(SqlExpr.ColumnRef.of(POPULATION, c.name()), c.name()))
                .toList();
        SqlQuery.Select result = new SqlQuery.Select(
                items, new SqlQuery.Embedded(sql.sql(), POPULATION), List.of(), Optional.empty(), List.of());
        SqlQuery.UniqueRows onePerUser = new SqlQuery.UniqueRows(
                SqlExpr.ColumnRef.of(POPULATION, USER),
                segment.id() + ": " + USER + " appears on more than one row, but a segment has one row per user"
                        + " (GROUP BY " + USER + " or SELECT DISTINCT)");
        return new GeneratedSegment(
                segment,
                new SqlQuery.Query(
                        envelope.build(new TreeSet<>(sql.tables()), OptionalInt.empty()),
                        List.of(),
                        result,
                        Optional.of(onePerUser)),
                sql.columns());
    }

    private GeneratedSegment rfm(Segment segment, SegmentDefinition.Rfm rfm, SegmentMembership members) {
        RfmModel model = rfm.model();
        RfmSteps rfmSteps = new RfmSteps(warehouse, model.windowDays(), "rfm_");
        MetricSteps metrics = MetricSteps.ofSegment(warehouse, model.windowDays(), rfm.usedMetrics());
        List<SqlQuery.Step> steps = new ArrayList<>(rfmSteps.steps());
        steps.add(rfmLabels(
                model,
                new SqlQuery.StepRef(rfmSteps.scores(), rfmSteps.scores()),
                SqlExpr.ColumnRef::of,
                List.of(),
                Optional.empty()));
        steps.addAll(metrics.steps());
        List<SqlQuery.LeftJoin> joins = new ArrayList<>();
        SqlQuery.Select result = rfmResult(rfm, joins, metrics.joinedColumns(POPULATION, joins), members);
        steps.addAll(members.steps());
        Set<String> tables = new TreeSet<>(metrics.tables());
        tables.add(RfmSteps.events());
        return new GeneratedSegment(
                segment,
                new SqlQuery.Query(envelope.build(tables, metrics.widestWindowDays()), steps, result),
                rfmOutput(rfm));
    }

    /**
     * The step {@value #RFM_LABELS}: each scored user of {@code from} with the first label whose
     * condition holds. {@code column} says where a scored column ({@link RfmSteps#SCORED_COLUMNS})
     * is read; {@code extra} items are passed through (the metrics, in the feature layout).
     */
    static SqlQuery.Step rfmLabels(
            RfmModel model,
            SqlQuery.Source from,
            Function<String, SqlExpr> column,
            List<SqlQuery.SelectItem> extra,
            Optional<SqlExpr> where) {
        ConditionTranslator scoreNames =
                new ConditionTranslator(name -> column.apply(RfmModel.SCORE_COLUMNS.get(name)));
        List<SqlExpr.When> whens = new ArrayList<>();
        model.labels()
                .forEach((label, condition) ->
                        whens.add(new SqlExpr.When(scoreNames.translate(condition), new SqlExpr.Literal(label))));
        List<SqlQuery.SelectItem> labelled = new ArrayList<>();
        for (String name : RfmSteps.SCORED_COLUMNS) {
            labelled.add(item(column.apply(name), name));
        }
        labelled.add(item(new SqlExpr.CaseWhen(whens, new SqlExpr.Literal(RfmModel.OTHER)), OutputColumn.LABEL_COLUMN));
        labelled.addAll(extra);
        return new SqlQuery.Step(RFM_LABELS, new SqlQuery.Select(labelled, from, List.of(), where, List.of()));
    }

    /** The columns of the RFM scores, with their types ({@link RfmSteps#SCORED_COLUMNS}). */
    static List<OutputColumn> rfmScoredColumns() {
        return List.of(
                new OutputColumn(USER, ColumnType.STRING),
                new OutputColumn(RfmSteps.RECENCY, ColumnType.INT64),
                new OutputColumn(RfmSteps.FREQUENCY, ColumnType.INT64),
                new OutputColumn(RfmSteps.MONETARY, ColumnType.NUMERIC),
                new OutputColumn("r_score", ColumnType.INT64),
                new OutputColumn("f_score", ColumnType.INT64),
                new OutputColumn("m_score", ColumnType.INT64));
    }

    /** An RFM segment's contract: the user, the label, the scored columns and the metrics it uses. */
    static List<OutputColumn> rfmOutput(SegmentDefinition.Rfm rfm) {
        List<OutputColumn> output = new ArrayList<>(rfmScoredColumns());
        output.add(1, new OutputColumn(OutputColumn.LABEL_COLUMN, ColumnType.STRING));
        rfm.usedMetrics().forEach(m -> output.add(new OutputColumn(m.name(), m.type())));
        return output;
    }

    /**
     * The members of an RFM segment from the {@value #RFM_LABELS} step: a selected label and the
     * segment's condition. {@code metricColumns}: where each metric is read.
     */
    static SqlQuery.Select rfmResult(
            SegmentDefinition.Rfm rfm,
            List<SqlQuery.LeftJoin> joins,
            Map<String, SqlExpr> metricColumns,
            SegmentMembership members) {
        List<OutputColumn> output = rfmOutput(rfm);
        Map<String, SqlExpr> names = new LinkedHashMap<>();
        for (OutputColumn column : output) {
            names.put(column.name(), SqlExpr.ColumnRef.of(POPULATION, column.name()));
        }
        RfmModel.SCORE_COLUMNS.forEach((name, column) -> names.put(name, SqlExpr.ColumnRef.of(POPULATION, column)));
        names.putAll(metricColumns);
        List<SqlExpr> conditions = new ArrayList<>();
        conditions.add(new SqlExpr.InList(
                SqlExpr.ColumnRef.of(POPULATION, OutputColumn.LABEL_COLUMN),
                rfm.select().stream().<SqlExpr>map(SqlExpr.Literal::new).toList(),
                false));
        ConditionTranslator translator = new ConditionTranslator(names::get, members::condition);
        rfm.where().ifPresent(w -> conditions.add(translator.translate(w)));
        return result(output, names, new SqlQuery.StepRef(RFM_LABELS, POPULATION), joins, conditions);
    }

    private GeneratedSegment rules(Segment segment, SegmentDefinition.Rules rules, SegmentMembership members) {
        MetricSteps metrics = MetricSteps.ofSegment(warehouse, rules.windowDays(), rulesMetrics(rules));
        List<SqlQuery.LeftJoin> joins = new ArrayList<>();
        Map<String, SqlExpr> names = new LinkedHashMap<>();
        // the population is the users table, so its columns (country, device_type, ...) are usable as-is
        warehouse
                .tables()
                .get(USERS)
                .columns()
                .keySet()
                .forEach(c -> names.put(c, SqlExpr.ColumnRef.of(POPULATION, c)));
        names.putAll(metrics.joinedColumns(POPULATION, joins));
        SqlQuery.Select result =
                rulesResult(rules, names, new SqlQuery.StepRef(USERS, POPULATION), joins, List.of(), members);
        Set<String> tables = new TreeSet<>(metrics.tables());
        tables.add(USERS);
        List<SqlQuery.Step> steps = new ArrayList<>(metrics.steps());
        steps.addAll(members.steps());
        return new GeneratedSegment(
                segment,
                new SqlQuery.Query(envelope.build(tables, metrics.widestWindowDays()), steps, result),
                rulesOutput(rules));
    }

    /** The metrics a rules segment computes: its own, and the warehouse's it names. */
    List<Metric> rulesMetrics(SegmentDefinition.Rules rules) {
        List<Metric> all = new ArrayList<>(rules.metrics().values());
        referencedWarehouseMetrics(rules)
                .forEach(name -> all.add(warehouse.metrics().get(name)));
        return all;
    }

    /** The users-table columns a rules segment names (everything else it names is a metric). */
    List<String> rulesUserColumns(SegmentDefinition.Rules rules) {
        Set<String> named = new TreeSet<>(namesOf(rules));
        return warehouse.tables().get(USERS).columns().keySet().stream()
                .filter(c -> named.contains(c)
                        && !rules.metrics().containsKey(c)
                        && !warehouse.metrics().containsKey(c))
                .toList();
    }

    List<OutputColumn> rulesOutput(SegmentDefinition.Rules rules) {
        List<OutputColumn> output = new ArrayList<>();
        output.add(new OutputColumn(USER, ColumnType.STRING));
        for (String name : rules.output()) {
            Metric metric =
                    rules.metrics().getOrDefault(name, warehouse.metrics().get(name));
            ColumnType type = metric != null
                    ? metric.type()
                    : warehouse
                            .tables()
                            .get(USERS)
                            .columns()
                            .get(name)
                            .type()
                            .scalar()
                            .orElseThrow();
            output.add(new OutputColumn(name, type));
        }
        return output;
    }

    /**
     * The members of a rules segment: include, not exclude, where — over {@code names} (each user
     * column and metric, wherever it is read) — and {@code alsoRequired} conditions; {@code members}
     * reads the segments its conditions name.
     */
    SqlQuery.Select rulesResult(
            SegmentDefinition.Rules rules,
            Map<String, SqlExpr> names,
            SqlQuery.Source population,
            List<SqlQuery.LeftJoin> joins,
            List<SqlExpr> alsoRequired,
            SegmentMembership members) {
        ConditionTranslator translator = new ConditionTranslator(names::get, members::condition);
        List<SqlExpr> conditions = new ArrayList<>(alsoRequired);
        conditions.add(translator.translate(rules.include()));
        rules.exclude().ifPresent(e -> conditions.add(new SqlExpr.Not(translator.translate(e))));
        rules.where().ifPresent(w -> conditions.add(translator.translate(w)));
        return result(rulesOutput(rules), names, population, joins, conditions);
    }

    private static Set<String> namesOf(SegmentDefinition.Rules rules) {
        Set<String> names = new TreeSet<>();
        Expr.collectNames(rules.include(), names);
        rules.exclude().ifPresent(e -> Expr.collectNames(e, names));
        rules.where().ifPresent(w -> Expr.collectNames(w, names));
        names.addAll(rules.output());
        return names;
    }

    private List<String> referencedWarehouseMetrics(SegmentDefinition.Rules rules) {
        return namesOf(rules).stream()
                .filter(n ->
                        !rules.metrics().containsKey(n) && warehouse.metrics().containsKey(n))
                .toList();
    }

    private static SqlQuery.Select result(
            List<OutputColumn> output,
            Map<String, SqlExpr> names,
            SqlQuery.Source population,
            List<SqlQuery.LeftJoin> joins,
            List<SqlExpr> conditions) {
        List<SqlQuery.SelectItem> items =
                output.stream().map(c -> item(names.get(c.name()), c.name())).toList();
        SqlExpr where = conditions.size() == 1 ? conditions.get(0) : new SqlExpr.Logical("AND", conditions);
        return new SqlQuery.Select(items, population, joins, Optional.of(where), List.of());
    }

    private static SqlQuery.SelectItem item(SqlExpr expr, String alias) {
        return new SqlQuery.SelectItem(expr, alias);
    }
}

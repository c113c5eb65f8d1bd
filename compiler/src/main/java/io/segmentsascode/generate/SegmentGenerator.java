package io.segmentsascode.generate;

import io.segmentsascode.expr.Expr;
import io.segmentsascode.intent.EmbeddedSql;
import io.segmentsascode.model.AggregateFunction;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Metric;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.RfmModel;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generate stage for the structured kinds: RFM and behavioural rules become IR queries whose
 * shape is fixed by the definition alone, so the same files always give the same SQL.
 *
 * <p>RFM scores are {@code NTILE(5)} over the users with at least one purchase in the window,
 * ordered so that 5 is best and ties are broken by the metric and then {@code user_id}: a user
 * on a quintile edge lands in the same bucket on every run and in every engine.
 *
 * <p>Every segment has one row per user. The structured kinds have it by construction: an RFM
 * result reads {@code rfm_base}, grouped by {@code user_id}, and a rules result reads the
 * {@code users} table (one row per user); the metric steps they join are grouped by
 * {@code user_id} too, so no join adds a row. Intent and sql segments check it at run time.
 */
public final class SegmentGenerator {

    /** Names usable in RFM label conditions, mapped to the scored step's columns. */
    static final String USER = Table.USER_KEY;

    private static final String POPULATION = "p";

    private final Warehouse warehouse;
    private final Map<String, EmbeddedSql> embedded;
    private final EnvelopeBuilder envelope;

    /** @param embedded checked SQL of the intent and sql segments, by segment id */
    public SegmentGenerator(Warehouse warehouse, Map<String, EmbeddedSql> embedded) {
        this.warehouse = warehouse;
        this.embedded = embedded;
        this.envelope = new EnvelopeBuilder(warehouse);
    }

    public GeneratedSegment generate(Segment segment) {
        if (segment.definition() instanceof SegmentDefinition.Rfm rfm) {
            return rfm(segment, rfm);
        }
        if (segment.definition() instanceof SegmentDefinition.Rules rules) {
            return rules(segment, rules);
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

    private GeneratedSegment rfm(Segment segment, SegmentDefinition.Rfm rfm) {
        RfmModel model = rfm.model();
        String events = "events";
        String time = warehouse.tables().get(events).timeColumn().orElseThrow();
        MetricSteps metrics = new MetricSteps(warehouse, model.windowDays(), rfm.usedMetrics());

        List<SqlQuery.Step> steps = new ArrayList<>();
        steps.add(new SqlQuery.Step(
                "rfm_base",
                new SqlQuery.Select(
                        List.of(
                                item(SqlExpr.ColumnRef.of(USER), USER),
                                item(
                                        new SqlExpr.WholeDaysBetween(
                                                new SqlExpr.RunTime(),
                                                new SqlExpr.Aggregate(
                                                        AggregateFunction.MAX,
                                                        Optional.of(SqlExpr.ColumnRef.of(time)),
                                                        Optional.empty())),
                                        "recency_days"),
                                item(
                                        new SqlExpr.Aggregate(
                                                AggregateFunction.COUNT, Optional.empty(), Optional.empty()),
                                        "frequency"),
                                item(
                                        new SqlExpr.Aggregate(
                                                AggregateFunction.SUM,
                                                Optional.of(SqlExpr.ColumnRef.of("revenue")),
                                                Optional.empty()),
                                        "monetary")),
                        new SqlQuery.StepRef(events, events),
                        List.of(),
                        Optional.of(new SqlExpr.Logical(
                                "AND",
                                List.of(
                                        new SqlExpr.Compare(
                                                SqlExpr.ColumnRef.of("revenue"),
                                                ">",
                                                new SqlExpr.Literal(BigDecimal.ZERO)),
                                        MetricSteps.withinDays(time, model.windowDays()),
                                        new SqlExpr.Compare(SqlExpr.ColumnRef.of(time), "<=", new SqlExpr.RunTime())))),
                        List.of(SqlExpr.ColumnRef.of(USER)))));

        List<SqlQuery.SelectItem> scored = new ArrayList<>(columns(USER, "recency_days", "frequency", "monetary"));
        // 5 = best: most recent, most frequent, highest spend end up in the last bucket
        scored.add(item(ntile("recency_days", true), "r_score"));
        scored.add(item(ntile("frequency", false), "f_score"));
        scored.add(item(ntile("monetary", false), "m_score"));
        steps.add(new SqlQuery.Step(
                "rfm_scores",
                new SqlQuery.Select(
                        scored, new SqlQuery.StepRef("rfm_base", "rfm_base"), List.of(), Optional.empty(), List.of())));

        ConditionTranslator scoreNames =
                new ConditionTranslator(name -> SqlExpr.ColumnRef.of(RfmModel.SCORE_COLUMNS.get(name)));
        List<SqlExpr.When> whens = new ArrayList<>();
        model.labels()
                .forEach((label, condition) ->
                        whens.add(new SqlExpr.When(scoreNames.translate(condition), new SqlExpr.Literal(label))));
        List<SqlQuery.SelectItem> labelled = new ArrayList<>(
                columns(USER, "recency_days", "frequency", "monetary", "r_score", "f_score", "m_score"));
        labelled.add(item(new SqlExpr.CaseWhen(whens, new SqlExpr.Literal(RfmModel.OTHER)), OutputColumn.LABEL_COLUMN));
        steps.add(new SqlQuery.Step(
                "rfm_labels",
                new SqlQuery.Select(
                        labelled,
                        new SqlQuery.StepRef("rfm_scores", "rfm_scores"),
                        List.of(),
                        Optional.empty(),
                        List.of())));
        steps.addAll(metrics.steps());

        List<SqlQuery.LeftJoin> joins = new ArrayList<>();
        Map<String, SqlExpr> names = new LinkedHashMap<>();
        List<OutputColumn> output = new ArrayList<>();
        output.add(new OutputColumn(USER, ColumnType.STRING));
        output.add(new OutputColumn(OutputColumn.LABEL_COLUMN, ColumnType.STRING));
        output.add(new OutputColumn("recency_days", ColumnType.INT64));
        output.add(new OutputColumn("frequency", ColumnType.INT64));
        output.add(new OutputColumn("monetary", ColumnType.NUMERIC));
        output.add(new OutputColumn("r_score", ColumnType.INT64));
        output.add(new OutputColumn("f_score", ColumnType.INT64));
        output.add(new OutputColumn("m_score", ColumnType.INT64));
        for (OutputColumn column : output) {
            names.put(column.name(), SqlExpr.ColumnRef.of(POPULATION, column.name()));
        }
        RfmModel.SCORE_COLUMNS.forEach((name, column) -> names.put(name, SqlExpr.ColumnRef.of(POPULATION, column)));
        Map<String, SqlExpr> metricColumns = metrics.joinedColumns(POPULATION, joins);
        names.putAll(metricColumns);
        rfm.usedMetrics().forEach(m -> output.add(new OutputColumn(m.name(), m.type())));

        List<SqlExpr> conditions = new ArrayList<>();
        conditions.add(new SqlExpr.InList(
                SqlExpr.ColumnRef.of(POPULATION, OutputColumn.LABEL_COLUMN),
                rfm.select().stream().<SqlExpr>map(SqlExpr.Literal::new).toList(),
                false));
        ConditionTranslator translator = new ConditionTranslator(names::get);
        rfm.where().ifPresent(w -> conditions.add(translator.translate(w)));

        SqlQuery.Select result = result(output, names, "rfm_labels", joins, conditions);
        Set<String> tables = new TreeSet<>(metrics.tables());
        tables.add(events);
        return new GeneratedSegment(
                segment, new SqlQuery.Query(envelope.build(tables, metrics.widestWindowDays()), steps, result), output);
    }

    private GeneratedSegment rules(Segment segment, SegmentDefinition.Rules rules) {
        List<Metric> allMetrics = new ArrayList<>(rules.metrics().values());
        List<String> referenced = referencedWarehouseMetrics(rules);
        referenced.forEach(name -> allMetrics.add(warehouse.metrics().get(name)));
        MetricSteps metrics = new MetricSteps(warehouse, rules.windowDays(), allMetrics);
        String users = "users";

        List<SqlQuery.LeftJoin> joins = new ArrayList<>();
        Map<String, SqlExpr> names = new LinkedHashMap<>();
        // the population is the users table, so its columns (country, device_type, ...) are usable as-is
        warehouse
                .tables()
                .get(users)
                .columns()
                .keySet()
                .forEach(c -> names.put(c, SqlExpr.ColumnRef.of(POPULATION, c)));
        names.putAll(metrics.joinedColumns(POPULATION, joins));

        ConditionTranslator translator = new ConditionTranslator(names::get);
        List<SqlExpr> conditions = new ArrayList<>();
        conditions.add(translator.translate(rules.include()));
        rules.exclude().ifPresent(e -> conditions.add(new SqlExpr.Not(translator.translate(e))));
        rules.where().ifPresent(w -> conditions.add(translator.translate(w)));

        List<OutputColumn> output = new ArrayList<>();
        output.add(new OutputColumn(USER, ColumnType.STRING));
        for (String name : rules.output()) {
            Metric metric =
                    rules.metrics().getOrDefault(name, warehouse.metrics().get(name));
            ColumnType type = metric != null
                    ? metric.type()
                    : warehouse
                            .tables()
                            .get(users)
                            .columns()
                            .get(name)
                            .type()
                            .scalar()
                            .orElseThrow();
            output.add(new OutputColumn(name, type));
        }
        SqlQuery.Select result = result(output, names, users, joins, conditions);
        Set<String> tables = new TreeSet<>(metrics.tables());
        tables.add(users);
        return new GeneratedSegment(
                segment,
                new SqlQuery.Query(envelope.build(tables, metrics.widestWindowDays()), metrics.steps(), result),
                output);
    }

    private List<String> referencedWarehouseMetrics(SegmentDefinition.Rules rules) {
        Set<String> names = new TreeSet<>();
        Expr.collectNames(rules.include(), names);
        rules.exclude().ifPresent(e -> Expr.collectNames(e, names));
        rules.where().ifPresent(w -> Expr.collectNames(w, names));
        names.addAll(rules.output());
        return names.stream()
                .filter(n ->
                        !rules.metrics().containsKey(n) && warehouse.metrics().containsKey(n))
                .toList();
    }

    private static SqlQuery.Select result(
            List<OutputColumn> output,
            Map<String, SqlExpr> names,
            String population,
            List<SqlQuery.LeftJoin> joins,
            List<SqlExpr> conditions) {
        List<SqlQuery.SelectItem> items =
                output.stream().map(c -> item(names.get(c.name()), c.name())).toList();
        SqlExpr where = conditions.size() == 1 ? conditions.get(0) : new SqlExpr.Logical("AND", conditions);
        return new SqlQuery.Select(
                items, new SqlQuery.StepRef(population, POPULATION), joins, Optional.of(where), List.of());
    }

    private static SqlExpr ntile(String column, boolean lowerIsBetter) {
        return new SqlExpr.Ntile(
                5,
                List.of(
                        new SqlExpr.OrderKey(SqlExpr.ColumnRef.of(column), lowerIsBetter),
                        new SqlExpr.OrderKey(SqlExpr.ColumnRef.of(USER), false)));
    }

    private static SqlQuery.SelectItem item(SqlExpr expr, String alias) {
        return new SqlQuery.SelectItem(expr, alias);
    }

    private static List<SqlQuery.SelectItem> columns(String... names) {
        List<SqlQuery.SelectItem> items = new ArrayList<>();
        for (String name : names) {
            items.add(item(SqlExpr.ColumnRef.of(name), name));
        }
        return items;
    }
}

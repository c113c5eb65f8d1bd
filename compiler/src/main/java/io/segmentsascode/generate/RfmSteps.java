package io.segmentsascode.generate;

import io.segmentsascode.expr.Expr;
import io.segmentsascode.model.Aggregate;
import io.segmentsascode.model.AggregateFunction;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Metric;
import io.segmentsascode.model.MetricWindow;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The RFM base of one window (recency, frequency and monetary value of each user with a purchase
 * in it) and its scores 1–5, 5 = best, under step names that start with {@code prefix}.
 *
 * <p>Tie rule: a user's score is {@code 1 + 5 * w / n} in integer division, where {@code n} is the
 * number of scored users and {@code w} the number of them with a strictly worse value. Users with
 * equal values share a score, so no tie-breaker (such as {@code user_id}) decides who crosses a
 * quintile edge. The counts come from a histogram of distinct values ({@code GROUP BY} the value,
 * a running sum over the distinct values), not from a window over every user: BigQuery runs an
 * {@code NTILE} over one unpartitioned window on a single worker, which does not scale to 100M
 * users, while the number of distinct recency days, purchase counts and amounts is bounded by
 * the window and the price range.
 */
final class RfmSteps {

    static final String USER = Table.USER_KEY;
    static final String RECENCY = "recency_days";
    static final String FREQUENCY = "frequency";
    static final String MONETARY = "monetary";
    static final List<String> SCORED_COLUMNS =
            List.of(USER, RECENCY, FREQUENCY, MONETARY, "r_score", "f_score", "m_score");
    private static final int BUCKETS = 5;
    private static final String EVENTS = "events";
    private static final String REVENUE = "revenue";

    private final Warehouse warehouse;
    private final int windowDays;
    private final String prefix;

    RfmSteps(Warehouse warehouse, int windowDays, String prefix) {
        this.warehouse = warehouse;
        this.windowDays = windowDays;
        this.prefix = prefix;
    }

    static String events() {
        return EVENTS;
    }

    String base() {
        return prefix + "base";
    }

    /** The step with {@link #SCORED_COLUMNS}, one row per user of the base. */
    String scores() {
        return prefix + "scores";
    }

    /** The base read straight from the events (the per-segment layout). */
    List<SqlQuery.Step> steps() {
        String time = warehouse.tables().get(EVENTS).timeColumn().orElseThrow();
        return steps(new SqlQuery.Step(
                base(),
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
                                        RECENCY),
                                item(
                                        new SqlExpr.Aggregate(
                                                AggregateFunction.COUNT, Optional.empty(), Optional.empty()),
                                        FREQUENCY),
                                item(
                                        new SqlExpr.Aggregate(
                                                AggregateFunction.SUM,
                                                Optional.of(SqlExpr.ColumnRef.of(REVENUE)),
                                                Optional.empty()),
                                        MONETARY)),
                        new SqlQuery.StepRef(EVENTS, EVENTS),
                        List.of(),
                        Optional.of(new SqlExpr.Logical(
                                "AND",
                                List.of(
                                        purchase(),
                                        MetricSteps.withinDays(time, windowDays),
                                        new SqlExpr.Compare(SqlExpr.ColumnRef.of(time), "<=", new SqlExpr.RunTime())))),
                        List.of(SqlExpr.ColumnRef.of(USER)))));
    }

    /**
     * What the base aggregates, as metrics of the events table over the window: the last purchase,
     * the purchases and their revenue. A metric step that reads the events once for every metric
     * (the feature table) computes them in the same pass; {@link #steps(String, List)} reads them back.
     */
    List<Metric> baseMetrics() {
        String time = warehouse.tables().get(EVENTS).timeColumn().orElseThrow();
        Expr purchase = new Expr.Compare(
                new Expr.Name(REVENUE, 0), Expr.CompareOp.GT, new Expr.NumberLiteral(BigDecimal.ZERO, 0), 0);
        MetricWindow window = MetricWindow.days(windowDays);
        return List.of(
                metric(
                        "last_purchase_at",
                        new Aggregate(
                                EVENTS,
                                AggregateFunction.MAX,
                                Optional.of(time),
                                Optional.of(purchase),
                                window,
                                ColumnType.TIMESTAMP)),
                metric(
                        "purchases",
                        new Aggregate(
                                EVENTS,
                                AggregateFunction.COUNT,
                                Optional.empty(),
                                Optional.of(purchase),
                                window,
                                ColumnType.INT64)),
                metric(
                        "purchase_revenue",
                        new Aggregate(
                                EVENTS,
                                AggregateFunction.SUM,
                                Optional.of(REVENUE),
                                Optional.of(purchase),
                                window,
                                ColumnType.NUMERIC)));
    }

    /**
     * The base from the columns of {@link #baseMetrics()} in {@code metricStep} (in that order):
     * the users with a purchase in the window, as {@link #steps()} reads them from the events.
     */
    List<SqlQuery.Step> steps(String metricStep, List<String> baseColumns) {
        SqlExpr purchases = SqlExpr.ColumnRef.of(baseColumns.get(1));
        return steps(new SqlQuery.Step(
                base(),
                new SqlQuery.Select(
                        List.of(
                                item(SqlExpr.ColumnRef.of(USER), USER),
                                item(
                                        new SqlExpr.WholeDaysBetween(
                                                new SqlExpr.RunTime(), SqlExpr.ColumnRef.of(baseColumns.get(0))),
                                        RECENCY),
                                item(purchases, FREQUENCY),
                                item(SqlExpr.ColumnRef.of(baseColumns.get(2)), MONETARY)),
                        new SqlQuery.StepRef(metricStep, metricStep),
                        List.of(),
                        Optional.of(new SqlExpr.Compare(purchases, ">", new SqlExpr.Literal(BigDecimal.ZERO))),
                        List.of())));
    }

    private Metric metric(String name, Aggregate aggregate) {
        return new Metric(prefix + name, "RFM base over " + windowDays + " days", aggregate, Optional.empty());
    }

    private static SqlExpr purchase() {
        return new SqlExpr.Compare(SqlExpr.ColumnRef.of(REVENUE), ">", new SqlExpr.Literal(BigDecimal.ZERO));
    }

    private List<SqlQuery.Step> steps(SqlQuery.Step base) {
        List<SqlQuery.Step> steps = new ArrayList<>();
        steps.add(base);
        // worst first: the longest since the last purchase, the fewest purchases, the lowest spend
        steps.add(scale("r", RECENCY, true));
        steps.add(scale("f", FREQUENCY, false));
        steps.add(scale("m", MONETARY, false));

        List<SqlQuery.SelectItem> scored = new ArrayList<>();
        for (String column : List.of(USER, RECENCY, FREQUENCY, MONETARY)) {
            scored.add(item(SqlExpr.ColumnRef.of("b", column), column));
        }
        List<SqlQuery.LeftJoin> joins = new ArrayList<>();
        for (String[] score : new String[][] {{"r", RECENCY}, {"f", FREQUENCY}, {"m", MONETARY}}) {
            String alias = score[0];
            scored.add(item(SqlExpr.ColumnRef.of(alias, alias + "_score"), alias + "_score"));
            joins.add(new SqlQuery.LeftJoin(
                    new SqlQuery.StepRef(scaleName(alias), alias),
                    new SqlExpr.Compare(
                            SqlExpr.ColumnRef.of(alias, score[1]), "=", SqlExpr.ColumnRef.of("b", score[1]))));
        }
        steps.add(new SqlQuery.Step(
                scores(),
                new SqlQuery.Select(scored, new SqlQuery.StepRef(base(), "b"), joins, Optional.empty(), List.of())));
        return steps;
    }

    private String scaleName(String score) {
        return prefix + score + "_scale";
    }

    /** One row per distinct value of {@code column} with the score its users share. */
    private SqlQuery.Step scale(String score, String column, boolean descendingIsWorseFirst) {
        SqlExpr.ShareScore share = new SqlExpr.ShareScore(
                BUCKETS, new SqlExpr.OrderKey(SqlExpr.ColumnRef.of(column), descendingIsWorseFirst));
        return new SqlQuery.Step(
                scaleName(score),
                new SqlQuery.Select(
                        List.of(item(SqlExpr.ColumnRef.of(column), column), item(share, score + "_score")),
                        new SqlQuery.StepRef(base(), base()),
                        List.of(),
                        Optional.empty(),
                        List.of(SqlExpr.ColumnRef.of(column))));
    }

    private static SqlQuery.SelectItem item(SqlExpr expr, String alias) {
        return new SqlQuery.SelectItem(expr, alias);
    }
}

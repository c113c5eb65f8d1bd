package io.segmentsascode.generate;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Metric;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.model.SegmentGraph;
import io.segmentsascode.model.Stage;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The refresh layout: per cadence, one feature table with every metric and RFM score its
 * structured segments need, each source table read once over the longest window they use; each
 * structured segment's staging table written from the feature table; intent and sql segments
 * keep their own query over the envelope. Segments are taken in id order and metric columns are
 * named from their definitions, so the same definitions always give the same scripts.
 *
 * <p>Feature columns carry a prefix per kind, so no two kinds can collide: {@code u_<column>} for
 * the users table, {@code m_<metric>} for metrics, {@code rfm<days>_<column>} for the RFM base and
 * scores of a window, and {@code in_users} (the user is in the users table, the population of
 * rules segments). The table's rows are the users table's users and every user an RFM base
 * scores, so both populations are there whatever the mandatory filters keep.
 *
 * <p>Segments built from segments ({@code in_segment}): within a cadence every staging table is
 * built after the staging tables of the segments it names, and reads them, so the whole cadence
 * swaps in one transaction as one consistent set; a segment named from another cadence is read
 * from its published table, the last good run of that cadence ({@link #membersTable}).
 */
public final class RefreshPlanner {

    private static final String USER = Table.USER_KEY;
    private static final String IN_USERS = "in_users";
    private static final String FEATURES = "f";
    private static final String POPULATION = SegmentGenerator.POPULATION;
    private static final String USERS = SegmentGenerator.USERS;
    /** Alias of the users table joined onto the population. */
    private static final String USER_ROW = "u";

    private static final int HASH_CHARS = 8;

    private final Warehouse warehouse;
    private final SegmentGenerator generator;
    private final EnvelopeBuilder envelope;

    public RefreshPlanner(Warehouse warehouse) {
        this.warehouse = warehouse;
        // only for what structured definitions name and return, which needs no checked SQL
        this.generator = new SegmentGenerator(warehouse, Map.of());
        this.envelope = new EnvelopeBuilder(warehouse);
    }

    /**
     * One script per cadence that has segments, in cadence order. A retired segment keeps no
     * table, so no refresh writes one.
     */
    public List<RefreshScript> plan(List<GeneratedSegment> generated) {
        Map<Refresh, List<GeneratedSegment>> byCadence = new EnumMap<>(Refresh.class);
        Map<String, GeneratedSegment> byId = new TreeMap<>();
        generated.forEach(g -> byId.put(g.segment().id(), g));
        // a segment after the segments it names (in_segment), so their staging tables are built first
        SegmentGraph graph = SegmentGraph.of(
                generated.stream().map(GeneratedSegment::segment).toList());
        graph.topologicalOrder().stream()
                .map(byId::get)
                .filter(g -> g.segment().stage() != Stage.RETIRED)
                .forEach(g -> byCadence
                        .computeIfAbsent(g.segment().refresh(), c -> new ArrayList<>())
                        .add(g));
        List<RefreshScript> scripts = new ArrayList<>();
        byCadence.forEach((cadence, segments) -> scripts.add(script(cadence, segments, byId)));
        return scripts;
    }

    /**
     * Where a refresh of {@code cadence} reads the members of segment {@code named}: the staging
     * table its own run has just built (same cadence), or the table the other cadence's last good
     * run published (that run's transaction swapped it in whole, so it is never half-written).
     */
    public static String membersTable(Refresh cadence, Segment named) {
        return named.refresh() == cadence
                ? RefreshScript.stagingTable(named.id())
                : RefreshScript.segmentTable(named.id());
    }

    private RefreshScript script(Refresh cadence, List<GeneratedSegment> segments, Map<String, GeneratedSegment> all) {
        List<Segment> structured = segments.stream()
                .map(GeneratedSegment::segment)
                .filter(s -> s.definition().isStructured())
                .toList();
        Map<String, List<OutputColumn>> tables = new TreeMap<>();
        List<ScriptStatement.CreateTableAs> builds = new ArrayList<>();
        Features features = structured.isEmpty() ? null : new Features(cadence, structured);
        if (features != null) {
            builds.add(new ScriptStatement.CreateTableAs(features.table, features.query()));
            tables.put(features.table, features.columns);
        }
        List<RefreshScript.Swap> swaps = new ArrayList<>();
        for (GeneratedSegment generated : segments) {
            Segment segment = generated.segment();
            String staging = RefreshScript.stagingTable(segment.id());
            for (String named : segment.definition().references()) {
                GeneratedSegment read = all.get(named);
                tables.put(membersTable(cadence, read.segment()), read.columns());
            }
            SqlQuery.Query query = segment.definition().isStructured()
                    ? features.segmentQuery(segment, cadence, all)
                    : generated.query();
            builds.add(new ScriptStatement.CreateTableAs(staging, query));
            RefreshScript.Swap swap = new RefreshScript.Swap(
                    segment.id(), RefreshScript.segmentTable(segment.id()), staging, generated.columns());
            swaps.add(swap);
            tables.put(staging, generated.columns());
            tables.put(swap.segmentTable(), generated.columns());
        }
        return new RefreshScript(cadence, builds, swaps, tables);
    }

    /** The feature table of one cadence: its columns, its query, and where each segment reads its names. */
    private final class Features {

        private final String table;
        /** Metric column by the metric's definition (see {@link #register}). */
        private final Map<MetricSteps.Definition, String> columnByDefinition = new LinkedHashMap<>();

        private final List<MetricSteps.MetricColumn> metricColumns = new ArrayList<>();
        private final Set<Integer> rfmWindows = new TreeSet<>();
        /** The columns the RFM base of each window reads from the events' step ({@link RfmSteps#baseMetrics()}). */
        private final Map<Integer, List<String>> rfmBaseColumns = new TreeMap<>();
        /** Metric columns a segment reads (the others only feed an RFM base): the feature table's metric columns. */
        private final Set<String> visibleMetrics = new TreeSet<>();

        private final Set<String> userColumns = new TreeSet<>();
        private final List<OutputColumn> columns = new ArrayList<>();
        private int widestSegmentWindow;

        Features(Refresh cadence, List<Segment> segments) {
            this.table = RefreshScript.featureTable(cadence);
            Map<String, Set<MetricSteps.Definition>> definitionsByName = new TreeMap<>();
            List<MetricSteps.MetricColumn> candidates = new ArrayList<>();
            for (Segment segment : segments) {
                int window = windowDays(segment);
                widestSegmentWindow = Math.max(widestSegmentWindow, window);
                if (segment.definition() instanceof SegmentDefinition.Rfm rfm) {
                    rfmWindows.add(window);
                } else {
                    userColumns.addAll(generator.rulesUserColumns((SegmentDefinition.Rules) segment.definition()));
                }
                for (Metric metric : metrics(segment)) {
                    MetricSteps.Definition definition = MetricSteps.definition(metric, window);
                    definitionsByName
                            .computeIfAbsent(metric.name(), n -> new LinkedHashSet<>())
                            .add(definition);
                    candidates.add(new MetricSteps.MetricColumn(metric.name(), metric, window));
                }
            }
            for (MetricSteps.MetricColumn candidate : candidates) {
                visibleMetrics.add(register(candidate, definitionsByName));
            }
            for (int window : rfmWindows) {
                List<String> baseColumns = new ArrayList<>();
                for (Metric metric : new RfmSteps(warehouse, window, rfmPrefix(window)).baseMetrics()) {
                    baseColumns.add(register(new MetricSteps.MetricColumn(metric.name(), metric, window), Map.of()));
                }
                rfmBaseColumns.put(window, baseColumns);
            }
            // the order of the metric steps: by table, then by column
            metricColumns.sort(Comparator.comparing((MetricSteps.MetricColumn m) ->
                            m.metric().aggregate().table())
                    .thenComparing(MetricSteps.MetricColumn::column));
            columns.add(new OutputColumn(USER, ColumnType.STRING));
            columns.add(new OutputColumn(IN_USERS, ColumnType.BOOL));
            Table users = warehouse.tables().get(USERS);
            userColumns.forEach(c -> columns.add(new OutputColumn(
                    "u_" + c, users.columns().get(c).type().scalar().orElseThrow())));
            metricColumns.stream()
                    .filter(m -> visibleMetrics.contains(m.column()))
                    .forEach(m ->
                            columns.add(new OutputColumn(m.column(), m.metric().type())));
            for (int window : rfmWindows) {
                for (OutputColumn scored : SegmentGenerator.rfmScoredColumns()) {
                    if (!scored.name().equals(USER)) {
                        columns.add(new OutputColumn(rfmColumn(window, scored.name()), scored.type()));
                    }
                }
            }
        }

        /**
         * The column of {@code candidate}'s definition, added on its first use: {@code m_<name>},
         * suffixed with a hash of the definition when {@code definitionsByName} holds other
         * definitions under the same name; an RFM base metric keeps its own (prefixed) name.
         */
        private String register(
                MetricSteps.MetricColumn candidate, Map<String, Set<MetricSteps.Definition>> definitionsByName) {
            MetricSteps.Definition definition =
                    MetricSteps.definition(candidate.metric(), candidate.segmentWindowDays());
            String existing = columnByDefinition.get(definition);
            if (existing != null) {
                return existing;
            }
            Set<MetricSteps.Definition> sameName = definitionsByName.get(candidate.column());
            String column = sameName == null
                    ? candidate.column()
                    : "m_" + candidate.column()
                            + (sameName.size() > 1
                                    ? "_" + Sha256.hex(definition.toString()).substring(0, HASH_CHARS)
                                    : "");
            columnByDefinition.put(definition, column);
            metricColumns.add(new MetricSteps.MetricColumn(column, candidate.metric(), candidate.segmentWindowDays()));
            return column;
        }

        SqlQuery.Query query() {
            MetricSteps metrics = new MetricSteps(warehouse, widestSegmentWindow, metricColumns);
            List<SqlQuery.Step> steps = new ArrayList<>();
            List<String> populations = new ArrayList<>(List.of(USERS));
            List<SqlQuery.LeftJoin> joins = new ArrayList<>();
            joins.add(new SqlQuery.LeftJoin(new SqlQuery.StepRef(USERS, USER_ROW), sameUser(USER_ROW)));
            List<SqlQuery.SelectItem> items = new ArrayList<>();
            items.add(item(SqlExpr.ColumnRef.of(POPULATION, USER), USER));
            items.add(item(new SqlExpr.IsNull(SqlExpr.ColumnRef.of(USER_ROW, USER), true), IN_USERS));
            userColumns.forEach(c -> items.add(item(SqlExpr.ColumnRef.of(USER_ROW, c), "u_" + c)));
            metrics.joinedColumns(POPULATION, joins).forEach((column, value) -> {
                if (visibleMetrics.contains(column)) {
                    items.add(item(value, column));
                }
            });
            steps.addAll(metrics.steps());
            for (int window : rfmWindows) {
                // the base from the events' metric step: the events are read once for metrics and RFM alike
                RfmSteps rfm = new RfmSteps(warehouse, window, rfmPrefix(window));
                steps.addAll(rfm.steps(MetricSteps.stepName(RfmSteps.events()), rfmBaseColumns.get(window)));
                populations.add(rfm.base());
                String alias = rfmPrefix(window) + "s";
                joins.add(new SqlQuery.LeftJoin(new SqlQuery.StepRef(rfm.scores(), alias), sameUser(alias)));
                for (String column : RfmSteps.SCORED_COLUMNS) {
                    if (!column.equals(USER)) {
                        items.add(item(SqlExpr.ColumnRef.of(alias, column), rfmColumn(window, column)));
                    }
                }
            }
            Set<String> read = new TreeSet<>(metrics.tables());
            read.add(USERS);
            if (!rfmWindows.isEmpty()) {
                read.add(RfmSteps.events());
            }
            SqlQuery.DistinctKeys population = new SqlQuery.DistinctKeys(populations, USER, POPULATION);
            SqlQuery.Select result = new SqlQuery.Select(items, population, joins, Optional.empty(), List.of());
            return new SqlQuery.Query(envelope.build(read, metrics.widestWindowDays()), steps, result);
        }

        /** A structured segment's members, read from the feature table under the names its definition uses. */
        SqlQuery.Query segmentQuery(Segment segment, Refresh cadence, Map<String, GeneratedSegment> all) {
            SegmentMembership members = new SegmentMembership(
                    id -> new SqlQuery.Managed(membersTable(cadence, all.get(id).segment()), SegmentMembership.alias()),
                    SqlExpr.ColumnRef.of(POPULATION, USER));
            int window = windowDays(segment);
            Map<String, String> metricColumn = new LinkedHashMap<>();
            for (Metric metric : metrics(segment)) {
                metricColumn.put(metric.name(), columnByDefinition.get(MetricSteps.definition(metric, window)));
            }
            SqlQuery.Source features = new SqlQuery.Managed(table, FEATURES);
            if (segment.definition() instanceof SegmentDefinition.Rfm rfm) {
                List<SqlQuery.SelectItem> metricItems = new ArrayList<>();
                Map<String, SqlExpr> metricNames = new LinkedHashMap<>();
                metricColumn.forEach((name, column) -> {
                    metricItems.add(item(SqlExpr.ColumnRef.of(FEATURES, column), name));
                    metricNames.put(name, SqlExpr.ColumnRef.of(POPULATION, name));
                });
                // scored users are the RFM base of the window: every one of them has a score
                SqlExpr scored = new SqlExpr.IsNull(SqlExpr.ColumnRef.of(FEATURES, rfmColumn(window, "r_score")), true);
                SqlQuery.Step labels = SegmentGenerator.rfmLabels(
                        rfm.model(),
                        features,
                        name -> SqlExpr.ColumnRef.of(FEATURES, name.equals(USER) ? USER : rfmColumn(window, name)),
                        metricItems,
                        Optional.of(scored));
                SqlQuery.Select result = SegmentGenerator.rfmResult(rfm, List.of(), metricNames, members);
                List<SqlQuery.Step> steps = new ArrayList<>(List.of(labels));
                steps.addAll(members.steps());
                return new SqlQuery.Query(List.of(), steps, result);
            }
            SegmentDefinition.Rules rules = (SegmentDefinition.Rules) segment.definition();
            SqlQuery.Source population = new SqlQuery.Managed(table, POPULATION);
            Map<String, SqlExpr> names = new LinkedHashMap<>();
            names.put(USER, SqlExpr.ColumnRef.of(POPULATION, USER));
            generator.rulesUserColumns(rules).forEach(c -> names.put(c, SqlExpr.ColumnRef.of(POPULATION, "u_" + c)));
            metricColumn.forEach((name, column) -> names.put(name, SqlExpr.ColumnRef.of(POPULATION, column)));
            SqlQuery.Select result = generator.rulesResult(
                    rules, names, population, List.of(), List.of(SqlExpr.ColumnRef.of(POPULATION, IN_USERS)), members);
            return new SqlQuery.Query(List.of(), members.steps(), result);
        }

        private List<Metric> metrics(Segment segment) {
            return segment.definition() instanceof SegmentDefinition.Rfm rfm
                    ? rfm.usedMetrics()
                    : generator.rulesMetrics((SegmentDefinition.Rules) segment.definition());
        }
    }

    private static int windowDays(Segment segment) {
        return segment.definition() instanceof SegmentDefinition.Rfm rfm
                ? rfm.model().windowDays()
                : ((SegmentDefinition.Rules) segment.definition()).windowDays();
    }

    private static String rfmPrefix(int window) {
        return "rfm" + window + "_";
    }

    private static String rfmColumn(int window, String column) {
        return rfmPrefix(window) + column;
    }

    private static SqlExpr sameUser(String alias) {
        return new SqlExpr.Compare(SqlExpr.ColumnRef.of(alias, USER), "=", SqlExpr.ColumnRef.of(POPULATION, USER));
    }

    private static SqlQuery.SelectItem item(SqlExpr expr, String alias) {
        return new SqlQuery.SelectItem(expr, alias);
    }
}

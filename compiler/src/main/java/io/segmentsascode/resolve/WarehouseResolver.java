package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.diagnostics.TextSyntaxException;
import io.segmentsascode.expr.Expr;
import io.segmentsascode.expr.ValueType;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.load.YSeq;
import io.segmentsascode.load.YamlDocument;
import io.segmentsascode.model.Budget;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.DataType;
import io.segmentsascode.model.DataTypeParser;
import io.segmentsascode.model.MandatoryFilter;
import io.segmentsascode.model.Metric;
import io.segmentsascode.model.RfmModel;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the {@link Warehouse} model from warehouse.yaml, checking every column it refers to. */
final class WarehouseResolver {

    private final Diagnostics diagnostics;
    private final ConditionReader conditions;

    WarehouseResolver(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.conditions = new ConditionReader(diagnostics);
    }

    Optional<Warehouse> resolve(YamlDocument document) {
        int errorsBefore = diagnostics.errorCount();
        YMap root = (YMap) document.root();
        YMap bigquery = Fields.optMap(root, "bigquery").orElseThrow();
        Map<String, Table> tables = tables(Fields.optMap(root, "tables").orElseThrow());
        List<MandatoryFilter> filters = filters(root, tables);
        RfmModel rfm = rfm(root);
        Map<String, Metric> metrics = new LinkedHashMap<>();
        MetricReader reader = new MetricReader(tables, diagnostics);
        Fields.optMap(root, "metrics")
                .ifPresent(m -> m.entries()
                        .forEach((name, entry) -> reader.read(name, (YMap) entry.value())
                                .ifPresent(metric -> metrics.put(name, metric))));
        Optional<CustomerMatch> customerMatch =
                Fields.optMap(root, "customer_match").flatMap(cm -> customerMatch(cm, tables));
        Optional<Budget> budget = new BudgetReader(diagnostics).read(document.path(), root);
        List<String> families =
                Fields.scalars(Fields.optMap(root, "conventions").orElseThrow(), "segment_families").stream()
                        .map(YScalar::text)
                        .toList();
        if (diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new Warehouse(
                Fields.text(bigquery, "project"),
                Fields.text(bigquery, "dataset"),
                families,
                tables,
                filters,
                rfm,
                metrics,
                customerMatch,
                examples(root),
                SpecHash.of(document.root()),
                Fields.optText(bigquery, "location"),
                Fields.optText(bigquery, "output_dataset").orElse(Fields.text(bigquery, "dataset")),
                budget));
    }

    private static List<Warehouse.Example> examples(YMap root) {
        List<Warehouse.Example> examples = new ArrayList<>();
        root.get("examples")
                .ifPresent(list -> ((YSeq) list)
                        .items()
                        .forEach(item -> examples.add(new Warehouse.Example(
                                Fields.text((YMap) item, "description"), Fields.text((YMap) item, "sql")))));
        return examples;
    }

    private Map<String, Table> tables(YMap tablesNode) {
        Map<String, Table> tables = new LinkedHashMap<>();
        tablesNode.entries().forEach((name, entry) -> {
            YMap table = (YMap) entry.value();
            Map<String, Column> columns = new LinkedHashMap<>();
            Fields.optMap(table, "columns").orElseThrow().entries().forEach((columnName, columnEntry) -> {
                YMap column = (YMap) columnEntry.value();
                columnType(Fields.scalar(column, "type").orElseThrow())
                        .ifPresent(type -> columns.put(
                                columnName,
                                new Column(
                                        columnName,
                                        type,
                                        Fields.text(column, "description"),
                                        Fields.flag(column, "pii"))));
            });
            Optional<String> key = columnRef(table, "key", columns, ColumnType.values());
            Optional<String> time = columnRef(table, "time_column", columns, ColumnType.TIMESTAMP);
            Optional<YScalar> physical = Fields.scalar(table, "physical");
            Optional<Table.DayShards> shards = dayShards(table, physical);
            tables.put(
                    name,
                    new Table(
                            name,
                            Fields.text(table, "description"),
                            key,
                            time,
                            columns,
                            physical.map(YScalar::text).orElse(name),
                            shards));
        });
        return tables;
    }

    /** A wildcard physical table and its day_shards come together: each means nothing without the other. */
    private Optional<Table.DayShards> dayShards(YMap table, Optional<YScalar> physical) {
        boolean wildcard = physical.map(p -> p.text().endsWith("*")).orElse(false);
        Optional<YMap> shards = Fields.optMap(table, "day_shards");
        if (wildcard && shards.isEmpty()) {
            diagnostics.error(
                    physical.get().location(),
                    "physical table '" + physical.get().text()
                            + "' is a wildcard, but the table declares no day_shards",
                    "add 'day_shards: {lookback_days: <days>}'; the shards' _TABLE_SUFFIX is their day as YYYYMMDD");
            return Optional.empty();
        }
        if (shards.isPresent() && !wildcard) {
            diagnostics.error(
                    table.entry("day_shards").orElseThrow().keyLocation(),
                    "day_shards needs a wildcard" + " physical table",
                    "add e.g. 'physical: events_*' naming the shards' common prefix");
            return Optional.empty();
        }
        return shards.map(
                s -> new Table.DayShards(Fields.optInt(s, "lookback_days").orElseThrow()));
    }

    private Optional<DataType> columnType(YScalar type) {
        try {
            return Optional.of(DataTypeParser.parse(type.text()));
        } catch (TextSyntaxException e) {
            diagnostics.error(type.locationOf(e.offset()), "invalid column type: " + e.getMessage(), e.hint());
            return Optional.empty();
        }
    }

    private Optional<String> columnRef(YMap table, String key, Map<String, Column> columns, ColumnType... allowed) {
        Optional<YScalar> ref = Fields.scalar(table, key);
        if (ref.isEmpty()) {
            return Optional.empty();
        }
        Column column = columns.get(ref.get().text());
        if (column == null) {
            diagnostics.error(
                    ref.get().location(),
                    key + " names unknown column '" + ref.get().text() + "'",
                    Suggestions.didYouMean(ref.get().text(), columns.keySet(), "columns"));
            return Optional.empty();
        }
        if (column.type().scalar().filter(List.of(allowed)::contains).isEmpty()) {
            diagnostics.error(
                    ref.get().location(),
                    key + " '" + column.name() + "' must be a " + allowed[0] + " column, but it is " + column.type(),
                    "point " + key + " at a " + allowed[0] + " column");
            return Optional.empty();
        }
        return Optional.of(column.name());
    }

    private List<MandatoryFilter> filters(YMap root, Map<String, Table> tables) {
        List<MandatoryFilter> filters = new ArrayList<>();
        root.get("mandatory_filters")
                .ifPresent(list -> ((YSeq) list).items().forEach(item -> {
                    YMap filter = (YMap) item;
                    YScalar tableName = Fields.scalar(filter, "table").orElseThrow();
                    Table table = tables.get(tableName.text());
                    if (table == null) {
                        diagnostics.error(
                                tableName.location(),
                                "mandatory filter names unknown table '" + tableName.text() + "'",
                                Suggestions.didYouMean(tableName.text(), tables.keySet(), "tables"));
                        return;
                    }
                    Optional<Expr> keep = conditions.read(
                            Fields.scalar(filter, "keep").orElseThrow(),
                            MetricReader.columnScope(table),
                            "columns of " + table.name());
                    Optional<YScalar> propagate = Fields.scalar(filter, "propagate_by");
                    if (propagate.isPresent()
                            && table.column(propagate.get().text()).isEmpty()) {
                        diagnostics.error(
                                propagate.get().location(),
                                "propagate_by names unknown column '"
                                        + propagate.get().text() + "' of table '" + table.name() + "'",
                                Suggestions.didYouMean(
                                        propagate.get().text(), table.columns().keySet(), "columns"));
                        return;
                    }
                    keep.ifPresent(k -> filters.add(new MandatoryFilter(
                            Fields.text(filter, "id"),
                            Fields.text(filter, "description"),
                            table.name(),
                            k,
                            propagate.map(YScalar::text))));
                }));
        return filters;
    }

    private RfmModel rfm(YMap root) {
        Optional<YMap> rfm = Fields.optMap(root, "rfm");
        int window = rfm.flatMap(r -> Fields.optInt(r, "window_days")).orElse(RfmModel.DEFAULT_WINDOW_DAYS);
        Map<String, Expr> labels =
                rfm.flatMap(r -> Fields.optMap(r, "labels")).map(this::labels).orElse(Map.of());
        return new RfmModel(window, labels);
    }

    Map<String, Expr> labels(YMap labelsNode) {
        Map<String, Expr> labels = new LinkedHashMap<>();
        labelsNode.entries().forEach((label, entry) -> {
            if (label.equals(RfmModel.OTHER)) {
                diagnostics.error(
                        entry.keyLocation(),
                        "'" + RfmModel.OTHER + "' is the label of users no condition matches",
                        "choose another label name");
                return;
            }
            conditions
                    .read((YScalar) entry.value(), rfmScope(), "RFM names")
                    .ifPresent(expr -> labels.put(label, expr));
        });
        return labels;
    }

    static Map<String, ValueType> rfmScope() {
        Map<String, ValueType> scope = new LinkedHashMap<>();
        RfmModel.SCORE_COLUMNS.keySet().stream().sorted().forEach(n -> scope.put(n, ValueType.NUMBER));
        return scope;
    }

    private Optional<CustomerMatch> customerMatch(YMap node, Map<String, Table> tables) {
        YScalar tableName = Fields.scalar(node, "identity_table").orElseThrow();
        Table table = tables.get(tableName.text());
        if (table == null) {
            diagnostics.error(
                    tableName.location(),
                    "identity_table names unknown table '" + tableName.text() + "'",
                    Suggestions.didYouMean(tableName.text(), tables.keySet(), "tables"));
            return Optional.empty();
        }
        Optional<YMap> consent = Fields.optMap(node, "consent_columns");
        return Optional.of(new CustomerMatch(
                table.name(),
                column(table, Fields.scalar(node, "email_column")),
                column(table, Fields.scalar(node, "phone_column")),
                column(table, consent.flatMap(c -> Fields.scalar(c, "ad_user_data"))),
                column(table, consent.flatMap(c -> Fields.scalar(c, "ad_personalization"))),
                column(table, Fields.scalar(node, "suppression_column")),
                column(table, Fields.scalar(node, "region_column")),
                Optional.of(tableName.location())));
    }

    private Optional<String> column(Table table, Optional<YScalar> name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        if (table.column(name.get().text()).isEmpty()) {
            diagnostics.error(
                    name.get().location(),
                    "unknown column '" + name.get().text() + "' in table '" + table.name() + "'",
                    Suggestions.didYouMean(name.get().text(), table.columns().keySet(), "columns"));
            return Optional.empty();
        }
        return Optional.of(name.get().text());
    }
}

package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.expr.Expr;
import io.segmentsascode.expr.ValueType;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.load.YamlDocument;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.Metric;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.RfmModel;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.SegmentDefinition;
import io.segmentsascode.model.Stage;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.validate.ProjectValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;

/** Resolves one segment file against the warehouse: labels, metrics and conditions bound and checked. */
final class SegmentResolver {

    private static final List<String> DEFINITION_KEYS = List.of("rfm", "rules", "intent", "sql");

    private final Warehouse warehouse;
    private final Diagnostics diagnostics;
    private final ConditionReader conditions;
    private final WarehouseResolver labelReader;

    /** @param segmentIds every segment id the project declares: what {@code in_segment} may name */
    SegmentResolver(Warehouse warehouse, Set<String> segmentIds, Diagnostics diagnostics) {
        this.warehouse = warehouse;
        this.diagnostics = diagnostics;
        this.conditions = new ConditionReader(diagnostics, Optional.of(segmentIds));
        this.labelReader = new WarehouseResolver(diagnostics);
    }

    Optional<Segment> resolve(YamlDocument document) {
        int errorsBefore = diagnostics.errorCount();
        YMap root = (YMap) document.root();
        Optional<SegmentDefinition> definition;
        if (root.entries().containsKey("rfm")) {
            definition = rfm(root);
        } else if (root.entries().containsKey("rules")) {
            definition = rules(root);
        } else {
            definition = handWrittenOrIntent(root);
        }
        if (definition.isEmpty() || diagnostics.errorCount() > errorsBefore) {
            return Optional.empty();
        }
        String id = Fields.text(root, "id");
        Matcher matcher = ProjectValidator.SEGMENT_ID.matcher(id);
        String family = matcher.matches() ? matcher.group(1) : "";
        return Optional.of(new Segment(
                id,
                family,
                Fields.text(root, "description"),
                Fields.text(root, "owner"),
                Stage.parse(Fields.text(root, "stage")),
                Refresh.parse(Fields.text(root, "refresh")),
                definition.get(),
                document.path(),
                SpecHash.of(root),
                definedAt(root)));
    }

    /** The {@code in_segment} calls of the segment resolved last, where each is written. */
    List<ConditionReader.Reference> references() {
        return conditions.references();
    }

    /** The key of the segment's kind; the schema requires exactly one. */
    private static Location definedAt(YMap root) {
        for (String kind : DEFINITION_KEYS) {
            Optional<YMap.Entry> entry = root.entry(kind);
            if (entry.isPresent()) {
                return entry.get().keyLocation();
            }
        }
        return root.location();
    }

    private Optional<SegmentDefinition> rfm(YMap root) {
        YMap rfm = Fields.optMap(root, "rfm").orElseThrow();
        if (!requireTable(rfm, "events", "user_id", "revenue") || !requireTable(rfm, "users", "user_id")) {
            return Optional.empty();
        }
        int window = Fields.optInt(rfm, "window_days").orElse(warehouse.rfm().windowDays());
        Map<String, Expr> labels;
        Optional<YMap> ownLabels = Fields.optMap(rfm, "labels");
        if (ownLabels.isPresent()) {
            labels = labelReader.labels(ownLabels.get());
        } else if (warehouse.rfm().labels().isEmpty()) {
            diagnostics.error(
                    rfm.location(),
                    "no RFM labels are defined",
                    "add 'labels:' here or 'rfm: labels:' to warehouse.yaml");
            return Optional.empty();
        } else {
            labels = warehouse.rfm().labels();
        }
        List<String> select = new ArrayList<>();
        for (YScalar label : Fields.scalars(rfm, "select")) {
            if (!labels.containsKey(label.text()) && !label.text().equals(RfmModel.OTHER)) {
                diagnostics.error(
                        label.location(),
                        "select names unknown RFM label '" + label.text() + "'",
                        Suggestions.didYouMean(label.text(), labels.keySet(), "labels"));
            }
            select.add(label.text());
        }
        Map<String, ValueType> scope = new LinkedHashMap<>(WarehouseResolver.rfmScope());
        scope.put(OutputColumn.LABEL_COLUMN, ValueType.STRING);
        scope.putAll(metricScope(Map.of()));
        Optional<YScalar> whereText = Fields.scalar(root, "where");
        Optional<Expr> where = Optional.empty();
        List<Metric> used = new ArrayList<>();
        if (whereText.isPresent()) {
            where = conditions.read(whereText.get(), scope, "RFM names and warehouse metrics");
            Set<String> names = new TreeSet<>();
            where.ifPresent(w -> Expr.collectNames(w, names));
            names.stream()
                    .filter(warehouse.metrics()::containsKey)
                    .forEach(n -> used.add(warehouse.metrics().get(n)));
        }
        return Optional.of(new SegmentDefinition.Rfm(new RfmModel(window, labels), select, where, used));
    }

    private Optional<SegmentDefinition> rules(YMap root) {
        YMap rules = Fields.optMap(root, "rules").orElseThrow();
        if (!requireTable(rules, "users", "user_id")) {
            return Optional.empty();
        }
        MetricReader reader = new MetricReader(warehouse.tables(), diagnostics);
        Map<String, Metric> metrics = new LinkedHashMap<>();
        Set<String> failed = new TreeSet<>();
        Fields.optMap(rules, "metrics").orElseThrow().entries().forEach((name, entry) -> {
            if (warehouse.metrics().containsKey(name)) {
                diagnostics.error(
                        entry.keyLocation(),
                        "metric '" + name + "' is already defined in warehouse.yaml",
                        "use the shared metric by name, or rename this one");
                return;
            }
            if (name.equals(Table.USER_KEY)) {
                diagnostics.error(
                        entry.keyLocation(), "'user_id' is the key column, not a metric", "rename the metric");
                return;
            }
            reader.read(name, (YMap) entry.value()).ifPresentOrElse(m -> metrics.put(name, m), () -> failed.add(name));
        });
        Map<String, ValueType> scope = metricScope(metrics);
        // a broken metric is reported at its definition; uses of its name are not errors twice over
        failed.forEach(name -> scope.putIfAbsent(name, ValueType.NUMBER));
        Table users = warehouse.table("users").orElseThrow();
        for (Column column : users.columns().values()) {
            if (column.pii() || column.name().equals(Table.USER_KEY)) {
                continue;
            }
            if (scope.containsKey(column.name())) {
                diagnostics.error(
                        rules.location(),
                        "metric '" + column.name() + "' has the name of a users column",
                        "rename the metric; conditions may use users columns such as '" + column.name() + "' directly");
                return Optional.empty();
            }
            scope.put(column.name(), column.type().valueType());
        }
        String label = "metrics and users columns";
        Optional<Expr> include = conditions.read(Fields.scalar(rules, "include").orElseThrow(), scope, label);
        Optional<Expr> exclude = Fields.scalar(rules, "exclude").flatMap(s -> conditions.read(s, scope, label));
        Optional<Expr> where = Fields.scalar(root, "where").flatMap(s -> conditions.read(s, scope, label));
        List<String> output = new ArrayList<>();
        List<YScalar> declaredOutput = Fields.scalars(rules, "output");
        if (rules.get("output").isEmpty()) {
            output.addAll(metrics.keySet());
        }
        for (YScalar name : declaredOutput) {
            if (!scope.containsKey(name.text())) {
                diagnostics.error(
                        name.location(),
                        "output names unknown metric or users column '" + name.text() + "'",
                        Suggestions.didYouMean(name.text(), scope.keySet(), "metrics"));
            } else if (scope.get(name.text()) == ValueType.NESTED) {
                diagnostics.error(
                        name.location(),
                        "output names array or struct column '" + name.text()
                                + "'; segment tables hold scalar columns only",
                        "output a metric or a scalar users column");
            } else {
                output.add(name.text());
            }
        }
        if (include.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SegmentDefinition.Rules(
                Fields.optInt(rules, "window_days").orElseThrow(), metrics, include.get(), exclude, where, output));
    }

    /** intent: and sql: segments: the text and the output contract; the SQL itself is checked by the analyzer. */
    private Optional<SegmentDefinition> handWrittenOrIntent(YMap root) {
        YMap columnsNode = Fields.optMap(root, "columns").orElseThrow();
        List<OutputColumn> columns = new ArrayList<>();
        columnsNode
                .entries()
                .forEach((name, entry) ->
                        columns.add(new OutputColumn(name, ColumnType.valueOf(((YScalar) entry.value()).text()))));
        YMap.Entry userId = columnsNode.entry(Table.USER_KEY).orElseThrow();
        if (!((YScalar) userId.value()).text().equals("STRING")) {
            diagnostics.error(userId.value().location(), "user_id must be a STRING column", "write user_id: STRING");
            return Optional.empty();
        }
        Optional<YScalar> intent = Fields.scalar(root, "intent");
        if (intent.isPresent()) {
            return Optional.of(new SegmentDefinition.Intent(
                    intent.get().text().strip(),
                    columns,
                    root.entry("intent").orElseThrow().keyLocation()));
        }
        YMap.Entry sql = root.entry("sql").orElseThrow();
        YScalar text = (YScalar) sql.value();
        // a block scalar's text starts on the next line, indented one step below its key
        boolean block = text.style() == YScalar.Style.BLOCK;
        int line = block ? text.location().line() + 1 : text.location().line();
        int column = block
                ? sql.keyLocation().column() + 2
                : text.location().column() + (text.style() == YScalar.Style.QUOTED ? 1 : 0);
        return Optional.of(new SegmentDefinition.Sql(text.text(), columns, line, column, sql.keyLocation()));
    }

    private Map<String, ValueType> metricScope(Map<String, Metric> own) {
        Map<String, ValueType> scope = new LinkedHashMap<>();
        warehouse
                .metrics()
                .forEach((name, metric) -> scope.put(name, metric.type().valueType()));
        own.forEach((name, metric) -> scope.put(name, metric.type().valueType()));
        return scope;
    }

    /** Structured kinds read fixed columns; say so precisely when warehouse.yaml lacks them. */
    private boolean requireTable(YMap at, String tableName, String... columns) {
        Optional<Table> table = warehouse.table(tableName);
        if (table.isEmpty()) {
            diagnostics.error(
                    at.location(),
                    "this kind of segment reads table '" + tableName + "', which warehouse.yaml does not declare",
                    "declare table '" + tableName + "' in warehouse.yaml");
            return false;
        }
        for (String column : columns) {
            Optional<Column> found = table.get().column(column);
            if (found.isEmpty()) {
                diagnostics.error(
                        at.location(),
                        "this kind of segment reads column '" + tableName + "." + column
                                + "', which warehouse.yaml does not declare",
                        "declare it in warehouse.yaml");
                return false;
            }
        }
        if (tableName.equals("events") && table.get().timeColumn().isEmpty()) {
            diagnostics.error(
                    at.location(),
                    "table 'events' declares no time_column",
                    "add time_column to events in warehouse.yaml");
            return false;
        }
        if (tableName.equals("events")
                && !table.get().column("revenue").map(c -> c.type().isNumeric()).orElse(false)) {
            diagnostics.error(
                    at.location(), "column 'events.revenue' must be numeric for RFM", "declare it as NUMERIC");
            return false;
        }
        return true;
    }
}

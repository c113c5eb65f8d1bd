package io.segmentsascode.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.DatasetId;
import com.google.cloud.bigquery.Field;
import com.google.cloud.bigquery.Schema;
import com.google.cloud.bigquery.StandardSQLTypeName;
import com.google.cloud.bigquery.StandardTableDefinition;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import com.google.cloud.bigquery.TableInfo;
import io.segmentsascode.model.OutputColumn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The segment tables in the output dataset, through the tables API: created with the schema of
 * their output columns and our labels before the first refresh writes them; recreated when the
 * contract (columns) changed, relabelled when only the spec changed.
 */
final class SegmentTables {

    /**
     * A table as found: its labels, columns (name → GoogleSQL type) and when its data or schema last
     * changed (empty when BigQuery did not say).
     */
    record Found(
            String name, Map<String, String> labels, Map<String, String> columns, Optional<Instant> lastModified) {}

    private final BigQuery bigQuery;
    private final TargetSettings settings;
    private final Steps steps;

    SegmentTables(BigQuery bigQuery, TargetSettings settings, Steps steps) {
        this.bigQuery = bigQuery;
        this.settings = settings;
        this.steps = steps;
    }

    /** Every table of the output dataset whose name passes {@code relevant}, with labels and schema. */
    List<Found> list(Predicate<String> relevant) {
        List<String> names = new ArrayList<>();
        steps.call(
                        "listing the tables of " + settings.dataset(),
                        () -> bigQuery.listTables(DatasetId.of(settings.dataProject(), settings.dataset())))
                .iterateAll()
                .forEach(table -> names.add(table.getTableId().getTable()));
        List<Found> found = new ArrayList<>();
        for (String name : names) {
            if (relevant.test(name)) {
                get(name).ifPresent(found::add);
            }
        }
        return found;
    }

    Optional<Found> get(String name) {
        Table table = steps.call("reading table " + name, () -> bigQuery.getTable(tableId(name)));
        if (table == null) {
            return Optional.empty();
        }
        Map<String, String> labels = table.getLabels() == null ? Map.of() : table.getLabels();
        Optional<Instant> lastModified =
                Optional.ofNullable(table.getLastModifiedTime()).map(Instant::ofEpochMilli);
        return Optional.of(new Found(name, new TreeMap<>(labels), columns(table), lastModified));
    }

    /** When table {@code qualified} ({@code project.dataset.table}, ours or a source table) last changed, if it exists. */
    Optional<Instant> lastModified(String qualified) {
        String[] parts = qualified.split("\\.", 3);
        Table table = steps.call(
                "reading when " + parts[2] + " last changed",
                () -> bigQuery.getTable(TableId.of(parts[0], parts[1], parts[2])));
        return Optional.ofNullable(table).map(Table::getLastModifiedTime).map(Instant::ofEpochMilli);
    }

    /** Creates the table, or brings an existing one to these columns and labels. */
    void upsert(String name, List<OutputColumn> columns, String specHash) {
        TableInfo desired = TableInfo.newBuilder(tableId(name), StandardTableDefinition.of(schema(columns)))
                .setLabels(Markers.tableLabels(specHash))
                .build();
        Optional<Found> existing = get(name);
        if (existing.isPresent() && !existing.get().columns().equals(columnTypes(columns))) {
            // BigQuery only widens schemas in place; a changed contract is a new table, refilled by the next run
            delete(name);
            existing = Optional.empty();
        }
        if (existing.isEmpty()) {
            create(name, desired);
        } else if (!existing.get().labels().equals(new TreeMap<>(desired.getLabels()))) {
            steps.call("labelling table " + name, () -> bigQuery.update(desired));
        }
    }

    /** A create whose answer was lost finds the table on the next attempt: "already exists" is success. */
    private void create(String name, TableInfo desired) {
        steps.call("creating table " + name, () -> {
            try {
                return bigQuery.create(desired);
            } catch (BigQueryException e) {
                if (e.getCode() == 409) {
                    return null;
                }
                throw e;
            }
        });
    }

    void delete(String name) {
        steps.call("deleting table " + name, () -> bigQuery.delete(tableId(name)));
    }

    /** Columns as the tables API reports them, for comparing contracts. */
    static Map<String, String> columnTypes(List<OutputColumn> columns) {
        Map<String, String> types = new TreeMap<>();
        columns.forEach(c -> types.put(c.name(), c.type().name()));
        return types;
    }

    private static Map<String, String> columns(Table table) {
        Map<String, String> columns = new TreeMap<>();
        Schema schema =
                table.getDefinition() == null ? null : table.getDefinition().getSchema();
        if (schema != null) {
            for (Field field : schema.getFields()) {
                columns.put(field.getName(), Objects.toString(field.getType().getStandardType()));
            }
        }
        return columns;
    }

    private static Schema schema(List<OutputColumn> columns) {
        return Schema.of(columns.stream()
                .map(c ->
                        Field.of(c.name(), StandardSQLTypeName.valueOf(c.type().name())))
                .toList());
    }

    private TableId tableId(String name) {
        return TableId.of(settings.dataProject(), settings.dataset(), name);
    }
}

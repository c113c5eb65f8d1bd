package io.segmentsascode.bigquery;

import com.google.cloud.bigquery.FieldValue;
import com.google.cloud.bigquery.FieldValueList;
import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.cloud.bigquery.datatransfer.v1.TransferRun;
import com.google.protobuf.Timestamp;
import io.segmentsascode.model.Refresh;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.plan.live.LiveWarehouse;
import io.segmentsascode.plan.live.RefreshFacts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What the plan reads from BigQuery itself: each cadence's latest scheduled run (Data Transfer
 * API), its tables' modification times (tables.get), the source dataset's columns
 * ({@code INFORMATION_SCHEMA.COLUMNS}) and the answers of the plan's figure queries. Every query
 * is a capped, labelled job; only tables carrying our marker count as segment tables.
 */
final class BigQueryLiveWarehouse implements LiveWarehouse {

    /** What a project and dataset id may hold; the INFORMATION_SCHEMA query names them in its text. */
    private static final Pattern DATASET_PATH = Pattern.compile("[A-Za-z0-9_.:-]+");

    private final TargetSettings settings;
    private final Warehouse warehouse;
    private final List<ScheduledRefresh> declared;
    private final SegmentTables tables;
    private final ScheduledQueries scheduledQueries;
    private final BigQueryJobs jobs;
    private final Function<List<TransferConfig>, Map<Refresh, List<TransferConfig>>> managedConfigs;

    BigQueryLiveWarehouse(
            TargetSettings settings,
            Warehouse warehouse,
            List<ScheduledRefresh> declared,
            SegmentTables tables,
            ScheduledQueries scheduledQueries,
            BigQueryJobs jobs,
            Function<List<TransferConfig>, Map<Refresh, List<TransferConfig>>> managedConfigs) {
        this.settings = settings;
        this.warehouse = warehouse;
        this.declared = List.copyOf(declared);
        this.tables = tables;
        this.scheduledQueries = scheduledQueries;
        this.jobs = jobs;
        this.managedConfigs = managedConfigs;
    }

    @Override
    public String outputDataset() {
        return settings.dataProject() + "." + settings.dataset();
    }

    @Override
    public List<RefreshFacts> refreshes() {
        Map<Refresh, List<TransferConfig>> configs = managedConfigs.apply(scheduledQueries.list());
        List<RefreshFacts> facts = new ArrayList<>();
        for (ScheduledRefresh refresh : declared) {
            List<TransferConfig> found = configs.getOrDefault(refresh.cadence(), List.of());
            Optional<RefreshFacts.LastRun> lastRun = found.isEmpty()
                    ? Optional.empty()
                    : scheduledQueries.latestRun(found.get(0)).map(BigQueryLiveWarehouse::lastRun);
            Map<String, Optional<Instant>> modified = new TreeMap<>();
            for (ScheduledRefresh.SegmentTable table : refresh.tables()) {
                modified.put(
                        table.name(),
                        tables.get(table.name())
                                .filter(t -> Markers.isManaged(t.labels()))
                                .flatMap(SegmentTables.Found::lastModified));
            }
            facts.add(new RefreshFacts(refresh.cadence(), !found.isEmpty(), lastRun, modified));
        }
        return facts;
    }

    /** When a finished run ended (else when it was meant to run), its state and its error message. */
    private static RefreshFacts.LastRun lastRun(TransferRun run) {
        Timestamp time = run.hasEndTime() ? run.getEndTime() : run.getRunTime();
        return new RefreshFacts.LastRun(
                Instant.ofEpochSecond(time.getSeconds(), time.getNanos()),
                run.getState().name(),
                run.hasErrorStatus() ? run.getErrorStatus().getMessage() : "");
    }

    @Override
    public Map<String, Map<String, String>> sourceColumns() {
        String dataset = warehouse.project() + "." + warehouse.dataset();
        if (!DATASET_PATH.matcher(dataset).matches()) {
            throw new IllegalArgumentException("not a BigQuery dataset: " + dataset);
        }
        // the seven columns INFORMATION_SCHEMA.COLUMNS is read for, in its own order
        String sql = "SELECT table_catalog, table_schema, table_name, column_name, ordinal_position, is_nullable,"
                + " data_type FROM `" + dataset + ".INFORMATION_SCHEMA.COLUMNS`"
                + " ORDER BY table_name, ordinal_position";
        Map<String, Map<String, String>> columns = new TreeMap<>();
        for (FieldValueList row : jobs.rows("reading the columns of " + dataset, sql, "schema-check")) {
            columns.computeIfAbsent(row.get(2).getStringValue(), t -> new LinkedHashMap<>())
                    .put(row.get(3).getStringValue(), row.get(6).getStringValue());
        }
        return columns;
    }

    @Override
    public List<List<String>> query(String purpose, String sql) {
        List<List<String>> rows = new ArrayList<>();
        for (FieldValueList row : jobs.rows(purpose, sql, "figures")) {
            List<String> values = new ArrayList<>();
            for (FieldValue value : row) {
                values.add(value.isNull() ? null : value.getStringValue());
            }
            rows.add(values);
        }
        return rows;
    }
}

package io.segmentsascode.bigquery;

import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.spi.RemoteReads;
import io.segmentsascode.spi.TargetSql;
import io.segmentsascode.spi.WarehouseConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The {@code bigquery} warehouse of a run: previews and plan figures keep running on the sample
 * engine, while the target talks to BigQuery. Google is contacted only when the target opens.
 */
public final class BigQueryWarehouse implements WarehouseConnection {

    private final PreviewEngine sample;
    private final Warehouse warehouse;
    private final SegmentsSettings.GoogleCloud google;
    private final TargetSettings settings;

    public BigQueryWarehouse(PreviewEngine sample, Warehouse warehouse, SegmentsSettings.GoogleCloud google) {
        this.sample = sample;
        this.warehouse = warehouse;
        this.google = google;
        this.settings = settings(warehouse, google);
    }

    /** Project from {@code segments.bigqueryProject} or warehouse.yaml, dataset and location from warehouse.yaml. */
    public static TargetSettings settings(Warehouse warehouse, SegmentsSettings.GoogleCloud google) {
        return new TargetSettings(
                google.project().orElse(warehouse.project()),
                warehouse.project(),
                warehouse.location().orElse(TargetSettings.DEFAULT_LOCATION),
                warehouse.outputDataset(),
                google.serviceAccount(),
                google.maximumBytesBilled(),
                google.runTimeout());
    }

    public TargetSettings settings() {
        return settings;
    }

    @Override
    public PreviewEngine sample() {
        return sample;
    }

    /**
     * The BigQuery target, scheduling the compiled refresh scripts (one per cadence) as they were
     * guarded; {@code runTime} is the sample's, BigQuery runs at its own time.
     */
    @Override
    public BigQueryTarget target(TargetSql sql, Instant runTime) {
        return new BigQueryTarget(
                GoogleClients.open(settings.project(), google),
                settings,
                warehouse,
                refreshes(sql),
                sql.holdoutGroups(),
                RetryPolicy.standard(),
                Clock.systemUTC());
    }

    private static List<ScheduledRefresh> refreshes(TargetSql sql) {
        Map<String, String> sqlBySegment = new TreeMap<>();
        sql.bigquery().forEach(segment -> sqlBySegment.put(segment.segmentId(), segment.sql()));
        List<ScheduledRefresh> refreshes = new ArrayList<>();
        for (int i = 0; i < sql.refresh().size(); i++) {
            refreshes.add(ScheduledRefresh.of(
                    sql.refresh().get(i), sql.refreshScripts().get(i), sqlBySegment));
        }
        return refreshes;
    }

    /** Evaluate and promotion gates read the experiments table on BigQuery itself. */
    @Override
    public Optional<RemoteReads> remoteReads() {
        return Optional.of(BigQueryReads.open(settings, warehouse, google));
    }

    @Override
    public void close() {
        sample.close();
    }
}

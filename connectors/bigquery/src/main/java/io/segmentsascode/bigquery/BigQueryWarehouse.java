package io.segmentsascode.bigquery;

import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.render.RenderedSegment;
import io.segmentsascode.spi.WarehouseConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The {@code bigquery} warehouse of a run: previews and plan figures keep running on the sample
 * engine, while the target talks to BigQuery. Google is contacted only when the target opens.
 */
public final class BigQueryWarehouse implements WarehouseConnection {

    private final PreviewEngine sample;
    private final Warehouse warehouse;
    private final SegmentsSettings.GoogleCloud google;
    private final TargetSettings settings;
    private final RefreshLayout layout;

    public BigQueryWarehouse(
            PreviewEngine sample, Warehouse warehouse, SegmentsSettings.GoogleCloud google, RefreshLayout layout) {
        this.sample = sample;
        this.warehouse = warehouse;
        this.google = google;
        this.settings = settings(warehouse, google);
        this.layout = layout;
    }

    /** Project from {@code segments.bigqueryProject} or warehouse.yaml, dataset and location from warehouse.yaml. */
    public static TargetSettings settings(Warehouse warehouse, SegmentsSettings.GoogleCloud google) {
        return new TargetSettings(
                google.project().orElse(warehouse.project()),
                warehouse.location().orElse(TargetSettings.DEFAULT_LOCATION),
                warehouse.outputDataset(),
                google.serviceAccount(),
                google.maximumBytesBilled(),
                TargetSettings.DEFAULT_RUN_TIMEOUT);
    }

    public TargetSettings settings() {
        return settings;
    }

    @Override
    public PreviewEngine sample() {
        return sample;
    }

    /** The BigQuery target; {@code engineSql} and {@code runTime} are the sample's, BigQuery runs at its own time. */
    @Override
    public BigQueryTarget target(List<RenderedSegment> bigquery, List<RenderedSegment> engineSql, Instant runTime) {
        return new BigQueryTarget(
                GoogleClients.open(settings.project(), google),
                settings,
                warehouse,
                layout.refreshes(bigquery),
                RetryPolicy.standard(),
                Clock.systemUTC());
    }

    @Override
    public void close() {
        sample.close();
    }
}

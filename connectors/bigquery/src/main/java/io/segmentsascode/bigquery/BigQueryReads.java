package io.segmentsascode.bigquery;

import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.Dialect;
import io.segmentsascode.spi.RemoteReads;
import java.util.List;

/**
 * Read-only queries of ours on BigQuery (evaluate's sums over the experiments table), each a job
 * with our labels and the target's {@code maximumBytesBilled}, retried like the target's calls. The
 * caller has guarded the text; this runs it as given.
 */
final class BigQueryReads implements RemoteReads {

    private final GoogleClients clients;
    private final BigQueryJobs jobs;
    private final String dataLabel;

    private BigQueryReads(GoogleClients clients, BigQueryJobs jobs, String dataLabel) {
        this.clients = clients;
        this.jobs = jobs;
        this.dataLabel = dataLabel;
    }

    static BigQueryReads open(TargetSettings settings, Warehouse warehouse, SegmentsSettings.GoogleCloud google) {
        GoogleClients clients = GoogleClients.open(settings.project(), google);
        return new BigQueryReads(
                clients,
                new BigQueryJobs(
                        clients.bigQuery(),
                        settings,
                        new Steps(RetryPolicy.standard(), GoogleAccessException.EVALUATE_ROLES)),
                "BigQuery " + warehouse.project() + "." + warehouse.dataset());
    }

    @Override
    public Dialect dialect() {
        return new BigQueryDialect();
    }

    @Override
    public String dataLabel() {
        return dataLabel;
    }

    @Override
    public List<List<Object>> read(String purpose, String sql) {
        return jobs.typedRows("reading the " + purpose + " query", sql, purpose);
    }

    @Override
    public void close() {
        clients.close();
    }
}

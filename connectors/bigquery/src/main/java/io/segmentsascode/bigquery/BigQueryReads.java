package io.segmentsascode.bigquery;

import com.google.cloud.bigquery.TableId;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.Dialect;
import io.segmentsascode.spi.RemoteReads;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read-only queries of ours on BigQuery (evaluate's sums over the experiments table and the holdout
 * groups), each a job
 * with our labels and the target's {@code maximumBytesBilled}, retried like the target's calls. The
 * caller has guarded the text; this runs it as given.
 */
final class BigQueryReads implements RemoteReads {

    private final GoogleClients clients;
    private final BigQueryJobs jobs;
    private final String dataLabel;
    private final TargetSettings settings;
    private final Steps steps;

    private BigQueryReads(
            GoogleClients clients, BigQueryJobs jobs, String dataLabel, TargetSettings settings, Steps steps) {
        this.clients = clients;
        this.jobs = jobs;
        this.dataLabel = dataLabel;
        this.settings = settings;
        this.steps = steps;
    }

    static BigQueryReads open(TargetSettings settings, Warehouse warehouse, SegmentsSettings.GoogleCloud google) {
        GoogleClients clients = GoogleClients.open(settings.project(), google);
        Steps steps = new Steps(RetryPolicy.standard(), GoogleAccessException.EVALUATE_ROLES);
        return new BigQueryReads(
                clients,
                new BigQueryJobs(clients.bigQuery(), settings, steps),
                "BigQuery " + warehouse.project() + "." + warehouse.dataset(),
                settings,
                steps);
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
        return jobs.typedRows("reading the " + purpose + " query", sql, purpose, Optional.empty());
    }

    @Override
    public List<List<Object>> read(String purpose, String sql, Instant runTime) {
        return jobs.typedRows("reading the " + purpose + " query", sql, purpose, Optional.of(runTime));
    }

    @Override
    public boolean hasManagedTable(String name) {
        TableId id = TableId.of(settings.dataProject(), settings.dataset(), name);
        return steps.call(
                "looking for the table " + name, () -> clients.bigQuery().getTable(id) != null);
    }

    @Override
    public void close() {
        clients.close();
    }
}

package io.segmentsascode.spi;

import io.segmentsascode.render.Dialect;
import java.time.Instant;
import java.util.List;

/**
 * Read-only queries of ours on a remote warehouse (BigQuery): what evaluate and promotion gates
 * read the experiments table and the holdout groups through when the target is remote. The caller guards each query as
 * it is sent; the connector runs it under the target's byte cap.
 */
public interface RemoteReads extends AutoCloseable {

    /** The dialect the warehouse runs. */
    Dialect dialect();

    /** How reports name the data, e.g. {@code BigQuery acme-marketing.analytics}. */
    String dataLabel();

    /**
     * The rows in order; numbers as {@link Number}, other values as text, NULL as null.
     *
     * @param purpose what the query is for, e.g. {@code evaluate} (a job label)
     */
    List<List<Object>> read(String purpose, String sql);

    /**
     * The same for a query that reads the dialect's run time: {@code runTime} is bound as it (BigQuery's
     * {@code @run_time} query parameter), so the text sent is the text guarded.
     */
    List<List<Object>> read(String purpose, String sql, Instant runTime);

    /** Whether the table {@code name} this tool manages exists in the output dataset (apply creates them). */
    boolean hasManagedTable(String name);

    @Override
    void close();
}

package io.segmentsascode.plan.live;

import java.util.List;
import java.util.Map;

/**
 * The port a target with a real warehouse behind it offers the plan: facts read from the warehouse
 * itself, never from a file a pull request can edit. The plan judges them ({@link RefreshHealthCheck},
 * {@link SourceSchemaCheck}) and writes the figure queries ({@link LiveFigures}); the target only
 * reads and runs what it is given.
 */
public interface LiveWarehouse {

    /** The dataset the segment tables live in, as plans name it: {@code project.dataset}. */
    String outputDataset();

    /** Each cadence the definitions refresh, as found on the warehouse. */
    List<RefreshFacts> refreshes();

    /**
     * The columns of the source dataset's tables as {@code INFORMATION_SCHEMA.COLUMNS} reports
     * them: physical table name → column name → {@code data_type}.
     */
    Map<String, Map<String, String>> sourceColumns();

    /**
     * Runs one read-only query, exactly as given (the caller has put it through the guard), with
     * the target's byte cap; its rows, each value as text ({@code null} for NULL).
     */
    List<List<String>> query(String purpose, String sql);
}

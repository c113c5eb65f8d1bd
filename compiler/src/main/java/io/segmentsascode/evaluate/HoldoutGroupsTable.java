package io.segmentsascode.evaluate;

import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import java.util.List;

/**
 * Where a remote target keeps the holdout groups apply drew: {@value #NAME} in the output dataset,
 * one row per member of a mapping with a holdout as of the mapping's last sync. Apply replaces a
 * mapping's rows each time it syncs the mapping; evaluate reads them. Named here, before the
 * stages that write it, so the reader and the writer agree on one shape.
 */
public final class HoldoutGroupsTable {

    public static final String NAME = "_segments_holdout_groups";

    /** The columns, in the order apply inserts them. */
    public static final List<OutputColumn> COLUMNS = List.of(
            new OutputColumn("mapping", ColumnType.STRING),
            new OutputColumn("salt", ColumnType.STRING),
            new OutputColumn("user_id", ColumnType.STRING),
            new OutputColumn("holdout_group", ColumnType.STRING),
            new OutputColumn("assigned_at", ColumnType.TIMESTAMP));

    private HoldoutGroupsTable() {}
}

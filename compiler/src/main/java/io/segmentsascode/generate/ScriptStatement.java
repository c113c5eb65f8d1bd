package io.segmentsascode.generate;

import io.segmentsascode.model.OutputColumn;
import java.util.List;

/**
 * The statements a refresh script may hold, each a fixed template over names this tool chooses
 * ({@code seg_<id>} and {@code _segments_<...>} tables of the output dataset) and queries of the
 * IR. There is no statement of free text: whatever a segment file says, a script can only build
 * our tables, truncate and refill our segment tables, and call our procedures.
 */
public sealed interface ScriptStatement {

    /** {@code CREATE OR REPLACE TABLE table AS query}: a feature or staging table, outside the transaction. */
    record CreateTableAs(String table, SqlQuery.Query query) implements ScriptStatement {}

    /** Empties a segment table inside the swap's transaction (DML, not DDL). */
    record Truncate(String table) implements ScriptStatement {}

    /** {@code INSERT INTO target (columns) SELECT columns FROM source}: a staging table into its segment table. */
    record InsertSelect(String target, String source, List<OutputColumn> columns) implements ScriptStatement {
        public InsertSelect {
            columns = List.copyOf(columns);
        }
    }

    record BeginTransaction() implements ScriptStatement {}

    record CommitTransaction() implements ScriptStatement {}

    /** Runs a procedure apply created from statements of this script (see the split of long scripts). */
    record Call(String procedure) implements ScriptStatement {}

    /**
     * Apply's DDL for a segment table whose contract is new or changed: the swap only truncates
     * and refills tables that exist with the contract's columns.
     */
    record CreateSegmentTable(String table, List<OutputColumn> columns) implements ScriptStatement {
        public CreateSegmentTable {
            columns = List.copyOf(columns);
        }
    }
}

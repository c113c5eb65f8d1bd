package io.segmentsascode.bigquery;

import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.Table;
import com.google.cloud.bigquery.TableId;
import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.plan.RefreshScan;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Measures what each scheduled refresh would scan, without running it.
 *
 * <ul>
 *   <li>A SELECT that reads source tables (the feature build, intent and sql segments' own
 *       queries) is dry-run as the guarded SQL the script embeds, with {@code @run_time} bound.
 *   <li>A read of a table of ours (the feature table, a staging table), which does not exist
 *       before the first run, is its width times the users: width = bytes per row from the
 *       column types (BigQuery's data sizes: INT64, FLOAT64, DATE and TIMESTAMP 8, NUMERIC 16,
 *       BOOL 1, STRING 2 + its length, counted as {@value #ASSUMED_STRING_LENGTH} characters);
 *       users = the users table's {@code numRows} from its metadata (tables.get), which the feature
 *       table has one row per (RFM-scored users missing from it aside). A staging table holds at
 *       most every user, so its copy into the segment table is counted at that bound. Both are upper
 *       bounds: BigQuery reads only the columns a query names.
 * </ul>
 */
final class RefreshCosts {

    /** The logical table whose users make the feature table's rows (the refresh layout's population). */
    static final String USERS_TABLE = "users";
    /** Characters a STRING value is assumed to hold (a user id is typically 16 to 36). */
    static final int ASSUMED_STRING_LENGTH = 32;

    private static final Map<ColumnType, Integer> BYTES = Map.of(
            ColumnType.INT64, 8,
            ColumnType.FLOAT64, 8,
            ColumnType.NUMERIC, 16,
            ColumnType.BOOL, 1,
            ColumnType.DATE, 8,
            ColumnType.TIMESTAMP, 8,
            ColumnType.STRING, 2 + ASSUMED_STRING_LENGTH);

    private final BigQueryJobs jobs;
    private final BigQuery bigQuery;
    private final Steps steps;
    private final Warehouse warehouse;

    RefreshCosts(BigQueryJobs jobs, BigQuery bigQuery, Steps steps, Warehouse warehouse) {
        this.jobs = jobs;
        this.bigQuery = bigQuery;
        this.steps = steps;
        this.warehouse = warehouse;
    }

    List<RefreshScan> scan(Collection<RefreshReads> refreshes, Instant runTime) {
        List<RefreshScan> scans = new ArrayList<>();
        Optional<Long> users = null;
        for (RefreshReads reads : refreshes) {
            if (users == null
                    && reads.reads().stream().anyMatch(r -> !r.ownTables().isEmpty())) {
                users = users();
            }
            scans.add(scan(reads, users == null ? Optional.empty() : users, runTime));
        }
        return scans;
    }

    private RefreshScan scan(RefreshReads reads, Optional<Long> users, Instant runTime) {
        String features = RefreshScript.featureTable(reads.cadence());
        long featureBuild = 0;
        Map<String, Long> own = new LinkedHashMap<>();
        Map<String, Boolean> readsFeatures = new LinkedHashMap<>();
        int dryRuns = 0;
        List<String> unmeasured = new ArrayList<>();
        for (RefreshReads.Read read : reads.reads()) {
            long bytes = 0;
            if (read.sourceSql().isPresent() && read.ownTables().isEmpty()) {
                bytes += jobs.bytesProcessed(read.sourceSql().get(), runTime);
                dryRuns++;
            } else if (read.sourceSql().isPresent()) {
                unmeasured.add(read.fills()); // reads both: a dry run would fail on the table not built yet
            }
            for (String table : read.ownTables()) {
                bytes += users.map(n -> width(reads.tables().get(table)) * n).orElse(0L);
            }
            if (read.segmentId().isEmpty()) {
                featureBuild += bytes;
                continue;
            }
            String segment = read.segmentId().get();
            own.merge(segment, bytes, Long::sum);
            readsFeatures.merge(segment, read.ownTables().contains(features), Boolean::logicalOr);
        }
        List<RefreshScan.SegmentScan> segments = new ArrayList<>();
        own.forEach((segment, bytes) ->
                segments.add(new RefreshScan.SegmentScan(segment, bytes, readsFeatures.get(segment))));
        return new RefreshScan(
                reads.cadence().label(), featureBuild, segments, basis(reads, users, dryRuns, unmeasured));
    }

    private List<String> basis(RefreshReads reads, Optional<Long> users, int dryRuns, List<String> unmeasured) {
        List<String> basis = new ArrayList<>();
        basis.add(dryRuns + " dry runs, one per SELECT of the script that reads source tables, sent as guarded"
                + " (@run_time bound)");
        String features = RefreshScript.featureTable(reads.cadence());
        if (reads.tables().containsKey(features)) {
            basis.add(users.map(n -> "reads of " + features + ": "
                            + width(reads.tables().get(features))
                            + " bytes per row (STRING counted as 2 + " + ASSUMED_STRING_LENGTH + " bytes) × " + n
                            + " users (numRows of " + warehouse.qualifiedName(USERS_TABLE) + ")")
                    .orElse("reads of " + features + " not counted: the users table's row count is unknown"));
        }
        if (!reads.reads().isEmpty()) {
            basis.add(users.map(n -> "each staging table's copy into its segment table: its width × " + n
                            + " users, an upper bound")
                    .orElse("copies of the staging tables not counted: the users table's row count is unknown"));
        }
        if (!unmeasured.isEmpty()) {
            basis.add("source reads not counted (the query also reads a table the refresh builds): "
                    + String.join(", ", unmeasured));
        }
        return basis;
    }

    /** Bytes per row of a table of ours, from its column types. */
    static long width(List<OutputColumn> columns) {
        return columns.stream().mapToLong(c -> BYTES.get(c.type())).sum();
    }

    /** The users table's row count from its metadata; empty when it is not a plain table with one. */
    private Optional<Long> users() {
        if (warehouse.table(USERS_TABLE).isEmpty()
                || warehouse.table(USERS_TABLE).get().dayShards().isPresent()) {
            return Optional.empty();
        }
        String[] name = warehouse.qualifiedName(USERS_TABLE).split("\\.", 3);
        Table table = steps.call(
                "reading the row count of " + warehouse.qualifiedName(USERS_TABLE),
                () -> bigQuery.getTable(TableId.of(name[0], name[1], name[2])));
        if (table == null || table.getNumRows() == null) {
            return Optional.empty();
        }
        BigInteger rows = table.getNumRows();
        return Optional.of(rows.longValueExact());
    }
}

package io.segmentsascode.bigquery;

import io.segmentsascode.apply.HoldoutGroups;
import io.segmentsascode.evaluate.HoldoutGroupsTable;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.render.BigQueryDialect;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@value HoldoutGroupsTable#NAME} in the output dataset: each synced mapping's members with their holdout group as of
 * its last sync, for {@code segments:evaluate} on BigQuery (CI runners are thrown away, so a local file would be lost).
 * The groups are computed by BigQuery from the segment tables with the query the guard checked
 * ({@code audience.HoldoutGroupsSql}, the same split the destinations apply), inside a fixed template that replaces
 * the mapping's rows in one transaction: no user id passes through this machine or into a statement. Partitioned by
 * the day of assignment with a partition expiration as long as the member snapshots' (540 days of Google's longest
 * membership and a margin): a mapping synced again is rewritten into today's partition, so only the groups of a
 * mapping not synced for that long expire.
 */
final class HoldoutTable implements HoldoutGroups {

    static final int PARTITION_EXPIRATION_DAYS = SnapshotTable.PARTITION_EXPIRATION_DAYS;

    private static final Pattern MAPPING = Pattern.compile("[A-Za-z0-9_.-]+");

    private final BigQueryJobs jobs;
    private final String table;
    private final Map<String, String> queries;
    private boolean exists;

    /** @param queries per mapping with a holdout, the guarded query of its members' groups */
    HoldoutTable(BigQueryJobs jobs, TargetSettings settings, Map<String, String> queries) {
        this.jobs = jobs;
        this.table = settings.qualified(HoldoutGroupsTable.NAME);
        this.queries = new TreeMap<>(queries);
    }

    /** The statement that creates the table when it is missing (apply only: a plan writes nothing). */
    String createStatement() {
        return "CREATE TABLE IF NOT EXISTS " + table
                + " (mapping STRING NOT NULL, salt STRING NOT NULL, user_id STRING NOT NULL,"
                + " holdout_group STRING NOT NULL, assigned_at TIMESTAMP NOT NULL)"
                + " PARTITION BY DATE(assigned_at) CLUSTER BY mapping OPTIONS (partition_expiration_days = "
                + PARTITION_EXPIRATION_DAYS + ", labels = [('" + Markers.MANAGED_BY + "', '" + Markers.SEGMENTS
                + "')])";
    }

    /** The script that replaces {@code campaign}'s rows with its members' groups now, in one transaction. */
    String replaceScript(Campaign campaign) {
        String query = queries.get(campaign.id());
        if (query == null || campaign.holdout().isEmpty()) {
            throw new IllegalStateException("no guarded holdout groups query for " + campaign.id());
        }
        if (!MAPPING.matcher(campaign.id()).matches()) {
            throw new IllegalArgumentException("not a mapping id; refused without being written");
        }
        BigQueryDialect dialect = new BigQueryDialect();
        String mapping = dialect.stringLiteral(campaign.id());
        return "BEGIN TRANSACTION;\nDELETE FROM " + table + " WHERE mapping = " + mapping + ";\nINSERT INTO " + table
                + " (mapping, salt, user_id, holdout_group, assigned_at)\nSELECT " + mapping + ", "
                + dialect.stringLiteral(campaign.holdout().get().salt())
                + ", g.user_id, g.holdout_group, CURRENT_TIMESTAMP() FROM (\n" + query + "\n) AS g;\n"
                + "COMMIT TRANSACTION;";
    }

    @Override
    public void record(Campaign campaign) {
        String script = replaceScript(campaign);
        if (!exists) {
            jobs.dml("creating the holdout groups table " + HoldoutGroupsTable.NAME, createStatement(), "holdout");
            exists = true;
        }
        jobs.dml("recording the holdout groups of " + campaign.id(), script, "holdout");
    }
}

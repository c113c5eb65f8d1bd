package io.segmentsascode.duckdb;

import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBConnection;

/**
 * Generates a realistic synthetic warehouse into {@code raw.<table>}: users, sessions, events,
 * campaigns, experiments and identities as the bundled warehouse declares them, shaped so the
 * bundled segments find members (heavy and one-time buyers, at-risk customers, premium browsers
 * who never buy, ...). Deterministic: the same spec and warehouse layout give the same rows.
 * Tables and columns it does not know get typed placeholder values instead of failing.
 */
public final class SampleWarehouse {

    /** Bump whenever generated data changes, so cached samples of older generators are not reused. */
    public static final int GENERATOR_VERSION = 2;
    /** Latest time in the generated data; the data covers the two years before it. */
    public static final Instant END_TIME = SampleTime.END;

    private static final Set<String> KNOWN_TABLES =
            Set.of("users", "sessions", "events", "campaigns", "experiments", "identities");
    /** Rows of an unknown table that has no user_id column (per-user tables get one row per user). */
    private static final int UNKNOWN_TABLE_ROWS = 100;

    private SampleWarehouse() {}

    /** Creates schema {@code raw} with every table of {@code warehouse} on {@code connection} and fills it. */
    public static void generate(Connection connection, Warehouse warehouse, SampleSpec spec) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        // one transaction: in auto-commit mode every appender flush (each ~2048 rows) is a commit of its own
        connection.setAutoCommit(false);
        try {
            generateTables(connection.unwrap(DuckDBConnection.class), warehouse, spec);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void generateTables(DuckDBConnection duckdb, Warehouse warehouse, SampleSpec spec)
            throws SQLException {
        RawSchema.create(duckdb, warehouse);
        RandomDraws draws = new RandomDraws(spec.seed());
        IdFormat userIds = IdFormat.users(spec.users());
        Placeholders placeholders = new Placeholders(userIds, spec.users());

        CampaignCatalog campaigns = CampaignCatalog.generate(draws.split());
        try (TableWriter table =
                TableWriter.open(duckdb, warehouse, "campaigns", CampaignCatalog.COLUMNS, placeholders)) {
            campaigns.writeTo(table);
        }
        try (TableWriter table =
                TableWriter.open(duckdb, warehouse, "experiments", ExperimentResults.COLUMNS, placeholders)) {
            ExperimentResults.write(table, draws.split());
        }
        writeUsersAndActivity(
                duckdb, warehouse, spec, draws, campaigns, new Population(userIds, spec.users()), placeholders);
        for (Table table : warehouse.tables().values()) {
            if (!KNOWN_TABLES.contains(table.name())) {
                writePlaceholderRows(duckdb, warehouse, table, spec, placeholders);
            }
        }
    }

    /** Streams user by user, so memory stays flat however many events are generated. */
    private static void writeUsersAndActivity(
            DuckDBConnection duckdb,
            Warehouse warehouse,
            SampleSpec spec,
            RandomDraws draws,
            CampaignCatalog campaigns,
            Population population,
            Placeholders placeholders)
            throws SQLException {
        try (TableWriter users = TableWriter.open(duckdb, warehouse, "users", Population.USER_COLUMNS, placeholders);
                TableWriter identities =
                        TableWriter.open(duckdb, warehouse, "identities", ContactDetails.COLUMNS, placeholders);
                TableWriter sessions =
                        TableWriter.open(duckdb, warehouse, "sessions", Clickstream.SESSION_COLUMNS, placeholders);
                TableWriter events =
                        TableWriter.open(duckdb, warehouse, "events", Clickstream.EVENT_COLUMNS, placeholders)) {
            Clickstream clickstream = new Clickstream(sessions, events, campaigns);
            SyntheticUser user = null;
            for (int number = 1; number <= spec.users(); number++) {
                RandomDraws userDraws = draws.split();
                user = population.user(number, userDraws);
                population.writeRow(users, user);
                ContactDetails.writeRow(identities, user, userDraws);
                clickstream.write(user, userDraws);
            }
            clickstream.writeClosingVisit(user);
        }
    }

    private static void writePlaceholderRows(
            DuckDBConnection duckdb, Warehouse warehouse, Table table, SampleSpec spec, Placeholders placeholders)
            throws SQLException {
        long rows = table.isPerUser() ? spec.users() : UNKNOWN_TABLE_ROWS;
        try (TableWriter writer = TableWriter.open(duckdb, warehouse, table.name(), List.of(), placeholders)) {
            for (long row = 0; row < rows; row++) {
                writer.append();
            }
        }
    }
}

package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.TestQueries.column;
import static io.segmentsascode.duckdb.TestQueries.doubleValue;
import static io.segmentsascode.duckdb.TestQueries.longValue;
import static io.segmentsascode.duckdb.TestQueries.stringValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated data has the shape the bundled segments need (3,000 users, seed 42). */
class SampleWarehouseTest {

    private static final int USERS = 3_000;
    private static final String END = "TIMESTAMP '2026-10-31 23:59:59'";
    private static final List<String> SOURCES = List.of("direct", "email", "organic", "paid_display", "paid_search");

    private static Connection sample;

    @BeforeAll
    static void generate() throws SQLException {
        sample = TestQueries.inMemory();
        SampleWarehouse.generate(sample, TestWarehouses.bundled(), new SampleSpec(USERS, 42));
    }

    @AfterAll
    static void close() throws SQLException {
        sample.close();
    }

    @Test
    void rawTablesHaveExactlyTheDeclaredColumnsWithTheContractTypes() throws SQLException {
        assertEquals(
                List.of(
                        "user_id VARCHAR",
                        "event_name VARCHAR",
                        "event_time TIMESTAMP",
                        "source VARCHAR",
                        "campaign_id VARCHAR",
                        "revenue DECIMAL(38,9)",
                        "product_category VARCHAR",
                        "session_id VARCHAR"),
                columnsOf("events"));
        assertEquals(
                List.of(
                        "user_id VARCHAR",
                        "email VARCHAR",
                        "phone VARCHAR",
                        "consent_ad_user_data BOOLEAN",
                        "consent_ad_personalization BOOLEAN",
                        "opted_out BOOLEAN"),
                columnsOf("identities"));
        assertEquals(
                List.of(
                        "session_id VARCHAR",
                        "user_id VARCHAR",
                        "session_start TIMESTAMP",
                        "source VARCHAR",
                        "time_on_site_seconds BIGINT",
                        "pageviews BIGINT"),
                columnsOf("sessions"));
    }

    @Test
    void everyUserHasAnIdAndIdentityAndEventsAverageAbout25PerUser() throws SQLException {
        assertEquals(USERS, longValue(sample, "SELECT count(DISTINCT user_id) FROM raw.users"));
        assertEquals("u000001", stringValue(sample, "SELECT min(user_id) FROM raw.users"));
        assertEquals("u003000", stringValue(sample, "SELECT max(user_id) FROM raw.users"));
        assertEquals(
                USERS, longValue(sample, "SELECT count(*) FROM raw.identities i JOIN raw.users u USING (user_id)"));
        double eventsPerUser = doubleValue(sample, "SELECT count(*) / " + USERS + " FROM raw.events");
        assertTrue(eventsPerUser > 22 && eventsPerUser < 29, "events per user: " + eventsPerUser);
    }

    @Test
    void testAccountsAndUnknownCountriesExist() throws SQLException {
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.users WHERE country = 'TEST'") > 0);
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.users WHERE country IS NULL") > 0);
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.users WHERE country = 'DE'") > USERS / 5);
    }

    @Test
    void allFiveSourcesAppearInSessionsAndEvents() throws SQLException {
        assertEquals(SOURCES, column(sample, "SELECT DISTINCT source FROM raw.sessions ORDER BY 1"));
        assertEquals(SOURCES, column(sample, "SELECT DISTINCT source FROM raw.events ORDER BY 1"));
    }

    @Test
    void dataEndsExactlyAtTheFixedEndTimeAndSpansTwoYears() throws SQLException {
        assertEquals(
                "2026-10-31 23:59:59",
                stringValue(sample, "SELECT strftime(max(event_time), '%Y-%m-%d %H:%M:%S') FROM raw.events"));
        assertEquals(
                "2026-10-31 23:59:59",
                stringValue(sample, "SELECT strftime(max(session_start), '%Y-%m-%d %H:%M:%S') FROM raw.sessions"));
        assertTrue(
                longValue(sample, "SELECT count(*) FROM raw.events WHERE event_time < " + END + " - INTERVAL 730 DAY")
                        == 0);
        assertTrue(
                longValue(sample, "SELECT count(*) FROM raw.events WHERE event_time < " + END + " - INTERVAL 600 DAY")
                        > 0);
    }

    @Test
    void eventsHappenInsideTheirSessionAfterSignup() throws SQLException {
        assertEquals(0, longValue(sample, """
                SELECT count(*) FROM raw.events e JOIN raw.sessions s USING (session_id)
                WHERE e.event_time < s.session_start
                   OR e.event_time > s.session_start + to_seconds(s.time_on_site_seconds)
                   OR e.user_id <> s.user_id"""));
        assertEquals(
                0, longValue(sample, "SELECT count(*) FROM raw.events e ANTI JOIN raw.sessions s USING (session_id)"));
        assertEquals(0, longValue(sample, """
                SELECT count(*) FROM raw.sessions s JOIN raw.users u USING (user_id)
                WHERE CAST(s.session_start AS DATE) < u.signup_date"""));
    }

    @Test
    void revenueOnlyOnPurchasesAndEveryPurchaseHasCents() throws SQLException {
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.events WHERE event_name = 'purchase'") > USERS);
        assertEquals(
                0, longValue(sample, "SELECT count(*) FROM raw.events WHERE event_name <> 'purchase' AND revenue > 0"));
        assertEquals(
                0,
                longValue(sample, "SELECT count(*) FROM raw.events WHERE event_name = 'purchase' AND NOT revenue > 0"));
        assertEquals(0, longValue(sample, "SELECT count(*) FROM raw.events WHERE revenue <> round(revenue, 2)"));
        assertEquals(0, longValue(sample, """
                SELECT count(*) FROM raw.events
                WHERE (event_name IN ('product_view', 'add_to_cart', 'purchase')) <> (product_category IS NOT NULL)"""));
    }

    @Test
    void purchasesCarryTheirSessionsSourceAndCampaignsMatchTheChannel() throws SQLException {
        assertEquals(0, longValue(sample, """
                SELECT count(*) FROM raw.events e JOIN raw.sessions s USING (session_id) WHERE e.source <> s.source"""));
        assertEquals(0, longValue(sample, """
                SELECT count(*) FROM raw.events
                WHERE (source IN ('email', 'paid_search', 'paid_display')) <> (campaign_id IS NOT NULL)"""));
        assertEquals(0, longValue(sample, """
                SELECT count(*) FROM raw.events e LEFT JOIN raw.campaigns c USING (campaign_id)
                WHERE e.campaign_id IS NOT NULL AND c.channel IS DISTINCT FROM e.source"""));
        assertEquals(40, longValue(sample, "SELECT count(DISTINCT campaign_id) FROM raw.campaigns"));
    }

    @Test
    void purchaseFrequencyIsSkewed() throws SQLException {
        String perBuyer = "SELECT user_id, count(*) AS n FROM raw.events WHERE event_name = 'purchase' GROUP BY 1";
        double topDecileShare = doubleValue(
                sample,
                "SELECT sum(n) FILTER (WHERE rank <= buyers / 10) / sum(n) FROM ("
                        + "SELECT n, row_number() OVER (ORDER BY n DESC) AS rank, count(*) OVER () AS buyers FROM ("
                        + perBuyer + "))");
        assertTrue(topDecileShare > 0.3, "top 10% of buyers hold " + topDecileShare);
        double oneTimeShare =
                doubleValue(sample, "SELECT avg(CASE WHEN n = 1 THEN 1 ELSE 0 END) FROM (" + perBuyer + ")");
        assertTrue(oneTimeShare > 0.25, "one-time buyers: " + oneTimeShare);
        assertTrue(longValue(sample, "SELECT max(n) FROM (" + perBuyer + ")") >= 20);
    }

    @Test
    void premiumBrowsersWhoNeverBuyExist() throws SQLException {
        long premiumBrowsers = longValue(sample, premiumBrowserCount());
        assertTrue(premiumBrowsers >= 20, "premium browsers: " + premiumBrowsers);
    }

    /** Premium views and at least two email sessions in the last 30 days, no display ads then, no purchase ever. */
    static String premiumBrowserCount() {
        String recent = " > " + END + " - INTERVAL 30 DAY";
        return """
                SELECT count(*) FROM raw.users u
                WHERE u.country IS DISTINCT FROM 'TEST'
                  AND EXISTS (SELECT 1 FROM raw.events e WHERE e.user_id = u.user_id AND e.event_name = 'product_view'
                              AND e.product_category = 'premium' AND e.event_time %1$s)
                  AND (SELECT count(*) FROM raw.sessions s WHERE s.user_id = u.user_id AND s.source = 'email'
                       AND s.session_start %1$s) >= 2
                  AND NOT EXISTS (SELECT 1 FROM raw.sessions s WHERE s.user_id = u.user_id AND s.source = 'paid_display'
                                  AND s.session_start %1$s)
                  AND NOT EXISTS (SELECT 1 FROM raw.events e WHERE e.user_id = u.user_id AND e.event_name = 'purchase')
                """.formatted(recent);
    }

    @Test
    void heavyRecentBuyersMostlyThroughPaidSearchAndOthersThroughOrganic() throws SQLException {
        String heavyBuyers = """
                SELECT count(*) FROM (
                  SELECT user_id, count(*) AS purchases, avg(CASE WHEN source = '%s' THEN 1 ELSE 0 END) AS share
                  FROM raw.events WHERE event_name = 'purchase' AND event_time > %s - INTERVAL 365 DAY GROUP BY 1)
                WHERE purchases >= 10 AND share >= 0.5""";
        assertTrue(longValue(sample, heavyBuyers.formatted("paid_search", END)) >= 10);
        assertTrue(longValue(sample, heavyBuyers.formatted("organic", END)) >= 10);
    }

    @Test
    void atRiskCustomersBoughtOftenButNothingInSixMonths() throws SQLException {
        assertTrue(longValue(sample, """
                SELECT count(*) FROM (
                  SELECT user_id FROM raw.events WHERE event_name = 'purchase' GROUP BY 1
                  HAVING count(*) >= 5 AND max(event_time) < %1$s - INTERVAL 180 DAY
                     AND max(event_time) > %1$s - INTERVAL 365 DAY)""".formatted(END)) >= 30);
    }

    @Test
    void identitiesLookTypedByPeople() throws SQLException {
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.identities WHERE email <> trim(email)") > 0);
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.identities WHERE email <> lower(email)") > 0);
        assertTrue(longValue(
                        sample,
                        "SELECT count(*) FROM raw.identities WHERE regexp_matches(trim(lower(email)), '^[^@]*\\.[^@]*@gmail\\.com$')")
                > 0);
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.identities WHERE phone LIKE '+49 1%'") > 0);
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.identities WHERE phone LIKE '015_-%'") > 0);
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.identities WHERE phone LIKE '(%) 555-%'") > 0);
        assertTrue(longValue(sample, "SELECT count(*) FROM raw.identities WHERE phone IS NULL") > 0);
        assertEquals(USERS, longValue(sample, "SELECT count(DISTINCT lower(trim(email))) FROM raw.identities"));
        double optedOut = doubleValue(sample, "SELECT avg(CASE WHEN opted_out THEN 1 ELSE 0 END) FROM raw.identities");
        assertTrue(optedOut > 0.01 && optedOut < 0.06, "opted out: " + optedOut);
        double consent = doubleValue(
                sample, "SELECT avg(CASE WHEN consent_ad_personalization THEN 1 ELSE 0 END) FROM raw.identities");
        assertTrue(consent > 0.8 && consent < 1, "consent: " + consent);
    }

    @Test
    void experimentVariantBWinsClearlyForSomeAudiencesOnly() throws SQLException {
        String uplift = """
                SELECT count(*) FROM (
                  SELECT (sum(conversions / clicks) FILTER (WHERE variant = 'B'))
                       / (sum(conversions / clicks) FILTER (WHERE variant = 'A')) AS ratio
                  FROM raw.experiments WHERE experiment_id = 'exp_premium_upsell' GROUP BY segment_label)
                WHERE %s""";
        assertTrue(longValue(sample, uplift.formatted("ratio > 1.2")) >= 2);
        assertTrue(longValue(sample, uplift.formatted("abs(ratio - 1) < 0.08")) >= 2);
        assertEquals(
                List.of("at_risk", "champions", "loyal", "new_high_potential", "premium_email_loyal"),
                column(sample, "SELECT DISTINCT segment_label FROM raw.experiments ORDER BY 1"));
    }

    private static List<String> columnsOf(String table) throws SQLException {
        return column(
                sample,
                "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                        + " WHERE table_schema = 'raw' AND table_name = '" + table + "' ORDER BY ordinal_position");
    }
}

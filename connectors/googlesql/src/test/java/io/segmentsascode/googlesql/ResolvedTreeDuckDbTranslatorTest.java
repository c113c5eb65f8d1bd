package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.render.UnpreviewableSqlException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scans of the resolved tree, run on DuckDB over a few rows whose BigQuery answer is worked out by hand. */
class ResolvedTreeDuckDbTranslatorTest {

    private static DuckDbPreview db;

    @BeforeAll
    static void data() throws SQLException {
        db = new DuckDbPreview("2026-10-31 12:00:00");
        db.execute(
                "INSERT INTO users VALUES ('u1', DATE '2026-10-20', 'DE', 'mobile'), ('u2', DATE '2026-01-01', 'FR', 'desktop'),"
                        + " ('u3', DATE '2026-10-25', 'DE', 'mobile')");
        db.execute("INSERT INTO events VALUES"
                + " ('u1', 'add_to_cart', TIMESTAMP '2026-10-30 10:00:00', 'email', NULL, NULL, 'premium', 's1'),"
                + " ('u1', 'add_to_cart', TIMESTAMP '2026-10-29 10:00:00', 'email', NULL, NULL, 'premium', 's1'),"
                + " ('u2', 'add_to_cart', TIMESTAMP '2026-10-30 10:00:00', 'seo', NULL, NULL, 'basic', 's2'),"
                + " ('u2', 'purchase', TIMESTAMP '2026-10-30 11:00:00', 'seo', NULL, 20.5, 'basic', 's2'),"
                + " ('u3', 'add_to_cart', TIMESTAMP '2026-10-01 10:00:00', 'seo', NULL, NULL, 'basic', 's3'),"
                + " ('u3', 'product_view', TIMESTAMP '2026-10-30 10:00:00', 'seo', NULL, NULL, 'premium', 's3')");
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    @Test
    void theCartAbandonersIntentKeepsMobileCartsWithoutARecentPurchase() throws SQLException {
        List<String> rows = db.run("""
                WITH carts AS (
                  SELECT user_id, COUNT(*) AS carts_7d, MAX(event_time) AS last_cart_at
                  FROM events
                  WHERE event_name = 'add_to_cart'
                    AND event_time > TIMESTAMP_SUB(@run_time, INTERVAL 7 DAY)
                    AND event_time <= @run_time
                  GROUP BY user_id
                ),
                recent_buyers AS (
                  SELECT DISTINCT user_id FROM events
                  WHERE revenue > 0 AND event_time > TIMESTAMP_SUB(@run_time, INTERVAL 7 DAY) AND event_time <= @run_time
                )
                SELECT c.user_id, c.carts_7d, c.last_cart_at
                FROM carts AS c
                JOIN users AS u ON u.user_id = c.user_id
                WHERE u.device_type = 'mobile'
                  AND c.user_id NOT IN (SELECT user_id FROM recent_buyers)
                """);
        // u2 bought, u3's cart is older than 7 days
        assertEquals(List.of("u1 | 2 | 2026-10-30 10:00:00.0"), rows);
    }

    @Test
    void outputColumnsKeepTheirGoogleSqlNames() {
        String sql = DuckDbPreview.translate("SELECT user_id AS id, COUNT(*) AS n FROM events GROUP BY user_id");
        assertTrue(sql.contains("AS \"id\"") && sql.contains("AS \"n\""), sql);
    }

    @Test
    void havingAndCountIfCountOnlyTrueConditions() throws SQLException {
        assertEquals(List.of("u1 | 2"), db.run("""
                SELECT u.user_id, COUNTIF(e.event_name = 'add_to_cart') AS carts
                FROM users AS u JOIN events AS e ON e.user_id = u.user_id
                WHERE u.signup_date > DATE_SUB(DATE(@run_time), INTERVAL 30 DAY)
                GROUP BY u.user_id
                HAVING COUNTIF(e.event_name = 'add_to_cart') >= 2 AND COUNTIF(e.revenue > 0) = 0
                """));
    }

    @Test
    void everyUntranslatableConstructIsReportedInOneMessageWithItsPosition() {
        UnpreviewableSqlException e = assertThrows(UnpreviewableSqlException.class, () -> DuckDbPreview.translate("""
                SELECT user_id,
                  FARM_FINGERPRINT(user_id) AS f,
                  NET.HOST(source) AS h
                FROM events
                """));
        assertTrue(e.getMessage().contains("FARM_FINGERPRINT (at 2:3)"), e.getMessage());
        assertTrue(e.getMessage().contains("NET.HOST"), e.getMessage());
        assertEquals(2, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void withoutGoogleSqlsAnalyzerHandWrittenSqlIsNotPreviewable() {
        SqlAnalyzer approximation = new CalciteFallbackAnalyzer();
        ResolvedTreeDuckDbTranslator translator = new ResolvedTreeDuckDbTranslator(
                () -> new SqlAnalyzers.Choice(approximation, Optional.of("Unsupported os.arch")));
        UnpreviewableSqlException e = assertThrows(
                UnpreviewableSqlException.class,
                () -> translator.translate("SELECT user_id FROM users", Warehouse.CATALOG, "getvariable('run_time')"));
        assertTrue(e.getMessage().contains("Unsupported os.arch"), e.getMessage());
    }
}

package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.PreparedExpression;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.Value;
import com.google.zetasql.ZetaSQLType.TypeKind;
import io.segmentsascode.audience.HoldoutSplit;
import io.segmentsascode.googlesql.SqlAnalyzers;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The holdout split is the same in BigQuery, DuckDB and Java on every user of the generated
 * sample. BigQuery's condition is evaluated by GoogleSQL's reference implementation (the native
 * library the analyzer uses), DuckDB's by DuckDB on the sample, and both equal the Java twin that
 * the audience files destination applies.
 */
class HoldoutSplitDialectsTest {

    private static final Campaign.Holdout HOLDOUT = new Campaign.Holdout(0.1, "winback_2026");

    @TempDir
    Path stateDir;

    @Test
    void bigQueryDuckDbAndJavaHoldOutTheSameUsersOfTheSample() {
        long held = heldInEveryDialectAlike(HOLDOUT);

        // 10 % of 2,000 users: 200 expected, a binomial standard deviation of about 13
        assertTrue(held > 150 && held < 250, held + " users held out");
    }

    /**
     * The schema allows only {@code [a-z0-9_]} in a salt, but the SQL does not rely on it: a salt
     * written to break out of its literal stays text in both dialects (an injection would fail to
     * parse, or split otherwise than Java).
     */
    @Test
    void aSaltWrittenToBreakOutOfItsLiteralStaysText() {
        long held = heldInEveryDialectAlike(new Campaign.Holdout(0.1, "x'); DROP TABLE users; -- \\' \"`"));

        assertTrue(held > 150 && held < 250, held + " users held out");
    }

    /** How many users of the sample each dialect holds out, checked equal to Java for every one. */
    private long heldInEveryDialectAlike(Campaign.Holdout holdout) {
        assumeTrue(
                SqlAnalyzers.best().fallbackReason().isEmpty(),
                "GoogleSQL's native library does not load on this platform");
        Warehouse warehouse = TestWarehouses.bundled();
        DuckDbDialect duckDb = new DuckDbDialect();
        String query = "SELECT user_id, " + HoldoutSplit.controlCondition(duckDb, holdout, "user_id") + " FROM "
                + duckDb.physicalTable(warehouse, "users") + " ORDER BY user_id";
        List<List<Object>> rows;
        try (DuckDbPreviewEngine engine =
                DuckDbPreviewEngine.open(warehouse, new SampleSource.Generated(new SampleSpec(2_000, 42)), stateDir)) {
            rows = engine.read("holdout split", query, engine.latestDataTime());
        }

        AnalyzerOptions options = new AnalyzerOptions();
        options.addQueryParameter("user_id", TypeFactory.createSimpleType(TypeKind.TYPE_STRING));
        long held = 0;
        try (PreparedExpression bigQuery =
                new PreparedExpression(HoldoutSplit.controlCondition(new BigQueryDialect(), holdout, "@user_id"))) {
            bigQuery.prepare(options);
            for (List<Object> row : rows) {
                String userId = (String) row.get(0);
                boolean inDuckDb = (Boolean) row.get(1);
                boolean inBigQuery = bigQuery.execute(Map.of(), Map.of("user_id", Value.createStringValue(userId)))
                        .getBoolValue();
                boolean inJava = HoldoutSplit.inControl(holdout, userId);
                assertEquals(inJava, inDuckDb, "DuckDB differs for " + userId);
                assertEquals(inJava, inBigQuery, "BigQuery differs for " + userId);
                held += inJava ? 1 : 0;
            }
        }
        assertEquals(2_000, rows.size());
        return held;
    }
}

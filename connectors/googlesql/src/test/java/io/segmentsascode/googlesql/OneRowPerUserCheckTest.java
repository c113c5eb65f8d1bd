package io.segmentsascode.googlesql;

import static io.segmentsascode.googlesql.SharedAnalyzer.columns;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.analyze.SqlAnalysis;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of the one-row-per-user check the compiler puts around intent and sql queries, as
 * GoogleSQL's analyzer sees it: each user's rows counted in a step of their own, then
 * IF(..., TRUE, ERROR(...)) in the result's WHERE. The shorter QUALIFY form is refused by the
 * analyzer, which is why the count has a step of its own.
 */
class OneRowPerUserCheckTest {

    private static final String ERROR = "ERROR('seg_x: user_id appears on more than one row')";

    @Test
    void aCountInItsOwnStepCheckedInTheWhereAnalysesCleanly() {
        String sql = """
                WITH
                  _segment_rows AS (
                    SELECT
                      p.user_id AS user_id,
                      p.country AS country,
                      COUNT(*) OVER (PARTITION BY p.user_id) AS _rows_per_user_id
                    FROM (
                SELECT user_id, country FROM users
                ) AS p
                  )
                SELECT
                  user_id,
                  country
                FROM _segment_rows
                WHERE IF(_rows_per_user_id = 1, TRUE, %s)
                """.formatted(ERROR);

        SqlAnalysis analysis = SharedAnalyzer.googleSql().analyze(sql, Warehouse.CATALOG);

        assertEquals(List.of(), analysis.errors());
        assertEquals(List.of("user_id STRING", "country STRING"), columns(analysis));
    }

    @Test
    void theCountInsideIfNextToErrorIsRefusedEvenInQualify() {
        String sql = "SELECT p.user_id FROM (SELECT user_id FROM users) AS p WHERE TRUE\n"
                + "QUALIFY IF(COUNT(*) OVER (PARTITION BY p.user_id) = 1, TRUE, " + ERROR + ")";

        SqlAnalysis analysis = SharedAnalyzer.googleSql().analyze(sql, Warehouse.CATALOG);

        assertEquals(1, analysis.errors().size(), analysis.errors().toString());
        assertTrue(analysis.errors().get(0).message().startsWith("Analytic functions in side effect scopes are not yet implemented"),
                analysis.errors().get(0).message());
    }
}

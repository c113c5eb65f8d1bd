package io.segmentsascode.googlesql;

import static io.segmentsascode.googlesql.SharedAnalyzer.columns;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.analyze.SqlAnalysis;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shape of the one-row-per-user check the compiler puts around intent and sql queries, as
 * GoogleSQL's analyzer sees it: each user's rows counted in a step of their own, then
 * IF(..., TRUE, ERROR(...)) in the result's WHERE. (A QUALIFY form was refused while the
 * analyzer enforced conditional evaluation, an option BigQuery does not set; the step of its own
 * stays, as it reads the same in both dialects.)
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
}

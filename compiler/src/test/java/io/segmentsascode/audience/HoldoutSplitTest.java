package io.segmentsascode.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.Campaign;
import io.segmentsascode.render.BigQueryDialect;
import io.segmentsascode.render.DuckDbDialect;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The split itself; its equality in BigQuery and DuckDB on the sample is HoldoutSplitDialectsTest (connectors/duckdb). */
class HoldoutSplitTest {

    private static final Campaign.Holdout HOLDOUT = new Campaign.Holdout(0.1, "winback_2026");

    @Test
    void thresholdsAreTheShareOfThe32BitRangeInFixedWidthHex() {
        assertEquals("1999999a", HoldoutSplit.threshold(0.1));
        assertEquals("80000000", HoldoutSplit.threshold(0.5));
        assertEquals("00000000", HoldoutSplit.threshold(0));
    }

    /**
     * Digests by coreutils' md5sum: "winback_2026:u1" → c174121b… (above 1999999a, treated),
     * "winback_2026:u18" → 00bf82fb… and "winback_2026:u24" → 16975cbb… (below, control).
     */
    @Test
    void theDecisionReadsTheDigestPrefixOfSaltColonUserId() {
        assertEquals("winback_2026:u1", HoldoutSplit.hashed("winback_2026", "u1"));
        assertFalse(HoldoutSplit.inControl(HOLDOUT, "u1"));
        assertTrue(HoldoutSplit.inControl(HOLDOUT, "u18"));
        assertTrue(HoldoutSplit.inControl(HOLDOUT, "u24"));
        List<String> ids = IntStream.range(0, 10_000).mapToObj(i -> "u" + i).toList();
        long held =
                ids.stream().filter(id -> HoldoutSplit.inControl(HOLDOUT, id)).count();
        // 10 % of 10,000: 1,000 expected, binomial standard deviation 30
        assertEquals(1_000, held, 120);
    }

    @Test
    void aUsersGroupDependsOnItsIdAndTheSaltOnly() {
        List<String> ids = IntStream.range(0, 2_000).mapToObj(i -> "u" + i).toList();
        List<Boolean> before =
                ids.stream().map(id -> HoldoutSplit.inControl(HOLDOUT, id)).toList();
        // other users joining, other mappings' holdouts, another refresh: the same users stay held out
        IntStream.range(0, 500).forEach(i -> HoldoutSplit.inControl(new Campaign.Holdout(0.2, "other"), "x" + i));
        assertEquals(
                before,
                ids.stream().map(id -> HoldoutSplit.inControl(HOLDOUT, id)).toList());
        // a new salt draws a new control group
        assertNotEquals(
                before,
                ids.stream()
                        .map(id -> HoldoutSplit.inControl(new Campaign.Holdout(0.1, "winback_2027"), id))
                        .toList());
    }

    @Test
    void bothDialectsSpellTheSameComparison() {
        assertEquals(
                "SUBSTR(TO_HEX(MD5(CONCAT('winback_2026:', user_id))), 1, 8) < '1999999a'",
                HoldoutSplit.controlCondition(new BigQueryDialect(), HOLDOUT, "user_id"));
        assertEquals(
                "SUBSTR(md5(CONCAT('winback_2026:', user_id)), 1, 8) < '1999999a'",
                HoldoutSplit.controlCondition(new DuckDbDialect(), HOLDOUT, "user_id"));
    }
}

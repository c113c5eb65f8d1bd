package io.segmentsascode.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** BigQuery refuses a transaction that mutates more than 100 tables, so a large cadence swaps in groups. */
class RefreshSwapTransactionsTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 100, 101, 250})
    void everyTableIsSwappedOnceInOrderAndNoTransactionMutatesMoreThanTheLimit(int segments) {
        RefreshScript script = ManySwaps.daily(segments, List.of());

        List<List<String>> transactions = new ArrayList<>();
        List<String> open = null;
        List<String> truncated = new ArrayList<>();
        for (ScriptStatement statement : script.swapStatements()) {
            if (statement instanceof ScriptStatement.BeginTransaction) {
                assertEquals(null, open, "transactions do not nest");
                open = new ArrayList<>();
            } else if (statement instanceof ScriptStatement.CommitTransaction) {
                transactions.add(open);
                open = null;
            } else if (statement instanceof ScriptStatement.Truncate truncate) {
                open.add(truncate.table());
                truncated.add(truncate.table());
            } else {
                ScriptStatement.InsertSelect insert = assertInstanceOf(ScriptStatement.InsertSelect.class, statement);
                assertEquals(
                        open.get(open.size() - 1), insert.target(), "each table is refilled right after it is emptied");
            }
        }
        assertEquals(null, open, "the last transaction is committed");
        assertEquals(
                script.swaps().stream().map(RefreshScript.Swap::segmentTable).toList(), truncated);
        assertEquals((segments + 99) / 100, transactions.size());
        transactions.forEach(
                tables -> assertTrue(tables.size() <= RefreshScript.TRANSACTION_TABLE_LIMIT, "" + tables.size()));
    }
}

package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SqlTextTest {

    private static int statements(String sql) {
        return new SqlText(sql).statements().size();
    }

    @Test
    void countsStatementsOutsideLiteralsAndComments() {
        assertEquals(1, statements("SELECT 1"));
        assertEquals(1, statements("SELECT 1;"));
        assertEquals(1, statements("SELECT 1; -- comment"));
        assertEquals(1, statements("SELECT 1; # comment"));
        assertEquals(2, statements("SELECT 1; -- comment\nDROP TABLE x"));
        assertEquals(1, statements("SELECT ';' /* ; DROP TABLE x */"));
        assertEquals(1, statements("SELECT \"a;b\", `odd;name`, '''x;\ny''', r'\\';'"));
        assertEquals(2, statements("SELECT 1;\n;\nSELECT 2"));
        assertEquals(0, statements("  -- nothing\n/* at all */ ;"));
    }

    @Test
    void findsParametersOutsideLiterals() {
        SqlText text =
                new SqlText("SELECT @run_time, '@not_me', `@nor_me`, ? -- @nor_this\nFROM t WHERE x = @@dataset_id");
        assertEquals(
                List.of(
                        new SqlText.Parameter("run_time", 7, 9),
                        new SqlText.Parameter("?", 40, 1),
                        new SqlText.Parameter("@dataset_id", 72, 12)),
                text.parameters());
    }

    @Test
    void replacesParametersWithoutMovingAnything() {
        SqlText text = new SqlText("SELECT x FROM t WHERE ts > @run_time AND y = 1");
        assertEquals("SELECT x FROM t WHERE ts > ?         AND y = 1", text.withPositionalParameters());
    }
}

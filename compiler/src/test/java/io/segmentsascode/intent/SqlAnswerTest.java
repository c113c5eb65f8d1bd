package io.segmentsascode.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlAnswerTest {

    private static Optional<String> clean(String raw, StringBuilder why) {
        return SqlAnswer.clean(raw, why);
    }

    @Test
    void plainSqlIsKeptAndTrailingSemicolonsDropped() {
        assertEquals(
                Optional.of("SELECT user_id FROM users\n"),
                clean("  SELECT user_id FROM users;;\n", new StringBuilder()));
        assertEquals(
                Optional.of("WITH a AS (SELECT 1) SELECT * FROM a\n"),
                clean("WITH a AS (SELECT 1) SELECT * FROM a", new StringBuilder()));
    }

    @Test
    void oneSqlCodeFenceIsRemoved() {
        assertEquals(
                Optional.of("SELECT user_id FROM users\n"),
                clean("```sql\nSELECT user_id FROM users\n```", new StringBuilder()));
        assertEquals(Optional.of("SELECT 1\n"), clean("```\nSELECT 1\n```", new StringBuilder()));
    }

    @Test
    void proseAroundTheSqlIsRefusedWithAReason() {
        StringBuilder why = new StringBuilder();
        assertTrue(clean("Here is your query:\n```sql\nSELECT 1\n```\nIt selects one.", why)
                .isEmpty());
        assertEquals(
                "the answer mixes prose and code; return the SQL only, without explanation or code fences",
                why.toString());
        StringBuilder plain = new StringBuilder();
        assertTrue(clean("Sure! SELECT user_id FROM users", plain).isEmpty());
        assertTrue(plain.toString().startsWith("the answer does not start with SELECT or WITH"));
    }

    @Test
    void nonSqlFencesAndEmptyAnswersAreRefused() {
        StringBuilder why = new StringBuilder();
        assertTrue(clean("```python\nprint(1)\n```", why).isEmpty());
        assertEquals("the answer is a code block that is not SQL", why.toString());
        StringBuilder empty = new StringBuilder();
        assertTrue(clean("   ", empty).isEmpty());
        assertEquals("the answer was empty", empty.toString());
    }
}

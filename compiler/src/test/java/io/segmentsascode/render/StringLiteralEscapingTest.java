package io.segmentsascode.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Values from conditions reach the SQL only as literals the dialect escapes: whatever a segment
 * file holds, it cannot end the literal and append SQL of its own.
 */
class StringLiteralEscapingTest {

    static final String HOSTILE = "'); DROP TABLE x; --";
    static final String ODD = "back\\slash 'quote'\nnew line\ttab";

    @ParameterizedTest(name = "bigquery {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "plain          | 'plain'",
                "it's           | 'it\\'s'",
                "back\\slash    | 'back\\\\slash'",
                "`'); DROP TABLE x; --` | '\\'); DROP TABLE x; --'",
                "``             | ''",
            })
    void bigQueryEscapesQuoteAndBackslash(String value, String literal) {
        assertEquals(literal, new BigQueryDialect().stringLiteral(value));
    }

    @Test
    void bigQueryEscapesLineBreaksAndControlCharacters() {
        assertEquals("'a\\nb\\rc\\td\\x01e\\x1f'", new BigQueryDialect().stringLiteral("a\nb\rc\td\u0001e\u001f"));
        assertEquals("'zürich – ok'", new BigQueryDialect().stringLiteral("zürich – ok"));
    }

    @ParameterizedTest(name = "duckdb {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "plain          | 'plain'",
                "it's           | 'it''s'",
                "back\\slash    | 'back\\slash'",
                "`'); DROP TABLE x; --` | '''); DROP TABLE x; --'",
                "``             | ''",
            })
    void duckDbDoublesQuotesAndKeepsBackslashes(String value, String literal) {
        assertEquals(literal, new DuckDbDialect().stringLiteral(value));
    }

    @Test
    void duckDbKeepsLineBreaksInsideTheLiteral() {
        assertEquals("'a\nb'", new DuckDbDialect().stringLiteral("a\nb"));
    }

    @Test
    void hostileConditionValueIsOneEscapedLiteralInBothDialects(@TempDir Path dir) throws IOException {
        Path segments = dir.resolve("segments");
        Files.createDirectories(segments);
        try (InputStream warehouse = getClass().getResourceAsStream("/bad-input/_base/segments/warehouse.yaml")) {
            Files.copy(warehouse, segments.resolve("warehouse.yaml"));
        }
        Files.writeString(segments.resolve("seg_intent_injection.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_intent_injection
                description: Condition values holding quotes, backslashes, line breaks and SQL.
                owner: qa@example.com
                stage: experimental
                refresh: daily
                rules:
                  window_days: 30
                  metrics:
                    hostile_views:
                      table: events
                      aggregate: count
                      where: "event_name = '''); DROP TABLE x; --'"
                    odd_views:
                      table: events
                      aggregate: count
                      where: "event_name = 'back\\\\slash ''quote''\\nnew line\\ttab'"
                  include: hostile_views > 0 or odd_views > 0
                """, StandardCharsets.UTF_8);

        Stages compiler = new Stages();
        ResolvedProject project = compiler.check(segments, dir.resolve("campaigns"));
        for (Dialect dialect : List.of(new BigQueryDialect(), new DuckDbDialect())) {
            RenderedSegment rendered = compiler.render(project, compiler.generate(project), dialect)
                    .get(0);
            assertEquals("seg_intent_injection", rendered.segmentId());
            String sql = rendered.sql();
            boolean backslashEscapes = dialect instanceof BigQueryDialect;
            Scanned scanned = scan(sql, backslashEscapes);

            assertEquals(1, Collections.frequency(scanned.literals(), HOSTILE), dialect.name() + "\n" + sql);
            assertEquals(1, Collections.frequency(scanned.literals(), ODD), dialect.name() + "\n" + sql);
            assertFalse(scanned.code().contains("DROP"), dialect.name() + ": SQL outside literals:\n" + scanned.code());
            assertFalse(
                    scanned.code().contains("--"), dialect.name() + ": a comment outside literals:\n" + scanned.code());
            assertFalse(scanned.code().contains(";"), dialect.name() + ": a second statement:\n" + scanned.code());
            assertTrue(sql.contains("event_name = " + dialect.stringLiteral(HOSTILE)), sql);
        }
    }

    /** SQL split into what is code and the decoded values of its string literals. */
    record Scanned(String code, List<String> literals) {}

    /** A small lexer for single-quoted literals: '' is a quote; with backslash escapes, \x is x (\n etc. decoded). */
    static Scanned scan(String sql, boolean backslashEscapes) {
        StringBuilder code = new StringBuilder();
        List<String> literals = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c != '\'') {
                code.append(c);
                i++;
                continue;
            }
            StringBuilder value = new StringBuilder();
            i++;
            while (true) {
                if (i >= sql.length()) {
                    throw new AssertionError("unterminated literal in\n" + sql);
                }
                char d = sql.charAt(i);
                if (backslashEscapes && d == '\\') {
                    char e = sql.charAt(i + 1);
                    value.append(
                            switch (e) {
                                case 'n' -> '\n';
                                case 'r' -> '\r';
                                case 't' -> '\t';
                                default -> e;
                            });
                    i += 2;
                } else if (d == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'' && !backslashEscapes) {
                    value.append('\'');
                    i += 2;
                } else if (d == '\'') {
                    i++;
                    break;
                } else {
                    value.append(d);
                    i++;
                }
            }
            code.append("''");
            literals.add(value.toString());
        }
        return new Scanned(code.toString(), literals);
    }
}

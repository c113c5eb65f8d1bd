package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalysis.TextRange;
import io.segmentsascode.analyze.SqlAnalyzer;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where the one statement of a text stands ({@link SqlAnalysis#statement()}), as the guardrails
 * will embed it in a larger query: without its {@code ;} or the blanks and comments around it,
 * and only when the text holds exactly one statement that parses. Both analyzers agree.
 */
class StatementRangeTest {

    private static Optional<TextRange> range(String analyzer, String sql) {
        SqlAnalyzer chosen =
                analyzer.equals("googlesql") ? SharedAnalyzer.googleSql() : CalciteFallbackAnalyzerTest.CALCITE;
        return chosen.analyze(sql, Warehouse.CATALOG).statement();
    }

    private static Optional<String> statementText(String analyzer, String sql) {
        return range(analyzer, sql).map(range -> sql.substring(range.start(), range.end()));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlesql", "calcite"})
    void theWholeTextWhenItIsJustTheStatement(String analyzer) {
        assertEquals(Optional.of(new TextRange(0, 8)), range(analyzer, "SELECT 1"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlesql", "calcite"})
    void withoutItsSemicolon(String analyzer) {
        assertEquals(Optional.of(new TextRange(0, 8)), range(analyzer, "SELECT 1;"));
        assertEquals(
                Optional.of("SELECT user_id FROM users"), statementText(analyzer, "SELECT user_id FROM users ;\n"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlesql", "calcite"})
    void withoutBlanksAndCommentsAround(String analyzer) {
        assertEquals(
                Optional.of("SELECT 1"),
                statementText(analyzer, "-- leading\n  /* block */ SELECT 1 /* tail */ ;  -- after\n"));
        assertEquals(
                Optional.of("SELECT user_id FROM users"),
                statementText(analyzer, "\n\t SELECT user_id FROM users -- trailing comment"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlesql", "calcite"})
    void commentsInsideTheStatementStay(String analyzer) {
        assertEquals(
                Optional.of("SELECT user_id -- who\nFROM users"),
                statementText(analyzer, "SELECT user_id -- who\nFROM users;"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlesql", "calcite"})
    void charIndicesNotBytes(String analyzer) {
        // 'é' is two UTF-8 bytes and '😀' two Java chars: the range counts chars
        String sql = "/* é */ SELECT 'é😀' AS x;";
        assertEquals(Optional.of(new TextRange(8, 25)), range(analyzer, sql));
        assertEquals(Optional.of("SELECT 'é😀' AS x"), statementText(analyzer, sql));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlesql", "calcite"})
    void noRangeForSeveralStatements(String analyzer) {
        assertEquals(Optional.empty(), range(analyzer, "SELECT 1; SELECT 2"));
        assertEquals(Optional.empty(), range(analyzer, "SELECT user_id FROM users; -- hidden\nDROP TABLE users"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlesql", "calcite"})
    void noRangeForNoStatement(String analyzer) {
        assertEquals(Optional.empty(), range(analyzer, ""));
        assertEquals(Optional.empty(), range(analyzer, "  -- only a comment\n"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlesql", "calcite"})
    void noRangeForAStatementThatDoesNotParse(String analyzer) {
        assertEquals(Optional.empty(), range(analyzer, "SELECT user_id FROM"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"googlesql", "calcite"})
    void aRangeForAStatementThatParsesButDoesNotResolve(String analyzer) {
        assertEquals(
                Optional.of("SELECT emal FROM identities"), statementText(analyzer, "SELECT emal FROM identities;"));
    }
}

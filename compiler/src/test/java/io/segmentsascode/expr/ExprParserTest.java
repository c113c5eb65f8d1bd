package io.segmentsascode.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.diagnostics.TextSyntaxException;
import io.segmentsascode.expr.Expr.And;
import io.segmentsascode.expr.Expr.BooleanLiteral;
import io.segmentsascode.expr.Expr.Compare;
import io.segmentsascode.expr.Expr.CompareOp;
import io.segmentsascode.expr.Expr.In;
import io.segmentsascode.expr.Expr.IsNull;
import io.segmentsascode.expr.Expr.Name;
import io.segmentsascode.expr.Expr.Not;
import io.segmentsascode.expr.Expr.NumberLiteral;
import io.segmentsascode.expr.Expr.Or;
import io.segmentsascode.expr.Expr.StringLiteral;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExprParserTest {

    /** The tree without offsets: "or(a, and(b, c))", so precedence tests read like the rule they check. */
    static String shape(Expr expr) {
        if (expr instanceof Name n) {
            return n.name();
        }
        if (expr instanceof NumberLiteral n) {
            return n.value().toPlainString();
        }
        if (expr instanceof StringLiteral s) {
            return "'" + s.value() + "'";
        }
        if (expr instanceof BooleanLiteral b) {
            return String.valueOf(b.value());
        }
        if (expr instanceof Compare c) {
            return "(" + shape(c.left()) + " " + c.op().sql() + " " + shape(c.right()) + ")";
        }
        if (expr instanceof In in) {
            return "in" + (in.negated() ? "!" : "") + "(" + shape(in.value()) + ", "
                    + String.join(
                            ", ",
                            in.candidates().stream().map(ExprParserTest::shape).toList()) + ")";
        }
        if (expr instanceof IsNull n) {
            return (n.negated() ? "notnull(" : "null(") + shape(n.value()) + ")";
        }
        if (expr instanceof And a) {
            return "and(" + shape(a.left()) + ", " + shape(a.right()) + ")";
        }
        if (expr instanceof Or o) {
            return "or(" + shape(o.left()) + ", " + shape(o.right()) + ")";
        }
        if (expr instanceof Expr.InSegment ref) {
            return "member(" + ref.segmentId() + ")";
        }
        return "not(" + shape(((Not) expr).operand()) + ")";
    }

    @Test
    void inSegmentNamesOneSegmentAndCombinesLikeAnyCondition() {
        Expr expr = parse("in_segment('seg_rfm_champions') and not IN_SEGMENT ( 'seg_rfm_at_risk' )");

        assertEquals("and(member(seg_rfm_champions), not(member(seg_rfm_at_risk)))", shape(expr));
        assertEquals(
                List.of(new Expr.InSegment("seg_rfm_champions", 0, 11), new Expr.InSegment("seg_rfm_at_risk", 40, 53)),
                Expr.segmentReferences(expr));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "in_segment()                          | 11 | in_segment takes one quoted segment id",
                "in_segment(seg_rfm_champions)         | 11 | in_segment takes one quoted segment id",
                "in_segment('a', 'b')                  | 14 | in_segment takes exactly one segment id",
                "in_segment('seg_a') or in_segment('x' | 37 | in_segment takes exactly one segment id",
            })
    void inSegmentTakesExactlyOneQuotedId(String text, int offset, String message) {
        TextSyntaxException e = error(text.strip());
        assertEquals(message, e.getMessage());
        assertEquals(offset, e.offset());
    }

    /** Without a parenthesis it is an ordinary name (a column may be called in_segment). */
    @Test
    void inSegmentWithoutParenthesisIsAName() {
        assertEquals("(in_segment = 1)", shape(parse("in_segment = 1")));
    }

    static Expr parse(String text) {
        try {
            return ExprParser.parse(text);
        } catch (TextSyntaxException e) {
            throw new AssertionError("'" + text + "' should parse: " + e.getMessage() + " at " + e.offset(), e);
        }
    }

    static TextSyntaxException error(String text) {
        return assertThrows(TextSyntaxException.class, () -> ExprParser.parse(text), text);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "a or b and c                | or(a, and(b, c))",
                "a and b or c                | or(and(a, b), c)",
                "a or b or c                 | or(or(a, b), c)",
                "a and b and c               | and(and(a, b), c)",
                "(a or b) and c              | and(or(a, b), c)",
                "not a or b                  | or(not(a), b)",
                "not a and b                 | and(not(a), b)",
                "not (a or b)                | not(or(a, b))",
                "not not a                   | not(not(a))",
                "r >= 4 and f >= 4 or m = 5  | or(and((r >= 4), (f >= 4)), (m = 5))",
                "not r < 2                   | not((r < 2))",
                "A AND b Or NOT c            | or(and(A, b), not(c))",
                "x is null or y is not null  | or(null(x), notnull(y))",
                "not x is null               | not(null(x))",
                "x in (1, 2.5) and y         | and(in(x, 1, 2.5), y)",
                "x not in ('a') or y         | or(in!(x, 'a'), y)",
                "((a))                       | a",
                "flag = true                 | (flag = true)",
                "flag <> FALSE               | (flag <> false)",
                "orders > 1 and notes = 0    | and((orders > 1), (notes = 0))",
                "in_stock = 1 or isnull = 2  | or((in_stock = 1), (isnull = 2))",
            })
    void precedenceAndAssociativity(String text, String expected) {
        assertEquals(expected, shape(parse(text)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "a = 1   | EQ",
                "a == 1  | EQ",
                "a <> 1  | NE",
                "a != 1  | NE",
                "a < 1   | LT",
                "a <= 1  | LE",
                "a > 1   | GT",
                "a >= 1  | GE",
                "a>=1    | GE",
            })
    void comparisonOperators(String text, CompareOp op) {
        Compare compare = (Compare) parse(text);
        assertEquals(op, compare.op());
        assertEquals(new Name("a", 0), compare.left());
        assertEquals(new BigDecimal("1"), ((NumberLiteral) compare.right()).value());
    }

    @Test
    void inListsHoldNumbersAndStrings() {
        In in = (In) parse("source in ('email', 'organic', -1.5)");
        assertEquals(new Name("source", 0), in.value());
        assertEquals(
                List.of(
                        new StringLiteral("email", 11),
                        new StringLiteral("organic", 20),
                        new NumberLiteral(new BigDecimal("-1.5"), 31)),
                in.candidates());
        assertEquals(false, in.negated());
        assertEquals(true, ((In) parse("source not in ('x')")).negated());
    }

    @Test
    void inListsRefuseNamesAndNeedParentheses() {
        TextSyntaxException name = error("source in ('email', medium)");
        assertEquals("'in' lists take numbers or quoted strings only", name.getMessage());
        assertEquals(20, name.offset());

        TextSyntaxException bare = error("source in 'email'");
        assertEquals("expected '(' after 'in'", bare.getMessage());
        assertEquals(10, bare.offset());

        TextSyntaxException unclosed = error("source in ('a', 'b'");
        assertEquals("expected ',' or ')' in the 'in' list", unclosed.getMessage());
        assertEquals(19, unclosed.offset());
    }

    @Test
    void isNullAndIsNotNull() {
        assertEquals(new IsNull(new Name("country", 0), false, 8), parse("country is null"));
        assertEquals(new IsNull(new Name("country", 0), true, 8), parse("country IS NOT NULL"));
        TextSyntaxException missing = error("country is empty");
        assertEquals("expected 'null' after 'is'", missing.getMessage());
        assertEquals(11, missing.offset());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "x = 'it''s'      | it's",
                "x = ''''         | '",
                "x = ''           | ''",
                "x = 'a''''b'     | a''b",
                "x = 'and or not' | and or not",
                "x = '\\'         | \\",
            })
    void singleQuotedStringsEscapeQuotesByDoubling(String text, String value) {
        String expected = value.equals("''") ? "" : value;
        assertEquals(new StringLiteral(expected, 4), ((Compare) parse(text)).right());
    }

    @Test
    void offsetsOfNodesAreCharacterPositions() {
        Compare compare = (Compare) parse("  r >= 4");
        assertEquals(new Name("r", 2), compare.left());
        assertEquals(new NumberLiteral(new BigDecimal("4"), 7), compare.right());
        assertEquals(4, compare.offset(), "a comparison is located at its operator");
        Expr not = ((Or) parse("x or not y")).right();
        assertEquals(new Not(new Name("y", 9), 5), not);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`r >= `            | 5  | condition ends too early                 | complete the comparison, e.g. 'f >= 4'",
                "`r >> 4`           | 3  | unexpected '>'                           | conditions use names, numbers, 'quoted text', comparisons and and/or/not",
                "`x = 'abc`         | 4  | unterminated string                      | close the text with a single quote",
                "`x = \"abc\"`      | 4  | strings use single quotes                | write 'text' instead of \"text\"",
                "`(a = 1`           | 6  | missing ')'                              | close the parenthesis opened at column 1",
                "`a = 1 (b = 2)`    | 6  | unexpected '(b'                          | join conditions with 'and' / 'or'",
                "`a = 1 b = 2`      | 6  | unexpected 'b'                           | join conditions with 'and' / 'or'",
                "`   `              | 0  | condition is empty                       | write a condition such as 'f >= 4'",
                "`a not = 1`        | 2  | expected 'in' after 'not'                | write 'x not in (...)' or 'not (x = y)'",
                "`and a`            | 0  | unexpected keyword 'and'                 | put a name or a value before 'and'",
                "`a = null`         | 4  | unexpected keyword 'null'                | put a name or a value before 'null'",
                "`a >= 4x`          | 5  | '4x' is not a number                     | names start with a letter; numbers are written like 4 or 0.5",
                "`a >= 1.2.3`       | 5  | '1.2.3' is not a number                  | write numbers like 4, -1 or 0.5",
                "`a >= -`           | 5  | '-' is not a number                      | write numbers like 4, -1 or 0.5",
                "`a @ 1`            | 2  | unexpected '@'                           | join conditions with 'and' / 'or'",
                "`a and`            | 5  | condition ends too early                 | complete the comparison, e.g. 'f >= 4'",
            })
    void syntaxErrorsAreLocated(String text, int offset, String message, String hint) {
        TextSyntaxException e = error(text);
        assertEquals(message, e.getMessage());
        assertEquals(offset, e.offset());
        assertEquals(hint, e.hint());
    }

    @Test
    void overlongConditionsAreRefused() {
        String text = "a = 1" + " or a = 1".repeat(ExprParser.MAX_LENGTH / 9);
        TextSyntaxException e = error(text);
        assertEquals("condition is " + text.length() + " characters long, over the limit of 2000", e.getMessage());
        assertEquals(0, e.offset());
    }

    @Test
    void deepNestingIsRefusedAtTheParenthesisOverTheLimit() {
        assertEquals("a", shape(parse("(".repeat(50) + "a" + ")".repeat(50))));
        TextSyntaxException e = error("(".repeat(51) + "a" + ")".repeat(51));
        assertEquals("condition nests deeper than 50 levels", e.getMessage());
        assertEquals(50, e.offset());
        TextSyntaxException nots = error("not ".repeat(51) + "a");
        assertEquals("condition nests deeper than 50 levels", nots.getMessage());
        assertEquals(200, nots.offset());
    }
}

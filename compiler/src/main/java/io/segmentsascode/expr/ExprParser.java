package io.segmentsascode.expr;

import io.segmentsascode.diagnostics.TextSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recursive-descent parser for conditions such as {@code r >= 4 and f >= 4} or
 * {@code source in ('email', 'organic') and not country is null}. Keywords are case-insensitive;
 * strings use single quotes with {@code ''} as an escaped quote.
 */
public final class ExprParser {

    public static final int MAX_LENGTH = 2000;
    private static final int MAX_DEPTH = 50;
    /** The one function of the language: membership of another segment. */
    public static final String IN_SEGMENT = "in_segment";

    private final String text;
    private int pos;
    private int depth;

    private ExprParser(String text) {
        this.text = text;
    }

    public static Expr parse(String text) throws TextSyntaxException {
        if (text.length() > MAX_LENGTH) {
            throw new TextSyntaxException(
                    "condition is " + text.length() + " characters long, over the limit of " + MAX_LENGTH,
                    0,
                    "split it into named metrics");
        }
        ExprParser parser = new ExprParser(text);
        parser.skipSpace();
        if (parser.atEnd()) {
            throw new TextSyntaxException("condition is empty", 0, "write a condition such as 'f >= 4'");
        }
        Expr expr = parser.or();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw new TextSyntaxException(
                    "unexpected '" + parser.tokenPreview() + "'", parser.pos, "join conditions with 'and' / 'or'");
        }
        return expr;
    }

    private Expr or() throws TextSyntaxException {
        Expr left = and();
        while (keyword("or")) {
            int at = pos;
            left = new Expr.Or(left, and(), at);
        }
        return left;
    }

    private Expr and() throws TextSyntaxException {
        Expr left = not();
        while (keyword("and")) {
            int at = pos;
            left = new Expr.And(left, not(), at);
        }
        return left;
    }

    private Expr not() throws TextSyntaxException {
        skipSpace();
        int at = pos;
        if (keyword("not")) {
            enter(at);
            Expr operand = not();
            depth--;
            return new Expr.Not(operand, at);
        }
        return comparison();
    }

    private Expr comparison() throws TextSyntaxException {
        Expr left = primary();
        skipSpace();
        int at = pos;
        if (keyword("is")) {
            boolean negated = keyword("not");
            if (!keyword("null")) {
                throw new TextSyntaxException(
                        "expected 'null' after 'is'", pos, "write 'x is null' or 'x is not null'");
            }
            return new Expr.IsNull(left, negated, at);
        }
        int beforeNot = pos;
        boolean negated = keyword("not");
        if (keyword("in")) {
            return new Expr.In(left, list(), negated, at);
        }
        if (negated) {
            pos = beforeNot;
            throw new TextSyntaxException("expected 'in' after 'not'", pos, "write 'x not in (...)' or 'not (x = y)'");
        }
        Expr.CompareOp op = compareOp();
        if (op == null) {
            return left;
        }
        return new Expr.Compare(left, op, primary(), at);
    }

    private List<Expr> list() throws TextSyntaxException {
        skipSpace();
        if (!consume("(")) {
            throw new TextSyntaxException("expected '(' after 'in'", pos, "write the values as in ('a', 'b')");
        }
        List<Expr> values = new ArrayList<>();
        do {
            Expr value = primary();
            if (!(value instanceof Expr.NumberLiteral || value instanceof Expr.StringLiteral)) {
                throw new TextSyntaxException(
                        "'in' lists take numbers or quoted strings only", value.offset(), "quote text values: 'email'");
            }
            values.add(value);
            skipSpace();
        } while (consume(","));
        if (!consume(")")) {
            throw new TextSyntaxException("expected ',' or ')' in the 'in' list", pos, "close the list with ')'");
        }
        return values;
    }

    private Expr.CompareOp compareOp() {
        skipSpace();
        String[] ops = {">=", "<=", "<>", "!=", "==", "=", "<", ">"};
        for (String op : ops) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return switch (op) {
                    case ">=" -> Expr.CompareOp.GE;
                    case "<=" -> Expr.CompareOp.LE;
                    case "<>", "!=" -> Expr.CompareOp.NE;
                    case "==", "=" -> Expr.CompareOp.EQ;
                    case "<" -> Expr.CompareOp.LT;
                    default -> Expr.CompareOp.GT;
                };
            }
        }
        return null;
    }

    private Expr primary() throws TextSyntaxException {
        skipSpace();
        int at = pos;
        if (atEnd()) {
            throw new TextSyntaxException("condition ends too early", pos, "complete the comparison, e.g. 'f >= 4'");
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            enter(at);
            Expr inner = or();
            depth--;
            skipSpace();
            if (!consume(")")) {
                throw new TextSyntaxException("missing ')'", pos, "close the parenthesis opened at column " + (at + 1));
            }
            return inner;
        }
        if (c == '\'') {
            return string(at);
        }
        if (c == '"') {
            throw new TextSyntaxException("strings use single quotes", at, "write 'text' instead of \"text\"");
        }
        if (Character.isDigit(c) || c == '-' || c == '.') {
            return number(at);
        }
        if (Character.isLetter(c) || c == '_') {
            String word = word();
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals(IN_SEGMENT) && nextIs('(')) {
                return inSegment(at);
            }
            switch (lower) {
                case "true":
                    return new Expr.BooleanLiteral(true, at);
                case "false":
                    return new Expr.BooleanLiteral(false, at);
                case "and", "or", "not", "in", "is", "null":
                    throw new TextSyntaxException(
                            "unexpected keyword '" + word + "'", at, "put a name or a value before '" + word + "'");
                default:
                    return new Expr.Name(word, at);
            }
        }
        throw new TextSyntaxException(
                "unexpected '" + c + "'",
                at,
                "conditions use names, numbers, 'quoted text', comparisons and and/or/not");
    }

    /** {@code in_segment('seg_id')}: exactly one quoted id, nothing else; the id is checked by the resolver. */
    private Expr inSegment(int at) throws TextSyntaxException {
        skipSpace();
        if (!consume("(")) {
            throw new TextSyntaxException(
                    "expected '(' after in_segment", pos, "write in_segment('seg_rfm_champions')");
        }
        skipSpace();
        int idAt = pos;
        if (atEnd() || text.charAt(pos) != '\'') {
            throw new TextSyntaxException(
                    "in_segment takes one quoted segment id", pos, "write in_segment('seg_rfm_champions')");
        }
        Expr.StringLiteral id = (Expr.StringLiteral) string(idAt);
        skipSpace();
        if (!consume(")")) {
            throw new TextSyntaxException(
                    "in_segment takes exactly one segment id", pos, "close it after the id: in_segment('seg_id')");
        }
        return new Expr.InSegment(id.value(), at, idAt);
    }

    private Expr string(int at) throws TextSyntaxException {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (atEnd()) {
                throw new TextSyntaxException("unterminated string", at, "close the text with a single quote");
            }
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (!atEnd() && text.charAt(pos) == '\'') {
                    value.append('\'');
                    pos++;
                    continue;
                }
                return new Expr.StringLiteral(value.toString(), at);
            }
            value.append(c);
        }
    }

    private Expr number(int at) throws TextSyntaxException {
        int start = pos;
        if (text.charAt(pos) == '-') {
            pos++;
        }
        while (!atEnd() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
            pos++;
        }
        String literal = text.substring(start, pos);
        if (!atEnd() && (Character.isLetter(text.charAt(pos)) || text.charAt(pos) == '_')) {
            throw new TextSyntaxException(
                    "'" + literal + word() + "' is not a number",
                    at,
                    "names start with a letter; numbers are written like 4 or 0.5");
        }
        try {
            return new Expr.NumberLiteral(new BigDecimal(literal), at);
        } catch (NumberFormatException e) {
            throw new TextSyntaxException("'" + literal + "' is not a number", at, "write numbers like 4, -1 or 0.5");
        }
    }

    private String word() {
        int start = pos;
        while (!atEnd() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private boolean keyword(String keyword) {
        skipSpace();
        int end = pos + keyword.length();
        if (end <= text.length()
                && text.regionMatches(true, pos, keyword, 0, keyword.length())
                && (end == text.length()
                        || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'))) {
            pos = end;
            return true;
        }
        return false;
    }

    private boolean nextIs(char symbol) {
        int at = pos;
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
        return at < text.length() && text.charAt(at) == symbol;
    }

    private boolean consume(String symbol) {
        skipSpace();
        if (text.startsWith(symbol, pos)) {
            pos += symbol.length();
            return true;
        }
        return false;
    }

    private void enter(int at) throws TextSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw new TextSyntaxException(
                    "condition nests deeper than " + MAX_DEPTH + " levels", at, "simplify the condition");
        }
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private String tokenPreview() {
        int end = pos;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(pos, end);
    }
}

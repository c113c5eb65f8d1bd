package io.segmentsascode.duckdb.translate;

import java.util.List;
import java.util.Optional;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** Operators that exist only in the DuckDB output (Calcite has no node that prints like them). */
final class DuckDbOperators {

    private DuckDbOperators() {
    }

    /** Binds tighter than any operator, so Calcite never puts parentheses around it. */
    private static final int PRIMARY = 100;

    /** DuckDB's integer division: truncates toward zero, BIGINT // BIGINT is BIGINT. */
    static final SqlBinaryOperator INTEGER_DIVIDE =
            new SqlBinaryOperator("//", SqlKind.OTHER, 60, true, null, null, null);

    /** A DuckDB function, printed under its own name. */
    static SqlFunction function(String name) {
        return new SqlFunction(name, SqlKind.OTHER_FUNCTION, null, null, null, SqlFunctionCategory.SYSTEM);
    }

    static SqlCall call(String function, SqlParserPos pos, SqlNode... operands) {
        return function(function).createCall(pos, operands);
    }

    /**
     * {@code INTERVAL n UNIT} in the form DuckDB parses: a non-negative numeric literal as is,
     * any other value in parentheses ({@code INTERVAL (-3) DAY}, {@code INTERVAL (x * 2) HOUR};
     * DuckDB rejects {@code INTERVAL x DAY}).
     */
    static SqlCall interval(SqlNode value, String unit, SqlParserPos pos) {
        return new SqlBasicCall(new IntervalOperator(unit), List.of(value), pos);
    }

    /** The unit of an {@link #interval} node, empty for any other node. */
    static Optional<String> intervalUnit(SqlNode node) {
        return node instanceof SqlCall call && call.getOperator() instanceof IntervalOperator interval
                ? Optional.of(interval.unit) : Optional.empty();
    }

    /** A DuckDB expression given by the engine (the reference time), printed verbatim. */
    static SqlCall verbatim(String expression, SqlParserPos pos) {
        return new SqlBasicCall(new VerbatimOperator(expression), List.of(), pos);
    }

    private static final class IntervalOperator extends SqlSpecialOperator {
        private final String unit;

        IntervalOperator(String unit) {
            super("INTERVAL", SqlKind.OTHER, PRIMARY);
            this.unit = unit;
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            SqlNode value = call.operand(0);
            writer.keyword("INTERVAL");
            if (value instanceof SqlNumericLiteral n && n.signum() >= 0) {
                value.unparse(writer, 0, 0);
            } else {
                SqlWriter.Frame frame = writer.startList("(", ")");
                value.unparse(writer, 0, 0);
                writer.endList(frame);
            }
            writer.keyword(unit);
        }
    }

    private static final class VerbatimOperator extends SqlSpecialOperator {
        private final String expression;

        VerbatimOperator(String expression) {
            super("VERBATIM", SqlKind.OTHER, PRIMARY);
            this.expression = expression;
        }

        @Override
        public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
            writer.literal(expression);
        }
    }
}

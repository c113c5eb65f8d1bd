package io.segmentsascode.duckdb.translate;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.render.SqlTranslator;
import io.segmentsascode.render.UnpreviewableSqlException;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Translates a GoogleSQL (BigQuery) query over the <em>logical</em> tables ({@code users},
 * {@code events}, {@code sessions}, …) into DuckDB SQL for the local preview, on Apache Calcite's
 * parse tree, never by text substitution. Stateless and thread-safe; the first call in a JVM
 * loads Calcite (≈ 0.5 s), later calls take a few milliseconds.
 *
 * <h2>How</h2>
 * <ol>
 *   <li>{@link GoogleSqlScanner} lexes the text once (strings, backtick identifiers, the three
 *       comment styles, parameters). Calcite's BigQuery parser rejects {@code @name}
 *       ("Lexical error … Encountered: "@""), so each real {@code @run_time} token becomes the
 *       placeholder identifier {@code $run_time} (same length; {@code $} is refused elsewhere,
 *       so it cannot collide), which the tree rewrite replaces. {@code @run_time} inside a string
 *       literal, a quoted identifier or a comment is not a token and stays as it is. Comments
 *       are blanked. Other parameters ({@code @x}, {@code @@x}, {@code ?}) are refused. String
 *       literals are decoded with BigQuery's escapes (Calcite only understands {@code \'});
 *       names GoogleSQL allows unquoted but Calcite reserves ({@code date}, {@code time},
 *       {@code timestamp}, {@code variant}, day names) get backticks where used as names, and
 *       Calcite's positions are mapped back to the caller's text.</li>
 *   <li>Calcite 1.42 babel parser with BigQuery lexical rules and conformance parses exactly one
 *       query (a trailing {@code ;} is fine); DML/DDL or several statements are refused.</li>
 *   <li>{@link DuckDbRewriter} (a {@code SqlShuttle}) rewrites the tree; functions and node kinds
 *       are allow-lists, anything else is refused.</li>
 *   <li>The tree is printed with Calcite's DuckDB dialect, adjusted ({@link PreviewDuckDbSqlDialect})
 *       to quote only names DuckDB needs quoted and keep their case (the logical table names stay
 *       as written and bind to the engine's CTEs), and to print {@code LIMIT} and plain string
 *       literals. The output is one query without a trailing semicolon.</li>
 * </ol>
 *
 * <h2>Rewrites</h2>
 * <ul>
 *   <li>{@code @run_time} → the engine's expression (e.g. {@code getvariable('run_time')}),
 *       printed verbatim (in parentheses unless it is a name or a function call).</li>
 *   <li>{@code SAFE_DIVIDE(a, b)} → {@code CASE WHEN b = 0 THEN NULL ELSE CAST(a AS DOUBLE) / b END}.</li>
 *   <li>{@code COUNTIF(x)} → {@code COUNT(*) FILTER (WHERE x)} (BIGINT; DuckDB's count_if is HUGEINT),
 *       also under OVER.</li>
 *   <li>{@code TIMESTAMP_ADD/SUB(ts, INTERVAL n u)} → {@code ts ± INTERVAL n u} (u from MICROSECOND
 *       to DAY); {@code DATE_ADD/SUB(d, INTERVAL n u)} → {@code CAST(d ± INTERVAL n u AS DATE)}
 *       (u from DAY to YEAR; month ends clamp on both engines); any interval value other than a
 *       non-negative literal is printed {@code INTERVAL (expr) u}, the only form DuckDB parses.</li>
 *   <li>{@code TIMESTAMP_DIFF(a, b, u)} → {@code (EPOCH_US(a) - EPOCH_US(b)) // micros(u)}: whole
 *       units truncated toward zero like BigQuery (negative differences too: -2.5 days is -2),
 *       exact integer arithmetic, BIGINT.</li>
 *   <li>{@code DATE_DIFF(a, b, DAY|MONTH|QUARTER|YEAR)} → {@code DATE_DIFF('day', b, a)} (argument
 *       order swapped; both count unit boundaries).</li>
 *   <li>{@code TIMESTAMP_TRUNC(ts, u)} → {@code DATE_TRUNC('u', ts)};
 *       {@code DATE_TRUNC(d, u)} → {@code CAST(DATE_TRUNC('u', d) AS DATE)} (ISOWEEK → 'week').</li>
 *   <li>{@code EXTRACT(p FROM x)} → {@code DATE_PART('p', x)}; DAYOFWEEK → {@code DATE_PART('dow', x) + 1}
 *       (BigQuery 1..7 from Sunday, DuckDB 0..6), DAYOFYEAR → 'doy', ISOWEEK → 'week', ISOYEAR →
 *       'isoyear'.</li>
 *   <li>{@code CAST}/{@code SAFE_CAST} → {@code CAST}/{@code TRY_CAST}; INT64 (and INT, INTEGER,
 *       SMALLINT, TINYINT, BYTEINT, all INT64 in GoogleSQL) → BIGINT, FLOAT64 → DOUBLE, STRING →
 *       VARCHAR, NUMERIC/DECIMAL → DECIMAL(38, 9) (DuckDB's default is DECIMAL(18, 3)), NUMERIC(p, s)
 *       → DECIMAL(p, s), BOOL → BOOLEAN. A cast to INT64 of an expression that can be a float
 *       (division, AVG, STDDEV, SQRT, FLOAT64 cast, decimal literal, …) gets {@code ROUND(…)}
 *       inside: BigQuery rounds half away from zero, DuckDB's DOUBLE → BIGINT cast half to even
 *       (2.5 → 2). {@code CAST('…' AS TIMESTAMP)} of a literal becomes a TIMESTAMP literal.</li>
 *   <li>{@code TIMESTAMP '… +02'} (offsets and tz names) → the UTC wall clock; DuckDB's
 *       TIMESTAMP would drop the zone.</li>
 *   <li>{@code x LIKE p} → {@code x LIKE p ESCAPE '\'} unless p is a literal without backslash
 *       (BigQuery's LIKE escapes with backslash, DuckDB's only with ESCAPE).</li>
 *   <li>{@code IFNULL} → {@code COALESCE}; {@code IF(c, a, b)} → {@code CASE}; {@code LOGICAL_OR/AND}
 *       → {@code BOOL_OR/AND}; {@code CONCAT(a, b)} → {@code a || b} (NULL if any is NULL; DuckDB's
 *       concat skips NULLs); {@code GREATEST/LEAST} → NULL if any argument is NULL (DuckDB's skip
 *       NULLs); {@code DIV} → {@code //}; {@code LOG(x)} → {@code LN(x)} (DuckDB's log is base 10),
 *       {@code LOG(x, b)} → {@code LN(x) / LN(b)}; {@code REGEXP_CONTAINS} → {@code REGEXP_MATCHES}
 *       (both RE2, partial match); {@code CHAR_LENGTH} → {@code LENGTH}; one-argument
 *       {@code TRIM/LTRIM/RTRIM} → with the Unicode whitespace set BigQuery trims (DuckDB's trims
 *       spaces only); {@code SUBSTR} with a positive literal position; {@code DATE(ts)} →
 *       {@code CAST(ts AS DATE)}, {@code DATE(y, m, d)} → {@code MAKE_DATE}; {@code TIMESTAMP(d)} →
 *       {@code CAST(d AS TIMESTAMP)}.</li>
 *   <li>{@code ARRAY_AGG(x IGNORE NULLS)} → {@code ARRAY_AGG(x) FILTER (WHERE x IS NOT NULL)}
 *       (DuckDB accepts IGNORE NULLS on window functions only).</li>
 *   <li>Every ORDER BY item (query, window, WINDOW clause, ARRAY_AGG/STRING_AGG) gets BigQuery's
 *       NULL placement spelled out: {@code NULLS FIRST} ascending, {@code NULLS LAST} descending
 *       (DuckDB's default is NULLS LAST both ways; matters for NTILE/ROW_NUMBER).</li>
 *   <li>Anonymous select items get BigQuery's names {@code f0_}, {@code f1_}, … .</li>
 *   <li>Kept as they are: QUALIFY, WINDOW clauses, CTEs (also RECURSIVE), joins (USING too), set
 *       operations, subqueries, GROUP BY ROLLUP/CUBE/GROUPING SETS, {@code * EXCEPT (…)} (printed
 *       {@code * EXCLUDE (…)}), {@code * REPLACE (…)}, backtick identifiers (printed with DuckDB's
 *       double quotes, only when needed), and the functions in {@code DuckDbRewriter.SAME_MEANING}
 *       (COUNT, SUM, AVG, MIN, MAX, ANY_VALUE, STDDEV…, APPROX_COUNT_DISTINCT, STRING_AGG,
 *       ROW_NUMBER, RANK, DENSE_RANK, NTILE, PERCENT_RANK, CUME_DIST, LAG, LEAD, FIRST/LAST/NTH_VALUE,
 *       COALESCE, NULLIF, ABS, SIGN, ROUND, SQRT, POW, EXP, LN, LOG10, MOD, FLOOR, CEIL, LOWER,
 *       UPPER, LENGTH, STARTS_WITH, ENDS_WITH, STRPOS, REPLACE).</li>
 * </ul>
 *
 * <h2>Refused ({@link UnpreviewableSqlException}, message naming the construct, 1-based line and
 * column of the caller's text)</h2>
 * Anything Calcite cannot parse (the scanner names STRUCT(…), ARRAY&lt;…&gt;/array literals,
 * UNNEST, SELECT AS STRUCT/VALUE, PIVOT, TABLESAMPLE, FOR SYSTEM_TIME, DATETIME, NUMERIC/JSON
 * literals, IGNORE NULLS in window functions when it sees them; otherwise Calcite's message);
 * triple-quoted strings, bytes and hexadecimal literals; CURRENT_TIMESTAMP / CURRENT_DATE /
 * CURRENT_DATETIME / CURRENT_TIME with or without parentheses (segment queries use
 * {@code @run_time}); qualified table names ({@code proj.ds.events}) and non-table FROM items
 * (UNNEST); qualified function names ({@code SAFE.f}, {@code NET.f}); WEEK / WEEK(day) date parts
 * in DATE_DIFF, DATE_TRUNC, TIMESTAMP_TRUNC and EXTRACT (Sunday-based weeks in BigQuery,
 * Monday/ISO or 7-day periods in DuckDB); date parts outside BigQuery's range for the function;
 * …_TRUNC with a time zone; FORMAT_*, PARSE_*, REGEXP_EXTRACT, FARM_FINGERPRINT, RAND,
 * PERCENTILE_CONT/DISC; CAST to BYTES, BIGNUMERIC, JSON, GEOGRAPHY, INTERVAL or with FORMAT;
 * SUBSTR with a zero, negative or computed position; COUNTIF(DISTINCT …); strings that look like
 * a timestamp with a non-UTC zone outside a TIMESTAMP literal (DuckDB would drop the zone when
 * comparing them with a TIMESTAMP); every function and node kind not on the allow-lists; and,
 * as a last resort, any unexpected failure of the rewrite.
 *
 * <h2>Known semantic differences of the preview (values are indicative; types come from the
 * BigQuery validator)</h2>
 * <ul>
 *   <li>Integer aggregates: DuckDB's {@code SUM} of integers is HUGEINT (INT128), BigQuery's INT64
 *       (same values; BigQuery raises on INT64 overflow). COUNTIF is rewritten to stay BIGINT.</li>
 *   <li>NUMERIC: the envelope must declare DECIMAL(38, 9) columns. DuckDB's DECIMAL / DECIMAL,
 *       AVG(DECIMAL) and SAFE_DIVIDE give DOUBLE where BigQuery keeps NUMERIC (last digits and
 *       printing can differ). Decimal literals such as {@code 1.5} are FLOAT64 in BigQuery and
 *       DECIMAL in DuckDB; integer literals are INTEGER (32-bit) in DuckDB, so arithmetic on
 *       literals alone can overflow where BigQuery (INT64) would not.</li>
 *   <li>{@code x / 0} is an error in BigQuery but ±Infinity (DOUBLE) in DuckDB; DIV/MOD by zero
 *       raise on both.</li>
 *   <li>CAST(x AS INT64) of a float held in a column (e.g. an AVG computed in a CTE) is not
 *       recognised as a float: exact .5 ties round half to even in the preview.</li>
 *   <li>TIMESTAMP: the preview's TIMESTAMPs are naive UTC (DuckDB TIMESTAMP, not TIMESTAMPTZ);
 *       BigQuery's are instants. Results agree while the data is UTC; the session time zone does
 *       not enter. {@code CAST(ts AS STRING)} prints without BigQuery's {@code +00}; strings
 *       with a zone cast to TIMESTAMP at run time (not literals) lose the zone in DuckDB.</li>
 *   <li>String ordering and comparison are by code point on both engines unless a DuckDB
 *       collation is configured ({@code default_collation} would change ORDER BY, MIN/MAX and
 *       comparisons). UPPER/LOWER of special cases (ß) may differ.</li>
 *   <li>Nondeterminism: ties in ROW_NUMBER/NTILE/RANK-based selection, ANY_VALUE and
 *       APPROX_COUNT_DISTINCT (different sketches) can pick other rows or values than BigQuery.</li>
 *   <li>{@code ARRAY_AGG} without IGNORE NULLS keeps NULL elements in DuckDB; BigQuery fails a
 *       query that returns an array with a NULL element.</li>
 *   <li>FLOAT64 → STRING formatting follows DuckDB's printing.</li>
 * </ul>
 */
public final class CalciteDuckDbTranslator implements SqlTranslator {

    private static final SqlParser.Config PARSER = BigQuerySqlDialect.DEFAULT.configureParser(SqlParser.config())
            .withConformance(SqlConformanceEnum.BIG_QUERY)
            .withParserFactory(SqlBabelParserImpl.FACTORY);

    /** Calcite parses the text without a catalog, so the catalog is not needed here. */
    @Override
    public String translate(String googleSql, AnalysisCatalog catalog, String runTimeExpression) {
        return translate(googleSql, runTimeExpression);
    }

    public String translate(String googleSql, String runTimeExpression) {
        Objects.requireNonNull(googleSql, "googleSql");
        if (runTimeExpression == null || runTimeExpression.isBlank()) {
            throw new IllegalArgumentException("runTimeExpression must be a DuckDB expression, e.g. getvariable('run_time')");
        }
        GoogleSqlScanner.Result scan = GoogleSqlScanner.scan(googleSql);
        SqlNodeList statements;
        try {
            statements = SqlParser.create(scan.text(), PARSER).parseStmtList();
        } catch (SqlParseException e) {
            throw ParseErrors.translate(e, scan);
        }
        if (statements.isEmpty()) {
            throw new UnpreviewableSqlException("an empty query cannot be previewed (line 1, column 1)", 1, 1);
        }
        if (statements.size() > 1) {
            throw DuckDbRewriter.reject(scan, statements.get(1).getParserPosition(),
                    "only one query can be previewed, this text has " + statements.size() + " statements");
        }
        SqlNode query = statements.get(0);
        if (!query.getKind().belongsTo(SqlKind.QUERY)) {
            throw DuckDbRewriter.reject(scan, query.getParserPosition(),
                    query.getKind().sql + " cannot be previewed on DuckDB: only a query (SELECT or WITH) can be");
        }
        try {
            SqlNode duckDb = query.accept(new DuckDbRewriter(scan, primary(runTimeExpression.trim())));
            return duckDb.toSqlString(c -> c.withDialect(PreviewDuckDbSqlDialect.INSTANCE)
                            .withQuoteAllIdentifiers(true) // the dialect decides which names really need quotes
                            .withAlwaysUseParentheses(false)
                            .withSelectListItemsOnSeparateLines(false)
                            .withIndentation(2))
                    .getSql();
        } catch (UnpreviewableSqlException e) {
            throw e;
        } catch (RuntimeException e) {
            // a tree shape the rewrite does not expect: no preview rather than a crash or a guess
            throw DuckDbRewriter.reject(scan, query.getParserPosition(),
                    "the DuckDB preview could not translate this query (" + e.getClass().getSimpleName() + ": "
                            + e.getMessage() + ")");
        }
    }

    /** The engine's expression as a primary expression: names and function calls as they are. */
    static String primary(String expression) {
        if (expression.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
            return expression;
        }
        int open = expression.indexOf('(');
        if (open > 0 && expression.substring(0, open).matches("[A-Za-z_][A-Za-z0-9_.]*") && expression.endsWith(")")
                && closingParenthesis(expression, open) == expression.length() - 1) {
            return expression;
        }
        return "(" + expression + ")";
    }

    /** Index of the parenthesis closing the one at {@code open}, skipping '...' literals; -1 if none. */
    private static int closingParenthesis(String expression, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (inString) {
                inString = c != '\'';
            } else if (c == '\'') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Calcite parse errors, with the construct named when the scanner recognises it. */
    static final class ParseErrors {

        private ParseErrors() {
        }

        /** Tokens that start constructs Calcite's BigQuery parser does not know. */
        private record Marker(String construct, int line, int column) {
        }

        static UnpreviewableSqlException translate(SqlParseException e, GoogleSqlScanner.Result scan) {
            SqlParserPos pos = e.getPos();
            int[] original = pos == null ? new int[] {1, 1}
                    : scan.toOriginal(Math.max(pos.getLineNum(), 1), Math.max(pos.getColumnNum(), 1));
            int line = original[0];
            int column = original[1];
            Marker marker = lastMarkerUpTo(scan.tokens(), line, column);
            if (marker != null) {
                return new UnpreviewableSqlException(marker.construct() + " cannot be previewed on DuckDB (line "
                        + marker.line() + ", column " + marker.column() + ")", marker.line(), marker.column());
            }
            String message = e.getMessage() == null ? "syntax error" : e.getMessage().lines().findFirst().orElse("syntax error");
            // Calcite's own "at line l, column c" counts in the backticked text: the position is given below
            message = message.replaceAll("\\s*at line \\d+, column \\d+\\.?", "").trim();
            return new UnpreviewableSqlException("the DuckDB preview cannot parse this GoogleSQL: " + message
                    + " (line " + line + ", column " + column + ")", line, column);
        }

        /** The last marker before the error, or on the token Calcite stopped at or the one after it. */
        private static Marker lastMarkerUpTo(List<GoogleSqlScanner.Token> tokens, int line, int column) {
            Marker found = null;
            int after = 0;
            for (int i = 0; i < tokens.size(); i++) {
                GoogleSqlScanner.Token t = tokens.get(i);
                if ((t.line() > line || (t.line() == line && t.column() > column)) && ++after > 1) {
                    break;
                }
                GoogleSqlScanner.Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
                String construct = construct(t, next);
                if (construct != null) {
                    found = new Marker(construct, t.line(), t.column());
                }
            }
            return found;
        }

        private static String construct(GoogleSqlScanner.Token t, GoogleSqlScanner.Token next) {
            if (t.isWord("STRUCT") && next != null && (next.isSymbol("(") || next.isSymbol("<"))) {
                return "STRUCT(...)";
            }
            if (t.isWord("ARRAY") && next != null && (next.isSymbol("<") || next.isSymbol("["))) {
                return "ARRAY";
            }
            if (t.isSymbol("[")) {
                return "array literals and subscripts [...]";
            }
            if (t.isWord("UNNEST")) {
                return "UNNEST(...)";
            }
            if (t.isWord("SELECT") && next != null && next.isWord("AS")) {
                return "SELECT AS STRUCT/VALUE";
            }
            if (t.isWord("PIVOT") || t.isWord("UNPIVOT") || t.isWord("TABLESAMPLE")) {
                return t.text().toUpperCase(java.util.Locale.ROOT);
            }
            if (t.isWord("SYSTEM_TIME")) {
                return "FOR SYSTEM_TIME AS OF";
            }
            if (t.isWord("DATETIME")) {
                return "DATETIME";
            }
            if ((t.isWord("NUMERIC") || t.isWord("BIGNUMERIC") || t.isWord("JSON") || t.isWord("RANGE"))
                    && next != null && next.kind() == GoogleSqlScanner.Kind.STRING) {
                return t.text().toUpperCase(java.util.Locale.ROOT) + " '...' literals";
            }
            if ((t.isWord("IGNORE") || t.isWord("RESPECT")) && next != null && next.isWord("NULLS")) {
                return t.text().toUpperCase(java.util.Locale.ROOT) + " NULLS here";
            }
            return null;
        }
    }
}

package io.segmentsascode.duckdb.translate;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;

/**
 * Calcite's DuckDB dialect with the three things the preview needs changed:
 * <ul>
 *   <li>identifiers are quoted only when DuckDB requires it (not a plain name, or a DuckDB
 *       keyword that is not "unreserved"); names keep their case, so the logical table names
 *       ({@code users}, {@code events}, …) stay exactly as written and bind to the engine's
 *       CTEs;</li>
 *   <li>string literals are always {@code '...'} with doubled quotes (Calcite would emit
 *       {@code u&'\00e9'} escapes for non-ASCII text);</li>
 *   <li>{@code LIMIT n OFFSET m} instead of {@code FETCH NEXT n ROWS ONLY}.</li>
 * </ul>
 */
final class PreviewDuckDbSqlDialect extends DuckDBSqlDialect {

    static final PreviewDuckDbSqlDialect INSTANCE = new PreviewDuckDbSqlDialect();

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /**
     * DuckDB 2.0.0 keywords whose category is reserved, column_name or type_function
     * ({@code SELECT keyword_name FROM duckdb_keywords() WHERE keyword_category <> 'unreserved'}).
     */
    static final Set<String> KEYWORDS = Set.of((""
            // reserved
            + "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint "
            + "create default deferrable desc describe distinct do else end except false fetch for foreign from "
            + "group having in initially intersect into lambda lateral leading limit not null offset on only or "
            + "order pivot pivot_longer pivot_wider placing primary qualify references returning select show some "
            + "summarize symmetric table then to trailing true union unique unpivot using variadic when where "
            + "window with "
            // column_name
            + "between bigint bit boolean char character coalesce columns dec decimal exists extract float "
            + "generated grouping grouping_id inout int integer interval map national nchar none nullif numeric "
            + "out overlay position precision real row setof smallint struct substring time timestamp treat trim "
            + "try_cast tuple values varchar xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces "
            + "xmlparse xmlpi xmlroot xmlserialize xmltable "
            // type_function
            + "anti asof at authorization binary by collation concurrently cross freeze full glob ilike inner is "
            + "isnull join left like natural notnull outer overlaps positional right semi similar tablesample "
            + "unpack verbose").split(" "));

    private PreviewDuckDbSqlDialect() {
        super(DuckDBSqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    protected boolean identifierNeedsQuote(String val) {
        return !PLAIN_NAME.matcher(val).matches() || KEYWORDS.contains(val.toLowerCase(Locale.ROOT));
    }

    @Override
    public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
        buf.append('\'').append(val.replace("'", "''")).append('\'');
    }

    @Override
    public void unparseOffsetFetch(SqlWriter writer, SqlNode offset, SqlNode fetch) {
        unparseFetchUsingLimit(writer, offset, fetch);
    }
}

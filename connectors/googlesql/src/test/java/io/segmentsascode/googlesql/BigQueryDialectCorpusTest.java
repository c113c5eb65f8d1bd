package io.segmentsascode.googlesql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.StructType.StructField;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ErrorMessageMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import io.segmentsascode.analyze.SqlAnalysis;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BigQueryLanguage} is neither stricter nor looser than BigQuery. Valid BigQuery queries
 * that practitioners write must be accepted (an analytic function inside CASE was refused once,
 * by an option BigQuery does not enforce); what BigQuery refuses must stay refused, so loosening
 * an option cannot go unnoticed. Analysed with the production language options against a test
 * catalog that, unlike the warehouse, has ARRAY columns.
 */
class BigQueryDialectCorpusTest {

    private static SimpleCatalog catalog;
    private static AnalyzerOptions options;

    @BeforeAll
    static void catalogWithArrays() {
        SharedAnalyzer.googleSql(); // loads the native library once for the test JVM
        LanguageOptions language = BigQueryLanguage.readOnlyQueries();
        catalog = new SimpleCatalog("dialect");
        catalog.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
        Type string = TypeFactory.createSimpleType(TypeKind.TYPE_STRING);
        Type int64 = TypeFactory.createSimpleType(TypeKind.TYPE_INT64);
        catalog.addSimpleTable(table(
                "events",
                "user_id",
                string,
                "event_name",
                string,
                "event_time",
                TypeFactory.createSimpleType(TypeKind.TYPE_TIMESTAMP),
                "revenue",
                TypeFactory.createSimpleType(TypeKind.TYPE_NUMERIC),
                "source",
                string));
        catalog.addSimpleTable(table("users", "user_id", string, "country", string));
        catalog.addSimpleTable(table(
                "orders",
                "user_id",
                string,
                "tags",
                TypeFactory.createArrayType(string),
                "items",
                TypeFactory.createArrayType(TypeFactory.createStructType(
                        List.of(new StructField("sku", string), new StructField("qty", int64))))));
        options = new AnalyzerOptions();
        options.setLanguageOptions(language);
        options.setErrorMessageMode(ErrorMessageMode.ERROR_MESSAGE_ONE_LINE);
    }

    private static SimpleTable table(String name, Object... columns) {
        SimpleTable table = new SimpleTable(name);
        for (int i = 0; i < columns.length; i += 2) {
            table.addSimpleColumn((String) columns[i], (Type) columns[i + 1]);
        }
        return table;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                // analytic functions inside conditional expressions
                "SELECT user_id, CASE WHEN revenue > 0 THEN ROW_NUMBER() OVER (ORDER BY revenue) END AS r FROM events",
                "SELECT user_id, IF(revenue > 0, RANK() OVER (PARTITION BY user_id ORDER BY event_time), 0) AS r FROM events",
                "SELECT user_id, COALESCE(LAG(revenue) OVER (PARTITION BY user_id ORDER BY event_time), 0) AS prev FROM events",
                "SELECT user_id FROM events WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_time DESC) = 1",
                "SELECT * FROM (SELECT user_id, source, revenue FROM events) PIVOT (SUM(revenue) AS rev FOR source IN ('ads' AS ads, 'email' AS email))",
                "SELECT * FROM (SELECT user_id, 1 AS a, 2 AS b FROM users) UNPIVOT (v FOR k IN (a, b))",
                "SELECT * EXCEPT (revenue) REPLACE (UPPER(source) AS source) FROM events",
                "SELECT user_id, country, FROM users",
                // pipe syntax (GA in BigQuery)
                "FROM events |> WHERE revenue > 0 |> AGGREGATE SUM(revenue) AS rev GROUP BY user_id",
                "SELECT user_id, revenue FROM events |> WHERE revenue > 10 |> SELECT user_id",
                "SELECT LOWER(country) AS c, COUNT(*) AS n FROM users GROUP BY c",
                "SELECT user_id, country, COUNT(*) AS n FROM users GROUP BY ALL",
                "SELECT user_id, COUNT(*) AS n FROM events GROUP BY ROLLUP (user_id)",
                "SELECT user_id FROM events GROUP BY GROUPING SETS ((user_id), ())",
                // implicit UNNEST of alias.array_field, and the explicit form
                "SELECT o.user_id, tag FROM orders AS o, o.tags AS tag",
                "SELECT o.user_id, item.sku FROM orders AS o, o.items AS item WHERE item.qty > 1",
                "SELECT o.user_id, i.qty FROM orders o CROSS JOIN UNNEST(o.items) AS i WITH OFFSET AS pos",
                "SELECT user_id, tags[OFFSET(0)] AS first_tag, tags[SAFE_ORDINAL(2)] AS second_tag FROM orders",
                "SELECT user_id FROM orders WHERE 'vip' IN UNNEST(tags)",
                "SELECT user_id FROM users UNION ALL CORRESPONDING SELECT user_id FROM events",
                "SELECT user_id FROM users UNION ALL BY NAME SELECT user_id FROM events",
                "SELECT user_id FROM users INTERSECT DISTINCT SELECT user_id FROM events",
                "SELECT user_id FROM events WHERE event_name LIKE ANY ('add%', 'view%')",
                "SELECT user_id FROM events WHERE event_name IS DISTINCT FROM 'purchase'",
                "SELECT ARRAY_AGG(user_id IGNORE NULLS ORDER BY user_id LIMIT 3) AS a FROM users",
                "SELECT APPROX_COUNT_DISTINCT(user_id) AS n, COUNTIF(revenue > 0) AS buyers, LOGICAL_OR(revenue > 100) AS big FROM events",
                "WITH RECURSIVE r AS (SELECT 1 AS n UNION ALL SELECT n + 1 FROM r WHERE n < 3) SELECT n FROM r",
                "SELECT SAFE_DIVIDE(1, 0) AS x, SAFE.LOG(-1, 10) AS y",
                "SELECT DATE_TRUNC(DATE '2024-01-02', WEEK(MONDAY)) AS w, TIMESTAMP_TRUNC(event_time, HOUR) AS h FROM events",
                "SELECT RANGE(DATE '2024-01-01', DATE '2024-02-01') AS r",
                "SELECT LAX_INT64(JSON '1') AS l, INT64(JSON '1') AS i, JSON_OBJECT('a', 1) AS o, JSON_VALUE(JSON '{\"a\":1}', '$.a') AS v",
                "SELECT COSINE_DISTANCE([1.0, 2.0], [3.0, 4.0]) AS d, EDIT_DISTANCE('a', 'b') AS e",
                "SELECT CAST(revenue AS BIGNUMERIC) AS b, CAST(revenue AS FLOAT64) AS f, CAST('1' AS NUMERIC) AS n FROM events",
                "SELECT user_id FROM events TABLESAMPLE SYSTEM (10 PERCENT)",
                "SELECT STRUCT(1 AS a, 'x' AS b).a AS x",
                "SELECT user_id FROM users u WHERE EXISTS (SELECT 1 FROM events e WHERE e.user_id = u.user_id)"
            })
    void bigQueryAccepts(String sql) {
        assertInstanceOf(ResolvedQueryStmt.class, Analyzer.analyzeStatement(sql, options, catalog));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                // statement kinds: segments are read-only
                "INSERT INTO users (user_id) VALUES ('u1')                    | Statement not supported: InsertStatement",
                "DELETE FROM events WHERE TRUE                                | Statement not supported: DeleteStatement",
                "CREATE TABLE seg AS SELECT user_id FROM events               | Statement not supported: CreateTableStatement",
                "DROP TABLE users                                             | Statement not supported: DropStatement",
                "EXPORT DATA OPTIONS (uri = 'gs://b/*') AS SELECT 1 AS x      | Statement not supported: ExportDataStatement",
                // types BigQuery does not have
                "SELECT CAST(1 AS FLOAT32) AS f                               | Type not found: FLOAT32",
                "SELECT CAST(1 AS DOUBLE) AS f                                | Type not found: DOUBLE",
                "SELECT CAST(1 AS UINT64) AS f                                | Type not found: UINT64",
                "SELECT CAST(NULL AS MAP<STRING, INT64>) AS m                 | MAP datatype is not supported",
                // syntax and functions BigQuery does not have
                "SELECT tags[0] AS t FROM orders                              | Array element access with array[position] is not supported",
                "SELECT 'a' 'b' AS s                                          | Concatenation of subsequent string literals is not supported",
                "SELECT PI() AS p                                             | Function not found: PI",
                "SELECT NULLIFZERO(1) AS z                                    | Function not found: NULLIFZERO",
                "SELECT ARRAY_ZIP([1], [2]) AS z                              | Function not found: ARRAY_ZIP",
                "SELECT DOT_PRODUCT([1.0], [2.0]) AS d                        | Function not found: DOT_PRODUCT",
                "SELECT user_id FROM events GROUP BY user_id QUALIFY TRUE     | The QUALIFY clause requires analytic function to be present"
            })
    void bigQueryRejects(String sql, String expectedStart) {
        SqlException error = assertThrows(SqlException.class, () -> Analyzer.analyzeStatement(sql, options, catalog));
        assertTrue(error.getMessage().startsWith(expectedStart), error.getMessage());
    }

    @Test
    void theAnalyzerUsesTheseOptions() {
        SqlAnalysis analysis = SharedAnalyzer.googleSql()
                .analyze(
                        "SELECT user_id,\n  CASE WHEN revenue > 0 THEN ROW_NUMBER() OVER (ORDER BY revenue) END AS rank_if_buyer\nFROM events",
                        Warehouse.CATALOG);

        assertEquals(List.of(), analysis.errors());
        assertEquals(List.of("user_id STRING", "rank_if_buyer INT64"), SharedAnalyzer.columns(analysis));
    }
}

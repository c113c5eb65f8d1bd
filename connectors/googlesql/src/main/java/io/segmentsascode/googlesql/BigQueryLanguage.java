package io.segmentsascode.googlesql;

import com.google.zetasql.LanguageOptions;
import com.google.zetasql.ZetaSQLOptions.LanguageFeature;
import com.google.zetasql.ZetaSQLOptions.NameResolutionMode;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import com.google.zetasql.ZetaSQLResolvedNodeKind.ResolvedNodeKind;
import java.util.EnumSet;
import java.util.Set;

/**
 * GoogleSQL language options that behave like BigQuery, for read-only queries: what BigQuery
 * accepts must pass here, and what it rejects must fail here, so a query checked offline runs
 * there. Too strict an option (e.g. {@code FEATURE_ENFORCE_CONDITIONAL_EVALUATION}, which
 * rejected analytic functions inside CASE or IF: "Analytic functions in side effect scopes are not
 * yet implemented") refuses valid segments; too loose a one lets SQL through that BigQuery refuses.
 * {@code BigQueryDialectCorpusTest} pins both sides.
 *
 * <p><b>Source.</b> {@link #TOOLKIT_FEATURES} is, verbatim, the feature list of
 * {@code BigQueryLanguageOptions} in GoogleCloudPlatform/zetasql-toolkit (Apache-2.0), tag
 * {@code version/v0.5.3}, the newest release of the list its authors keep for BigQuery. We copy
 * it rather than depend on the toolkit (it pins an older ZetaSQL and pulls the BigQuery and
 * Spanner clients). {@link #DOCUMENTED_SINCE_TOOLKIT} adds features BigQuery's reference
 * documents that came after that list (2024-07), each with the page that documents it. Not taken,
 * though ZetaSQL has them and a longer list circulating in toolkit forks enables them: bare array
 * subscripts {@code arr[0]} (BigQuery's operators page: "Must be used with OFFSET or ORDINAL"),
 * {@code PI}, {@code NULLIFZERO}/{@code ZEROIFNULL}, {@code ARRAY_ZIP}, {@code DOT_PRODUCT} and
 * the other vector norms, MAP and measure types, conditional-evaluation enforcement. Never
 * {@code enableMaximumLanguageFeatures()}: it accepts all of those.
 *
 * <p><b>Options beyond features.</b> As in the toolkit: product mode EXTERNAL (no proto or
 * FLOAT/DOUBLE names, BigQuery's spellings), default name resolution, QUALIFY a reserved keyword.
 * Statement kinds: only {@code QueryStmt} (the toolkit allows BigQuery's DDL, DML and scripting),
 * so anything else is reported as "Statement not supported: ..." — segments are read-only.
 */
final class BigQueryLanguage {

    /** zetasql-toolkit v0.5.3 {@code BigQueryLanguageOptions}, in its order. */
    static final Set<LanguageFeature> TOOLKIT_FEATURES = Set.copyOf(EnumSet.of(
            LanguageFeature.FEATURE_ALLOW_MISSING_PATH_EXPRESSION_IN_ALTER_DDL,
            LanguageFeature.FEATURE_ALTER_COLUMN_SET_DATA_TYPE,
            LanguageFeature.FEATURE_ALTER_TABLE_RENAME_COLUMN,
            LanguageFeature.FEATURE_ANALYTIC_FUNCTIONS,
            LanguageFeature.FEATURE_ANONYMIZATION,
            LanguageFeature.FEATURE_BIGNUMERIC_TYPE,
            LanguageFeature.FEATURE_CBRT_FUNCTIONS,
            LanguageFeature.FEATURE_CREATE_EXTERNAL_TABLE_WITH_CONNECTION,
            LanguageFeature.FEATURE_CREATE_EXTERNAL_TABLE_WITH_PARTITION_COLUMNS,
            LanguageFeature.FEATURE_CREATE_EXTERNAL_TABLE_WITH_TABLE_ELEMENT_LIST,
            LanguageFeature.FEATURE_CREATE_MATERIALIZED_VIEW_CLUSTER_BY,
            LanguageFeature.FEATURE_CREATE_MATERIALIZED_VIEW_PARTITION_BY,
            LanguageFeature.FEATURE_CREATE_SNAPSHOT_TABLE,
            LanguageFeature.FEATURE_CREATE_TABLE_AS_SELECT_COLUMN_LIST,
            LanguageFeature.FEATURE_CREATE_TABLE_CLONE,
            LanguageFeature.FEATURE_CREATE_TABLE_CLUSTER_BY,
            LanguageFeature.FEATURE_CREATE_TABLE_COPY,
            LanguageFeature.FEATURE_CREATE_TABLE_FIELD_ANNOTATIONS,
            LanguageFeature.FEATURE_CREATE_TABLE_FUNCTION,
            LanguageFeature.FEATURE_CREATE_TABLE_LIKE,
            LanguageFeature.FEATURE_CREATE_TABLE_NOT_NULL,
            LanguageFeature.FEATURE_CREATE_TABLE_PARTITION_BY,
            LanguageFeature.FEATURE_CREATE_VIEW_WITH_COLUMN_LIST,
            LanguageFeature.FEATURE_DML_UPDATE_WITH_JOIN,
            LanguageFeature.FEATURE_ENCRYPTION,
            LanguageFeature.FEATURE_FOREIGN_KEYS,
            LanguageFeature.FEATURE_GEOGRAPHY,
            LanguageFeature.FEATURE_GROUP_BY_ROLLUP,
            LanguageFeature.FEATURE_INTERVAL_TYPE,
            LanguageFeature.FEATURE_INVERSE_TRIG_FUNCTIONS,
            LanguageFeature.FEATURE_JSON_ARRAY_FUNCTIONS,
            LanguageFeature.FEATURE_JSON_TYPE,
            LanguageFeature.FEATURE_JSON_VALUE_EXTRACTION_FUNCTIONS,
            LanguageFeature.FEATURE_JSON_MUTATOR_FUNCTIONS,
            LanguageFeature.FEATURE_NAMED_ARGUMENTS,
            LanguageFeature.FEATURE_NUMERIC_TYPE,
            LanguageFeature.FEATURE_PARAMETERIZED_TYPES,
            LanguageFeature.FEATURE_PARAMETERS_IN_GRANTEE_LIST,
            LanguageFeature.FEATURE_ROUND_WITH_ROUNDING_MODE,
            LanguageFeature.FEATURE_TABLESAMPLE,
            LanguageFeature.FEATURE_TABLE_VALUED_FUNCTIONS,
            LanguageFeature.FEATURE_TEMPLATE_FUNCTIONS,
            LanguageFeature.FEATURE_TIMESTAMP_NANOS,
            LanguageFeature.FEATURE_TIME_BUCKET_FUNCTIONS,
            LanguageFeature.FEATURE_UNENFORCED_PRIMARY_KEYS,
            LanguageFeature.FEATURE_V_1_1_HAVING_IN_AGGREGATE,
            LanguageFeature.FEATURE_V_1_1_LIMIT_IN_AGGREGATE,
            LanguageFeature.FEATURE_V_1_1_NULL_HANDLING_MODIFIER_IN_AGGREGATE,
            LanguageFeature.FEATURE_V_1_1_NULL_HANDLING_MODIFIER_IN_ANALYTIC,
            LanguageFeature.FEATURE_V_1_1_ORDER_BY_IN_AGGREGATE,
            LanguageFeature.FEATURE_V_1_1_SELECT_STAR_EXCEPT_REPLACE,
            LanguageFeature.FEATURE_V_1_1_WITH_ON_SUBQUERY,
            LanguageFeature.FEATURE_V_1_2_CIVIL_TIME,
            LanguageFeature.FEATURE_V_1_2_SAFE_FUNCTION_CALL,
            LanguageFeature.FEATURE_V_1_2_WEEK_WITH_WEEKDAY,
            LanguageFeature.FEATURE_V_1_3_ADDITIONAL_STRING_FUNCTIONS,
            LanguageFeature.FEATURE_V_1_3_ALLOW_DASHES_IN_TABLE_NAME,
            LanguageFeature.FEATURE_V_1_3_ALLOW_REGEXP_EXTRACT_OPTIONALS,
            LanguageFeature.FEATURE_V_1_3_ANNOTATION_FRAMEWORK,
            LanguageFeature.FEATURE_V_1_3_CASE_STMT,
            LanguageFeature.FEATURE_V_1_3_COLLATION_SUPPORT,
            LanguageFeature.FEATURE_V_1_3_COLUMN_DEFAULT_VALUE,
            LanguageFeature.FEATURE_V_1_3_CONCAT_MIXED_TYPES,
            LanguageFeature.FEATURE_V_1_3_DATE_ARITHMETICS,
            LanguageFeature.FEATURE_V_1_3_DATE_TIME_CONSTRUCTORS,
            LanguageFeature.FEATURE_V_1_3_DECIMAL_ALIAS,
            LanguageFeature.FEATURE_V_1_3_EXTENDED_DATE_TIME_SIGNATURES,
            LanguageFeature.FEATURE_V_1_3_EXTENDED_GEOGRAPHY_PARSERS,
            LanguageFeature.FEATURE_V_1_3_FORMAT_IN_CAST,
            LanguageFeature.FEATURE_V_1_3_FOR_IN,
            LanguageFeature.FEATURE_V_1_3_IS_DISTINCT,
            LanguageFeature.FEATURE_V_1_3_LIKE_ANY_SOME_ALL,
            LanguageFeature.FEATURE_V_1_3_NULLS_FIRST_LAST_IN_ORDER_BY,
            LanguageFeature.FEATURE_V_1_3_OMIT_INSERT_COLUMN_LIST,
            LanguageFeature.FEATURE_V_1_3_PIVOT,
            LanguageFeature.FEATURE_V_1_3_QUALIFY,
            LanguageFeature.FEATURE_V_1_3_REMOTE_FUNCTION,
            LanguageFeature.FEATURE_V_1_3_REPEAT,
            LanguageFeature.FEATURE_V_1_3_SCRIPT_LABEL,
            LanguageFeature.FEATURE_V_1_3_UNNEST_AND_FLATTEN_ARRAYS,
            LanguageFeature.FEATURE_V_1_3_UNPIVOT,
            LanguageFeature.FEATURE_V_1_3_WITH_GROUP_ROWS,
            LanguageFeature.FEATURE_V_1_3_WITH_RECURSIVE,
            LanguageFeature.FEATURE_V_1_4_ARRAY_AGGREGATION_FUNCTIONS,
            LanguageFeature.FEATURE_V_1_4_REMOTE_MODEL,
            LanguageFeature.FEATURE_V_1_4_GROUPING_BUILTIN,
            LanguageFeature.FEATURE_V_1_4_GROUPING_SETS,
            LanguageFeature.FEATURE_V_1_4_GROUP_BY_ALL));

    /** BigQuery features documented after the toolkit's list, with the reference page. */
    static final Set<LanguageFeature> DOCUMENTED_SINCE_TOOLKIT = Set.copyOf(EnumSet.of(
            // pipe query syntax `FROM t |> WHERE ... |> AGGREGATE ...`:
            // cloud.google.com/bigquery/docs/reference/standard-sql/pipe-syntax (no longer preview)
            LanguageFeature.FEATURE_PIPES,
            // LAX_BOOL, LAX_INT64, ...; JSON_ARRAY, JSON_OBJECT; JSON_KEYS:
            // cloud.google.com/bigquery/docs/reference/standard-sql/json_functions
            LanguageFeature.FEATURE_JSON_LAX_VALUE_EXTRACTION_FUNCTIONS,
            LanguageFeature.FEATURE_JSON_CONSTRUCTOR_FUNCTIONS,
            LanguageFeature.FEATURE_JSON_KEYS_FUNCTION,
            // RANGE<DATE>, RANGE(start, end): cloud.google.com/bigquery/docs/reference/standard-sql/range-functions
            LanguageFeature.FEATURE_RANGE_TYPE,
            // COSINE_DISTANCE, EUCLIDEAN_DISTANCE (and no other vector function):
            // cloud.google.com/bigquery/docs/reference/standard-sql/mathematical_functions
            LanguageFeature.FEATURE_ENABLE_FLOAT_DISTANCE_FUNCTIONS,
            // set operations matching columns by name, [FULL | LEFT] ... CORRESPONDING / BY NAME
            // (GA 2025-02-03 per BigQuery release notes):
            // cloud.google.com/bigquery/docs/reference/standard-sql/query-syntax
            LanguageFeature.FEATURE_CORRESPONDING,
            LanguageFeature.FEATURE_CORRESPONDING_FULL,
            LanguageFeature.FEATURE_BY_NAME,
            // BigQuery has FLOAT64 and no FLOAT32 (data-types page); without this ZetaSQL offers FLOAT32
            LanguageFeature.FEATURE_DISABLE_FLOAT32));

    private BigQueryLanguage() {}

    static LanguageOptions readOnlyQueries() {
        LanguageOptions options = new LanguageOptions();
        options.setNameResolutionMode(NameResolutionMode.NAME_RESOLUTION_DEFAULT);
        options.setProductMode(ProductMode.PRODUCT_EXTERNAL);
        options.setEnabledLanguageFeatures(features());
        options.setSupportedStatementKinds(Set.of(ResolvedNodeKind.RESOLVED_QUERY_STMT));
        options.enableReservableKeyword("QUALIFY");
        return options;
    }

    static Set<LanguageFeature> features() {
        EnumSet<LanguageFeature> features = EnumSet.copyOf(TOOLKIT_FEATURES);
        features.addAll(DOCUMENTED_SINCE_TOOLKIT);
        return features;
    }
}

package io.segmentsascode.googlesql;

import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalysis.ColumnSource;
import io.segmentsascode.analyze.SqlAnalysis.OutputColumn;
import io.segmentsascode.analyze.SqlAnalysis.Problem;
import io.segmentsascode.analyze.SqlAnalysis.Use;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.dialect.BigQuerySqlDialect;
import org.apache.calcite.sql.fun.SqlCastFunction;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.babel.SqlBabelParserImpl;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;

/**
 * A pure-Java approximation of {@link GoogleSqlAnalyzer} for where GoogleSQL's native library
 * cannot load (Windows, ARM): Apache Calcite's Babel parser with BigQuery conformance and
 * BigQuery's function library ({@link SqlLibrary#BIG_QUERY}), validated against the same logical
 * tables. {@link #exact()} is false: findings are to be reported as approximate.
 *
 * <p>What differs from GoogleSQL (documented and tested in {@code CalciteFallbackAnalyzerTest}):
 * <ul>
 *   <li>Types are Calcite's, mapped to GoogleSQL names ({@code VARCHAR}→STRING, integer types →
 *       INT64, {@code DECIMAL}→NUMERIC, {@code DOUBLE}→FLOAT64, {@code TIMESTAMP} with or without
 *       local time zone → TIMESTAMP, {@code X ARRAY}→{@code ARRAY<X>}, {@code ROW}→{@code STRUCT}).
 *       Calcite is looser: it accepts {@code SAFE_DIVIDE(STRING, INT64)}, which BigQuery rejects.</li>
 *   <li>Error messages are Calcite's words; the first error only.</li>
 *   <li>Not parsed (reported as syntax errors although BigQuery accepts them):
 *       {@code STRUCT(1 AS a)}, array literals {@code [1, 2]} / {@code ARRAY<T>[...]},
 *       {@code SAFE.} function prefixes, scripting ({@code DECLARE}, {@code BEGIN ... END}),
 *       some DML ({@code MERGE ... THEN DELETE}) and DDL ({@code DROP TABLE}).</li>
 *   <li>Statements are counted by a small lexer ({@link SqlText}) that knows BigQuery's literals and
 *       comments, not by a parse; a {@code ;} inside {@code BEGIN ... END} counts.</li>
 *   <li>A multi-statement text is parsed (for its facts) but not validated: no output columns or
 *       tables, and unlike GoogleSQL no "Expected end of input" error when the statements parse.</li>
 *   <li>Query parameters: Calcite has no {@code @name} syntax, so each one is read as a typed
 *       {@code CAST(NULL AS type)} in its place (positions unchanged).</li>
 *   <li>Unnamed output columns are renamed from Calcite's {@code EXPR$0} to GoogleSQL's {@code $col1}.</li>
 *   <li>Output column sources are read off Calcite's relational plan of the query
 *       ({@link CalciteValueLineage}), by GoogleSQL's rules but wider where the plan cannot be
 *       followed: an UNNEST's columns get every source of its input; a recursive query, or a
 *       query Calcite validates but cannot plan, gets every column of every table it reads for
 *       each output column. Never fewer sources than GoogleSQL finds, sometimes more.</li>
 * </ul>
 *
 * <p>Thread-safe; each analysis builds its own validator (~1 ms after the first call).
 */
public final class CalciteFallbackAnalyzer implements SqlAnalyzer {

    private static final SqlParser.Config PARSER = BigQuerySqlDialect.DEFAULT
            .configureParser(SqlParser.config())
            .withConformance(SqlConformanceEnum.BIG_QUERY)
            .withParserFactory(SqlBabelParserImpl.FACTORY);
    // identifiers expanded as Calcite's own query preparation does: the plan the lineage is read
    // from cannot be built otherwise for some queries (IF inside an aggregate)
    private static final SqlValidator.Config VALIDATOR = SqlValidator.Config.DEFAULT
            .withConformance(SqlConformanceEnum.BIG_QUERY)
            .withIdentifierExpansion(true);
    private static final Set<String> NILADIC =
            Set.of("CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURRENT_DATETIME");

    private final SqlOperatorTable operators =
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.STANDARD, SqlLibrary.BIG_QUERY);
    private final Map<AnalysisCatalog, CalciteSchema> schemas = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AnalysisCatalog, CalciteSchema> eldest) {
            return size() > GoogleSqlAnalyzer.CATALOGS_KEPT;
        }
    };

    @Override
    public String version() {
        return "calcite " + Versions.calcite();
    }

    @Override
    public boolean exact() {
        return false;
    }

    @Override
    public SqlAnalysis analyze(String sql, AnalysisCatalog catalog) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(catalog, "catalog");
        TextPositions positions = new TextPositions(sql);
        SqlText lexed = new SqlText(sql);
        int count = lexed.statements().size();
        List<Problem> errors = new ArrayList<>();

        SqlNodeList parsed = null;
        if (count == 0) {
            // as GoogleSQL words it, at the end of the text
            TextPositions.Position end = positions.ofCharIndex(sql.length());
            errors.add(new Problem(end.line(), end.column(), "Syntax error: Unexpected end of statement"));
        } else {
            try {
                parsed = SqlParser.create(lexed.withPositionalParameters(), PARSER)
                        .parseStmtList();
            } catch (SqlParseException e) {
                errors.add(problem(positions, e.getPos(), parseMessage(e)));
            } catch (RuntimeException e) {
                errors.add(new Problem(1, 1, "Calcite could not parse the text: " + e));
            }
        }

        String kind;
        if (count == 0) {
            kind = GoogleSqlAnalyzer.EMPTY;
        } else if (count > 1) {
            kind = GoogleSqlAnalyzer.SCRIPT;
        } else if (parsed == null || parsed.isEmpty()) {
            kind = GoogleSqlAnalyzer.UNKNOWN;
        } else {
            kind = statementKind(parsed.get(0));
        }

        Map<String, String> tableNames = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        catalog.tables().forEach(table -> tableNames.put(table.name(), table.name()));
        Facts facts = new Facts(positions, tableNames);
        List<OutputColumn> columns = new ArrayList<>();
        List<Use> tables = List.of();
        if (parsed != null && !parsed.isEmpty()) {
            List<SqlNode> statements = new ArrayList<>();
            for (SqlNode statement : parsed) {
                statements.add(statement.accept(new Parameters(lexed.parameters(), catalog, positions, errors)));
            }
            statements.forEach(facts::walk);
            SqlNode first = statements.get(0);
            if (!SqlKind.QUERY.contains(first.getKind())) {
                errors.add(problem(
                        positions, first.getParserPosition(), "Statement not supported: " + statementKind(first)));
            } else if (errors.isEmpty() && count == 1) {
                try {
                    CalciteCatalogReader reader = catalogReader(catalog);
                    SqlValidator validator =
                            SqlValidatorUtil.newValidator(operators, reader, reader.getTypeFactory(), VALIDATOR);
                    SqlNode validated = validator.validate(first);
                    tables = facts.tables();
                    List<RelDataTypeField> fields =
                            validator.getValidatedNodeType(validated).getFieldList();
                    List<List<ColumnSource>> sources =
                            sources(validated, validator, reader, fields.size(), tables, catalog);
                    List<TextPositions.Position> items = outputItems(first, positions);
                    for (int i = 0; i < fields.size(); i++) {
                        RelDataTypeField field = fields.get(i);
                        TextPositions.Position at =
                                items.size() == fields.size() ? items.get(i) : TextPositions.Position.NONE;
                        columns.add(new OutputColumn(
                                columnName(field.getName()),
                                typeName(field.getType()),
                                sources.get(i),
                                at.line(),
                                at.column()));
                    }
                } catch (CalciteContextException e) {
                    String message = e.getCause() != null && e.getCause().getMessage() != null
                            ? e.getCause().getMessage()
                            : e.getMessage();
                    TextPositions.Position at = positions.fromCharColumn(e.getPosLine(), e.getPosColumn());
                    errors.add(new Problem(at.line(), at.column(), message));
                } catch (RuntimeException | AssertionError e) {
                    errors.add(problem(
                            positions, first.getParserPosition(), "Calcite could not validate the query: " + e));
                }
            }
        }
        Optional<SqlAnalysis.TextRange> range = count == 1 && parsed != null && parsed.size() == 1
                ? Optional.of(trimmed(sql, lexed.statements().get(0)))
                : Optional.empty();
        return new SqlAnalysis(
                errors,
                kind,
                count,
                columns,
                tables,
                sorted(facts.functions),
                sorted(facts.stars),
                sorted(facts.ctes),
                range);
    }

    /** The lexer's statement range without the blanks around it (comments stay: they are the lexer's tokens' business). */
    private static SqlAnalysis.TextRange trimmed(String sql, SqlText.Statement statement) {
        int start = statement.start();
        int end = statement.end();
        while (start < end && Character.isWhitespace(sql.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(sql.charAt(end - 1))) {
            end--;
        }
        return new SqlAnalysis.TextRange(start, end);
    }

    // ---- catalog ------------------------------------------------------------------------------

    private CalciteCatalogReader catalogReader(AnalysisCatalog catalog) {
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "false");
        return new CalciteCatalogReader(
                schema(catalog), List.of(), new JavaTypeFactoryImpl(), new CalciteConnectionConfigImpl(properties));
    }

    /**
     * Each output column's sources ({@link CalciteValueLineage}); where Calcite cannot plan the
     * query, every column of every table it reads, for each output column.
     */
    private static List<List<ColumnSource>> sources(
            SqlNode validated,
            SqlValidator validator,
            CalciteCatalogReader reader,
            int columnCount,
            List<Use> tables,
            AnalysisCatalog catalog) {
        Set<String> catalogTables = new TreeSet<>();
        catalog.tables().forEach(table -> catalogTables.add(table.name()));
        try {
            List<List<ColumnSource>> sources = CalciteValueLineage.of(validated, validator, reader, catalogTables);
            if (sources.size() == columnCount) {
                return sources;
            }
        } catch (RuntimeException | AssertionError cannotPlan) {
            // fall through to the widest answer
        }
        Set<String> read = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        tables.forEach(table -> read.add(table.name()));
        List<ColumnSource> everyColumnRead = new ArrayList<>();
        for (AnalysisCatalog.CatalogTable table : catalog.tables()) {
            if (read.contains(table.name())) {
                table.columns().forEach(column -> everyColumnRead.add(new ColumnSource(table.name(), column.name())));
            }
        }
        Collections.sort(everyColumnRead);
        return Collections.nCopies(columnCount, List.copyOf(everyColumnRead));
    }

    private CalciteSchema schema(AnalysisCatalog catalog) {
        synchronized (schemas) {
            return schemas.computeIfAbsent(catalog, c -> {
                CalciteSchema root = CalciteSchema.createRootSchema(false, false);
                for (AnalysisCatalog.CatalogTable table : c.tables()) {
                    List<Column> columns = table.columns();
                    boolean daySharded = table.daySharded();
                    root.add(table.name(), new AbstractTable() {
                        @Override
                        public RelDataType getRowType(RelDataTypeFactory factory) {
                            RelDataTypeFactory.Builder row = factory.builder();
                            for (Column column : columns) {
                                row.add(
                                        column.name(),
                                        factory.createTypeWithNullability(type(factory, column.type()), true));
                            }
                            if (daySharded) {
                                // Calcite has no pseudo columns: an ordinary one (SELECT * would show it, BigQuery's
                                // does not)
                                row.add(AnalysisCatalog.TABLE_SUFFIX, type(factory, ColumnType.STRING));
                            }
                            return row.build();
                        }
                    });
                }
                return root;
            });
        }
    }

    static RelDataType type(RelDataTypeFactory factory, DataType type) {
        if (type instanceof DataType.Array array) {
            return factory.createArrayType(nullable(factory, type(factory, array.element())), -1);
        }
        if (type instanceof DataType.Struct struct) {
            RelDataTypeFactory.Builder fields = factory.builder();
            struct.fields().forEach(field -> fields.add(field.name(), nullable(factory, type(factory, field.type()))));
            return fields.build();
        }
        return type(factory, type.scalar().orElseThrow());
    }

    private static RelDataType nullable(RelDataTypeFactory factory, RelDataType type) {
        return factory.createTypeWithNullability(type, true);
    }

    static RelDataType type(RelDataTypeFactory factory, ColumnType type) {
        return switch (type) {
            case STRING -> factory.createSqlType(SqlTypeName.VARCHAR);
            case INT64 -> factory.createSqlType(SqlTypeName.BIGINT);
            case NUMERIC -> factory.createSqlType(SqlTypeName.DECIMAL, 38, 9);
            case FLOAT64 -> factory.createSqlType(SqlTypeName.DOUBLE);
            case BOOL -> factory.createSqlType(SqlTypeName.BOOLEAN);
            case DATE -> factory.createSqlType(SqlTypeName.DATE);
            case TIMESTAMP -> factory.createSqlType(SqlTypeName.TIMESTAMP);
        };
    }

    private static SqlTypeName sqlTypeName(ColumnType type) {
        return switch (type) {
            case STRING -> SqlTypeName.VARCHAR;
            case INT64 -> SqlTypeName.BIGINT;
            case NUMERIC -> SqlTypeName.DECIMAL;
            case FLOAT64 -> SqlTypeName.DOUBLE;
            case BOOL -> SqlTypeName.BOOLEAN;
            case DATE -> SqlTypeName.DATE;
            case TIMESTAMP -> SqlTypeName.TIMESTAMP;
        };
    }

    /** Calcite's type under its GoogleSQL name (approximate: precision and time zones are dropped). */
    static String typeName(RelDataType type) {
        SqlTypeName name = type.getSqlTypeName();
        if (name == SqlTypeName.ARRAY || name == SqlTypeName.MULTISET) {
            return "ARRAY<" + typeName(Objects.requireNonNull(type.getComponentType())) + ">";
        }
        if (name == SqlTypeName.ROW) {
            return type.getFieldList().stream()
                    .map(f -> f.getName() + " " + typeName(f.getType()))
                    .collect(Collectors.joining(", ", "STRUCT<", ">"));
        }
        if (SqlTypeName.INTERVAL_TYPES.contains(name)) {
            return "INTERVAL";
        }
        return switch (name) {
            case CHAR, VARCHAR -> "STRING";
            case BINARY, VARBINARY -> "BYTES";
            case TINYINT, SMALLINT, INTEGER, BIGINT, NULL -> "INT64";
            case DECIMAL -> "NUMERIC";
            case FLOAT, REAL, DOUBLE -> "FLOAT64";
            case BOOLEAN -> "BOOL";
            case DATE -> "DATE";
            case TIME, TIME_WITH_LOCAL_TIME_ZONE -> "TIME";
            case TIMESTAMP, TIMESTAMP_WITH_LOCAL_TIME_ZONE, TIMESTAMP_TZ -> "TIMESTAMP";
            case GEOMETRY -> "GEOGRAPHY";
            case MAP ->
                "MAP<" + typeName(Objects.requireNonNull(type.getKeyType())) + ", "
                        + typeName(Objects.requireNonNull(type.getValueType())) + ">";
            default -> name.getName();
        };
    }

    /** {@code EXPR$0} → {@code $col1}, as GoogleSQL names an unnamed column. */
    private static String columnName(String calcite) {
        if (calcite.startsWith("EXPR$")) {
            try {
                return "$col" + (Integer.parseInt(calcite.substring(5)) + 1);
            } catch (NumberFormatException e) {
                return calcite;
            }
        }
        return calcite;
    }

    /** GoogleSQL's parse-tree names for what Calcite parses ({@code DeleteStatement}, ...). */
    static String statementKind(SqlNode statement) {
        SqlKind kind = statement.getKind();
        if (SqlKind.QUERY.contains(kind)) {
            return SqlAnalysis.QUERY;
        }
        return switch (kind) {
            case INSERT -> "InsertStatement";
            case DELETE -> "DeleteStatement";
            case UPDATE -> "UpdateStatement";
            case MERGE -> "MergeStatement";
            case CREATE_TABLE, CREATE_TABLE_LIKE -> "CreateTableStatement";
            case CREATE_VIEW, CREATE_MATERIALIZED_VIEW -> "CreateViewStatement";
            case DROP_TABLE, DROP_VIEW, DROP_MATERIALIZED_VIEW -> "DropStatement";
            case EXPLAIN -> "ExplainStatement";
            default -> camel(kind.name()) + "Statement";
        };
    }

    private static String camel(String upperSnake) {
        StringBuilder out = new StringBuilder();
        for (String part : upperSnake.toLowerCase(Locale.ROOT).split("_")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }

    /**
     * Where each item of the final select list starts, as {@link ParseTreeFacts#outputItems} says
     * for GoogleSQL: the outermost SELECT, or the first input of a set operation; empty for stars.
     */
    private static List<TextPositions.Position> outputItems(SqlNode query, TextPositions positions) {
        SqlNode node = query;
        while (true) {
            if (node instanceof SqlWith with) {
                node = with.body;
            } else if (node instanceof SqlOrderBy orderBy) {
                node = orderBy.query;
            } else if (node instanceof SqlCall call && SqlKind.SET_QUERY.contains(node.getKind())) {
                node = call.operand(0);
            } else {
                break;
            }
        }
        if (!(node instanceof SqlSelect select)) {
            return List.of();
        }
        List<TextPositions.Position> out = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            SqlParserPos pos = item.getParserPosition();
            if (item instanceof SqlIdentifier identifier && identifier.isStar()
                    || pos == null
                    || pos.getLineNum() <= 0) {
                return List.of();
            }
            out.add(positions.fromCharColumn(pos.getLineNum(), pos.getColumnNum()));
        }
        return out;
    }

    // ---- errors -------------------------------------------------------------------------------

    private static String parseMessage(SqlParseException e) {
        String message = e.getMessage() == null
                ? "Syntax error"
                : e.getMessage().lines().findFirst().orElse("Syntax error");
        return message.replaceAll("\\s*at line \\d+, column \\d+\\.?", "")
                .replace("after : \"\"", "")
                .trim();
    }

    private static Problem problem(TextPositions positions, SqlParserPos pos, String message) {
        TextPositions.Position at = pos == null
                ? TextPositions.Position.NONE
                : positions.fromCharColumn(pos.getLineNum(), pos.getColumnNum());
        return new Problem(at.line(), at.column(), message);
    }

    private static List<Use> sorted(List<Use> uses) {
        List<Use> out = new ArrayList<>(uses);
        out.sort(Comparator.comparingInt((Use u) -> u.line() == 0 ? Integer.MAX_VALUE : u.line())
                .thenComparingInt(Use::column));
        return Collections.unmodifiableList(out);
    }

    // ---- parameters ---------------------------------------------------------------------------

    /** Replaces the i-th {@code ?} (our stand-in for {@code @name}) with {@code CAST(NULL AS type)}. */
    private static final class Parameters extends SqlShuttle {
        private final List<SqlText.Parameter> parameters;
        private final Map<String, ColumnType> declared = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        private final TextPositions positions;
        private final List<Problem> errors;

        Parameters(
                List<SqlText.Parameter> parameters,
                AnalysisCatalog catalog,
                TextPositions positions,
                List<Problem> errors) {
            this.parameters = parameters;
            this.declared.putAll(catalog.parameters());
            this.positions = positions;
            this.errors = errors;
        }

        @Override
        public SqlNode visit(SqlDynamicParam param) {
            SqlParserPos pos = param.getParserPosition();
            SqlText.Parameter parameter =
                    param.getIndex() < parameters.size() ? parameters.get(param.getIndex()) : null;
            if (parameter == null || SqlText.POSITIONAL.equals(parameter.name())) {
                errors.add(problem(positions, pos, "Positional query parameters are not supported"));
                return SqlLiteral.createNull(pos);
            }
            ColumnType type = declared.get(parameter.name());
            if (type == null) {
                errors.add(problem(positions, pos, "Query parameter '" + parameter.name() + "' not found"));
                return SqlLiteral.createNull(pos);
            }
            SqlDataTypeSpec spec = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(sqlTypeName(type), pos), pos);
            return SqlStdOperatorTable.CAST.createCall(pos, SqlLiteral.createNull(pos), spec);
        }
    }

    // ---- facts --------------------------------------------------------------------------------

    /** Functions, stars, WITH entries and table references, read off Calcite's parse tree. */
    private static final class Facts {
        private final TextPositions positions;
        private final Map<String, String> tableNames;
        final List<Use> functions = new ArrayList<>();
        final List<Use> stars = new ArrayList<>();
        final List<Use> ctes = new ArrayList<>();
        private final List<Use> tableReferences = new ArrayList<>();
        private final Set<String> cteNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

        Facts(TextPositions positions, Map<String, String> tableNames) {
            this.positions = positions;
            this.tableNames = tableNames;
        }

        /** Table references that name catalog tables (not WITH entries), by the catalog's name. */
        List<Use> tables() {
            List<Use> out = new ArrayList<>();
            for (Use reference : tableReferences) {
                if (!cteNames.contains(reference.name()) && tableNames.containsKey(reference.name())) {
                    out.add(new Use(tableNames.get(reference.name()), reference.line(), reference.column()));
                }
            }
            return sorted(out);
        }

        void walk(SqlNode node) {
            if (node == null) {
                return;
            }
            if (node instanceof SqlNodeList list) {
                list.forEach(this::walk);
            } else if (node instanceof SqlIdentifier id) {
                if (id.names.size() == 1
                        && !id.isComponentQuoted(0)
                        && NILADIC.contains(id.names.get(0).toUpperCase(Locale.ROOT))) {
                    functions.add(use(id.names.get(0).toUpperCase(Locale.ROOT), id));
                }
            } else if (node instanceof SqlWith with) {
                for (SqlNode item : with.withList) {
                    SqlWithItem entry = (SqlWithItem) item;
                    cteNames.add(entry.name.getSimple());
                    ctes.add(use(entry.name.getSimple(), entry.name));
                    walk(entry.query);
                }
                walk(with.body);
            } else if (node instanceof SqlSelect select) {
                for (SqlNode item : select.getSelectList()) {
                    star(item, select);
                }
                for (SqlNode item : select.getSelectList()) {
                    walk(item);
                }
                from(select.getFrom());
                walk(select.getWhere());
                walk(select.getGroup());
                walk(select.getHaving());
                walk(select.getQualify());
                walk(select.getWindowList());
                walk(select.getOrderList());
                walk(select.getOffset());
                walk(select.getFetch());
            } else if (node instanceof SqlCall call) {
                if (call.getOperator() instanceof SqlFunction function && !(function instanceof SqlCastFunction)) {
                    functions.add(use(function.getName().toUpperCase(Locale.ROOT), call));
                }
                List<SqlNode> operands = call.getOperandList();
                int last = call.getKind() == SqlKind.AS ? 1 : operands.size(); // skip the alias of AS
                for (int i = 0; i < last; i++) {
                    walk(operands.get(i));
                }
            }
        }

        private void from(SqlNode item) {
            if (item instanceof SqlIdentifier id) {
                tableReferences.add(use(tableName(id), id));
            } else if (item instanceof SqlJoin join) {
                from(join.getLeft());
                from(join.getRight());
                walk(join.getCondition());
            } else if (item instanceof SqlCall call && call.getKind() == SqlKind.AS) {
                from(call.operand(0));
            } else {
                walk(item);
            }
        }

        private void star(SqlNode item, SqlSelect select) {
            SqlIdentifier star = item instanceof SqlIdentifier id && id.isStar()
                    ? id
                    : item instanceof SqlCall call
                                    && call.getOperator().getName().equals("SELECT_STAR_EXCLUDE")
                                    && call.operand(0) instanceof SqlIdentifier id
                                    && id.isStar()
                            ? id
                            : null;
            if (star == null) {
                return;
            }
            if (star.names.size() == 1) {
                List<String> sources = new ArrayList<>();
                sources(select.getFrom(), sources);
                if (sources.isEmpty()) {
                    sources.add("");
                }
                sources.forEach(source -> stars.add(use(source, star)));
            } else {
                String qualifier = String.join(".", star.names.subList(0, star.names.size() - 1));
                Map<String, String> aliases = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                aliases(select.getFrom(), aliases);
                stars.add(use(aliases.getOrDefault(qualifier, qualifier), star));
            }
        }

        private void sources(SqlNode item, List<String> out) {
            if (item instanceof SqlJoin join) {
                sources(join.getLeft(), out);
                sources(join.getRight(), out);
            } else if (item != null) {
                out.add(sourceName(item));
            }
        }

        private void aliases(SqlNode item, Map<String, String> out) {
            if (item instanceof SqlJoin join) {
                aliases(join.getLeft(), out);
                aliases(join.getRight(), out);
            } else if (item instanceof SqlCall call && call.getKind() == SqlKind.AS) {
                out.putIfAbsent(((SqlIdentifier) call.operand(1)).getSimple(), sourceName(item));
            } else if (item instanceof SqlIdentifier id) {
                out.putIfAbsent(id.names.get(id.names.size() - 1), tableName(id));
            }
        }

        /** A FROM item: a table by name, else its alias, else what it is. */
        private String sourceName(SqlNode item) {
            if (item instanceof SqlIdentifier id) {
                return tableName(id);
            }
            if (item instanceof SqlCall call && call.getKind() == SqlKind.AS) {
                SqlNode inner = call.operand(0);
                return inner instanceof SqlIdentifier id
                        ? tableName(id)
                        : ((SqlIdentifier) call.operand(1)).getSimple();
            }
            if (item instanceof SqlCall call && call.getKind() == SqlKind.UNNEST) {
                return "UNNEST";
            }
            if (item instanceof SqlCall call
                    && call.getKind() == SqlKind.COLLECTION_TABLE
                    && call.operand(0) instanceof SqlCall function) {
                return function.getOperator().getName().toUpperCase(Locale.ROOT);
            }
            return "(subquery)";
        }

        private String tableName(SqlIdentifier id) {
            String written = String.join(".", id.names);
            return cteNames.contains(written) ? written : tableNames.getOrDefault(written, written);
        }

        private Use use(String name, SqlNode node) {
            SqlParserPos pos = node.getParserPosition();
            TextPositions.Position at = positions.fromCharColumn(pos.getLineNum(), pos.getColumnNum());
            return new Use(name, at.line(), at.column());
        }
    }
}

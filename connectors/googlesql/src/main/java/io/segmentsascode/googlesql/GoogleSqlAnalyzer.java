package io.segmentsascode.googlesql;

import com.google.zetasql.Analyzer;
import com.google.zetasql.AnalyzerOptions;
import com.google.zetasql.LanguageOptions;
import com.google.zetasql.ParseLocationRange;
import com.google.zetasql.ParseResumeLocation;
import com.google.zetasql.Parser;
import com.google.zetasql.SimpleCatalog;
import com.google.zetasql.SimpleColumn;
import com.google.zetasql.SimpleTable;
import com.google.zetasql.SqlException;
import com.google.zetasql.StructType;
import com.google.zetasql.Type;
import com.google.zetasql.TypeFactory;
import com.google.zetasql.ZetaSQLBuiltinFunctionOptions;
import com.google.zetasql.ZetaSQLOptions.ErrorMessageMode;
import com.google.zetasql.ZetaSQLOptions.ProductMode;
import com.google.zetasql.ZetaSQLType.TypeKind;
import com.google.zetasql.parser.ASTNodes.ASTQueryStatement;
import com.google.zetasql.parser.ASTNodes.ASTStatement;
import com.google.zetasql.resolvedast.ResolvedNodes;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAggregateFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedAnalyticFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFunctionCall;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedFunctionCallBase;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedOutputColumn;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedQueryStmt;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedStatement;
import com.google.zetasql.resolvedast.ResolvedNodes.ResolvedTableScan;
import io.segmentsascode.analyze.AnalysisCatalog;
import io.segmentsascode.analyze.SqlAnalysis;
import io.segmentsascode.analyze.SqlAnalysis.OutputColumn;
import io.segmentsascode.analyze.SqlAnalysis.Problem;
import io.segmentsascode.analyze.SqlAnalysis.TextRange;
import io.segmentsascode.analyze.SqlAnalysis.Use;
import io.segmentsascode.analyze.SqlAnalyzer;
import io.segmentsascode.model.Column;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.DataType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The GoogleSQL (ZetaSQL) analyzer, in process through its JNI library: BigQuery's own parser
 * and resolver, so names, types and error messages are BigQuery's.
 *
 * <p><b>Set-up.</b> Language options follow BigQuery ({@link BigQueryLanguage}: product mode
 * EXTERNAL, BigQuery's feature set, QUALIFY reserved) and accept one statement kind, the query.
 * Each {@link AnalysisCatalog} becomes a GoogleSQL catalog with the built-in functions, one table
 * per logical table (by its logical name, e.g. {@code events}) with typed columns, and the
 * catalog's parameters as named query parameters ({@code @run_time}). That catalog is registered
 * on the native side once and reused: analyses against the same {@code AnalysisCatalog} (by
 * value) cost ~7–16 ms instead of re-sending the catalog and the function list each time.
 *
 * <p><b>Cost.</b> The constructor loads the native library (extracted from the jar to a
 * temporary file), builds the built-in function list and runs a first analysis, ~2–3 s on a
 * 2-core machine; construct one instance and keep it. It throws ({@link LinkageError},
 * {@link java.util.ServiceConfigurationError}, {@link RuntimeException}) where the library
 * cannot load — see {@link SqlAnalyzers#best()}.
 *
 * <p><b>Threads.</b> Thread-safe: {@link #analyze} may be called concurrently (the native
 * service serves concurrent requests; the catalog cache is synchronized). Up to
 * {@value #CATALOGS_KEPT} catalogs stay registered; older ones are dropped from the cache and
 * unregistered when collected. {@link #close()} unregisters them at once.
 *
 * <p><b>Facts.</b> See {@link SqlAnalysis}. Statement count, kind, functions as written, stars
 * and WITH entries come from GoogleSQL's parse tree of the whole text (a script parse, so
 * {@code SELECT 1; -- c} is one statement and {@code SELECT 1; -- c \n DROP TABLE x} two);
 * errors, output columns, tables read and resolved function names come from the analyzer, and
 * each output column's sources from the resolved tree ({@link ValueLineage}).
 * Positions are 1-based line:column in code points, a tab counting as one; {@code 0:0} means
 * the fact has no position in the text (a function only the resolver sees, e.g. {@code CONCAT}
 * for {@code ||}).
 */
public final class GoogleSqlAnalyzer implements SqlAnalyzer, AutoCloseable {

    /** {@link SqlAnalysis#statementKind()} of a text holding more than one statement. */
    public static final String SCRIPT = "script";
    /** {@link SqlAnalysis#statementKind()} of a text whose first statement does not parse. */
    public static final String UNKNOWN = "unknown";
    /** {@link SqlAnalysis#statementKind()} of a text with no statement (blank or only comments). */
    public static final String EMPTY = "empty";

    static final int CATALOGS_KEPT = 8;

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z_0-9]*");
    private static final Pattern LOCATION = Pattern.compile("\\s*\\[at (\\d+):(\\d+)]\\s*$");

    private final LanguageOptions language;
    private final Map<AnalysisCatalog, Prepared> catalogs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AnalysisCatalog, Prepared> eldest) {
            // not unregistered here: another thread may be analysing against it; SimpleCatalog
            // unregisters itself when collected
            return size() > CATALOGS_KEPT;
        }
    };
    private boolean closed;

    /** A registered catalog and the analyzer options (with its parameters) that go with it. */
    private record Prepared(SimpleCatalog catalog, AnalyzerOptions options, Map<String, String> tableNames) {}

    /**
     * Loads the native analyzer and warms it up.
     *
     * @throws LinkageError where the native library cannot load (e.g. glibc older than 2.34)
     * @throws java.util.ServiceConfigurationError where the JNI channel cannot be created
     *         (unsupported OS or CPU: only Linux and macOS on x86_64 are shipped)
     */
    public GoogleSqlAnalyzer() {
        QuietLogging.install();
        this.language = BigQueryLanguage.readOnlyQueries();
        AnalysisCatalog empty = new AnalysisCatalog(List.of(), Map.of());
        Prepared warmUp = prepared(empty);
        Analyzer.analyzeStatement("SELECT 1", warmUp.options(), warmUp.catalog());
    }

    @Override
    public String version() {
        return "googlesql " + Versions.zetasql();
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public SqlAnalysis analyze(String sql, AnalysisCatalog catalog) {
        Objects.requireNonNull(sql, "sql");
        Objects.requireNonNull(catalog, "catalog");
        Prepared prepared = prepared(catalog);
        TextPositions positions = new TextPositions(sql);

        Statements statements = statements(sql);
        ParseTreeFacts parsed = new ParseTreeFacts(
                positions, written -> prepared.tableNames().getOrDefault(written.toLowerCase(Locale.ROOT), written));
        for (ASTStatement statement : statements.parsed()) {
            statement.accept(parsed);
        }

        List<Problem> errors = new ArrayList<>();
        List<OutputColumn> columns = new ArrayList<>();
        ResolvedFacts resolved = new ResolvedFacts();
        try {
            ResolvedStatement statement = Analyzer.analyzeStatement(sql, prepared.options(), prepared.catalog());
            if (statement instanceof ResolvedQueryStmt query) {
                ValueLineage lineage = ValueLineage.of(query);
                List<ResolvedOutputColumn> outputs = query.getOutputColumnList();
                List<TextPositions.Position> items = statements.parsed().size() == 1
                        ? ParseTreeFacts.outputItems(statements.parsed().get(0), positions)
                        : List.of();
                for (int i = 0; i < outputs.size(); i++) {
                    ResolvedOutputColumn column = outputs.get(i);
                    TextPositions.Position at =
                            items.size() == outputs.size() ? items.get(i) : TextPositions.Position.NONE;
                    columns.add(new OutputColumn(
                            column.getName(),
                            typeName(column.getColumn().getType()),
                            lineage.sources(column.getColumn()),
                            at.line(),
                            at.column()));
                }
            }
            statement.accept(resolved);
        } catch (SqlException e) {
            errors.add(problem(e.getMessage(), positions));
        }
        List<Use> tables = tables(resolved.tables, parsed.tablePaths);
        missingTable(errors, parsed.tablePaths).ifPresent(tables::add);

        return new SqlAnalysis(
                errors,
                statements.kind(),
                statements.count(),
                columns,
                sorted(tables),
                functions(parsed.functions, resolved.functions),
                sorted(parsed.stars),
                sorted(parsed.ctes),
                statementRange(statements, positions));
    }

    /**
     * A query resolved against a catalog, for renderers that translate it into another engine's SQL.
     *
     * @param statement the resolved query
     * @param functions the functions as written, with their positions (the resolved tree carries
     *                  none in the Java client), to point at a construct a renderer cannot translate
     */
    public record ResolvedQuery(ResolvedQueryStmt statement, List<Use> functions) {
        public ResolvedQuery {
            functions = List.copyOf(functions);
        }
    }

    /**
     * Resolves one query against the catalog, as {@link #analyze} does.
     *
     * @throws IllegalArgumentException when the text is not exactly one query that resolves (the
     *         message carries GoogleSQL's, with its position); guardrails have refused such text
     *         before any caller gets here
     */
    public ResolvedQuery resolve(String sql, AnalysisCatalog catalog) {
        Objects.requireNonNull(sql, "sql");
        Prepared prepared = prepared(Objects.requireNonNull(catalog, "catalog"));
        TextPositions positions = new TextPositions(sql);
        ParseTreeFacts parsed = new ParseTreeFacts(positions, UnaryOperator.identity());
        statements(sql).parsed().forEach(statement -> statement.accept(parsed));
        try {
            ResolvedStatement statement = Analyzer.analyzeStatement(sql, prepared.options(), prepared.catalog());
            if (statement instanceof ResolvedQueryStmt query) {
                return new ResolvedQuery(query, parsed.functions);
            }
            throw new IllegalArgumentException("not a query: " + statement.nodeKindString());
        } catch (SqlException e) {
            Problem problem = problem(e.getMessage(), positions);
            throw new IllegalArgumentException(
                    problem.message() + " [at " + problem.line() + ":" + problem.column() + "]", e);
        }
    }

    /** The one statement's text, first token to last, as the parser delimits it (no {@code ;}). */
    private static Optional<TextRange> statementRange(Statements statements, TextPositions positions) {
        if (statements.count() != 1 || statements.parsed().size() != 1) {
            return Optional.empty();
        }
        ParseLocationRange range = statements.parsed().get(0).getParseLocationRange();
        if (range == null) {
            return Optional.empty();
        }
        return Optional.of(new TextRange(
                positions.charIndexOfByteOffset(range.start()), positions.charIndexOfByteOffset(range.end())));
    }

    /** Unregisters the catalogs kept on the native side; the analyzer must not be used afterwards. */
    @Override
    public void close() {
        synchronized (catalogs) {
            closed = true;
            for (Prepared prepared : catalogs.values()) {
                if (prepared.catalog().isRegistered()) {
                    prepared.catalog().unregister();
                }
            }
            catalogs.clear();
        }
    }

    // ---- catalog ------------------------------------------------------------------------------

    private Prepared prepared(AnalysisCatalog catalog) {
        synchronized (catalogs) {
            if (closed) {
                throw new IllegalStateException("GoogleSqlAnalyzer is closed");
            }
            Prepared prepared = catalogs.get(catalog);
            if (prepared == null) {
                prepared = prepare(catalog);
                catalogs.put(catalog, prepared);
            }
            return prepared;
        }
    }

    private Prepared prepare(AnalysisCatalog catalog) {
        SimpleCatalog simple = new SimpleCatalog("segments");
        simple.addZetaSQLFunctionsAndTypes(new ZetaSQLBuiltinFunctionOptions(language));
        Map<String, String> tableNames = new TreeMap<>();
        for (AnalysisCatalog.CatalogTable table : catalog.tables()) {
            SimpleTable simpleTable = new SimpleTable(table.name());
            for (Column column : table.columns()) {
                simpleTable.addSimpleColumn(column.name(), type(column.type()));
            }
            if (table.daySharded()) {
                // as BigQuery's wildcard tables have it: readable, not part of SELECT *
                simpleTable.addSimpleColumn(new SimpleColumn(
                        table.name(), AnalysisCatalog.TABLE_SUFFIX, type(ColumnType.STRING), true, false));
            }
            simple.addSimpleTable(simpleTable);
            tableNames.put(table.name().toLowerCase(Locale.ROOT), table.name());
        }
        AnalyzerOptions options = new AnalyzerOptions();
        options.setLanguageOptions(language);
        options.setErrorMessageMode(ErrorMessageMode.ERROR_MESSAGE_ONE_LINE);
        options.setDefaultTimezone("UTC"); // BigQuery's default
        // no resolved-AST rewrites: nothing is executed, and the tree stays the query as written
        // (rewriters would add functions the text does not call)
        options.setEnabledRewrites(Set.of());
        new TreeMap<>(catalog.parameters()).forEach((name, type) -> options.addQueryParameter(name, type(type)));
        simple.register();
        return new Prepared(simple, options, Map.copyOf(tableNames));
    }

    static Type type(DataType type) {
        if (type instanceof DataType.Array array) {
            return TypeFactory.createArrayType(type(array.element()));
        }
        if (type instanceof DataType.Struct struct) {
            return TypeFactory.createStructType(struct.fields().stream()
                    .map(field -> new StructType.StructField(field.name(), type(field.type())))
                    .toList());
        }
        return type(type.scalar().orElseThrow());
    }

    static Type type(ColumnType type) {
        TypeKind kind = switch (type) {
            case STRING -> TypeKind.TYPE_STRING;
            case INT64 -> TypeKind.TYPE_INT64;
            case NUMERIC -> TypeKind.TYPE_NUMERIC;
            case FLOAT64 -> TypeKind.TYPE_DOUBLE;
            case BOOL -> TypeKind.TYPE_BOOL;
            case DATE -> TypeKind.TYPE_DATE;
            case TIMESTAMP -> TypeKind.TYPE_TIMESTAMP;
        };
        return TypeFactory.createSimpleType(kind);
    }

    /**
     * BigQuery's spelling: FLOAT64 not DOUBLE, {@code ARRAY<STRUCT<a INT64, b STRING>>}. Arrays and
     * structs are spelled here: the Java client's {@code StructType.typeName} needs a native helper
     * the JNI build lacks ({@code UnsupportedOperationException} from {@code ZetaSQLStrings}).
     */
    static String typeName(Type type) {
        if (type.isArray()) {
            return "ARRAY<" + typeName(type.asArray().getElementType()) + ">";
        }
        if (type.isStruct()) {
            StringBuilder out = new StringBuilder("STRUCT<");
            List<StructType.StructField> fields = type.asStruct().getFieldList();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                String name = fields.get(i).getName();
                if (!name.isEmpty()) {
                    out.append(IDENTIFIER.matcher(name).matches() ? name : "`" + name.replace("`", "\\`") + "`")
                            .append(' ');
                }
                out.append(typeName(fields.get(i).getType()));
            }
            return out.append('>').toString();
        }
        return type.typeName(ProductMode.PRODUCT_EXTERNAL);
    }

    // ---- statements ---------------------------------------------------------------------------

    private record Statements(int count, List<ASTStatement> parsed, String kind) {}

    /**
     * Counts the statements with a script parse of the whole text (comments are the parser's
     * business, so a statement hidden after a comment line counts). When the text does not parse
     * as a whole, statements are parsed one by one: those that parse count, and a remainder that
     * does not counts as one more.
     */
    private Statements statements(String sql) {
        List<ASTStatement> parsed = new ArrayList<>();
        int count;
        try {
            parsed.addAll(
                    Parser.parseScript(sql, language).getStatementListNode().getStatementList());
            count = parsed.size();
        } catch (SqlException wholeTextFails) {
            count = 0;
            int length = sql.getBytes(StandardCharsets.UTF_8).length;
            ParseResumeLocation location = new ParseResumeLocation(sql);
            while (location.getBytePosition() < length) {
                int before = location.getBytePosition();
                try {
                    parsed.add(Parser.parseNextScriptStatement(location, language));
                    count++;
                } catch (SqlException broken) {
                    count++;
                    break;
                }
                if (location.getBytePosition() <= before) {
                    break;
                }
            }
        }
        String kind;
        if (count == 0) {
            kind = EMPTY;
        } else if (count > 1) {
            kind = SCRIPT;
        } else if (parsed.isEmpty()) {
            kind = UNKNOWN;
        } else if (parsed.get(0) instanceof ASTQueryStatement) {
            kind = SqlAnalysis.QUERY;
        } else {
            kind = parsed.get(0).nodeKindString();
        }
        return new Statements(count, parsed, kind);
    }

    // ---- facts --------------------------------------------------------------------------------

    /** "message [at 3:14]" (one-line error mode) → the message and its position. */
    static Problem problem(String message, TextPositions positions) {
        String text = message == null ? "GoogleSQL analyzer error" : message;
        Matcher m = LOCATION.matcher(text);
        if (m.find()) {
            TextPositions.Position at =
                    positions.fromExpandedColumn(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
            return new Problem(at.line(), at.column(), text.substring(0, m.start()));
        }
        return new Problem(0, 0, text);
    }

    /**
     * The table reference a "Table not found" error stands at, as written: the text reads it, the
     * catalog lacks it, and the policy (not this analyzer) says which tables may be read.
     */
    private static Optional<Use> missingTable(List<Problem> errors, List<Use> references) {
        return errors.stream()
                .filter(error -> error.message().startsWith("Table not found: "))
                .findFirst()
                .flatMap(error -> references.stream()
                        .filter(reference -> reference.line() == error.line() && reference.column() == error.column())
                        .findFirst());
    }

    /** Table scans by catalog name, positioned at the FROM references to them, in text order. */
    private static List<Use> tables(List<String> scanned, List<Use> references) {
        List<Use> unused = new ArrayList<>(references);
        List<Use> out = new ArrayList<>();
        for (String table : scanned) {
            Use at = null;
            for (Use reference : unused) {
                if (reference.name().equalsIgnoreCase(table)) {
                    at = reference;
                    break;
                }
            }
            if (at != null) {
                unused.remove(at);
            }
            out.add(new Use(table, at == null ? 0 : at.line(), at == null ? 0 : at.column()));
        }
        return out;
    }

    /**
     * Functions as written (with positions), then resolved functions not written under that name
     * (no position): {@code CONCAT} for {@code ||}, or the canonical name of an alias.
     */
    private static List<Use> functions(List<Use> written, List<String> resolved) {
        List<Use> out = new ArrayList<>(written);
        TreeSet<String> names = new TreeSet<>();
        written.forEach(use -> names.add(use.name()));
        for (String name : resolved) {
            if (names.add(name)) {
                out.add(new Use(name, 0, 0));
            }
        }
        return sorted(out);
    }

    private static List<Use> sorted(List<Use> uses) {
        List<Use> out = new ArrayList<>(uses);
        out.sort(Comparator.comparingInt((Use u) -> u.line() == 0 ? Integer.MAX_VALUE : u.line())
                .thenComparingInt(Use::column));
        return Collections.unmodifiableList(out);
    }

    /** Tables scanned and functions called, from the resolved tree. */
    private static final class ResolvedFacts extends ResolvedNodes.Visitor {
        final List<String> tables = new ArrayList<>();
        final List<String> functions = new ArrayList<>();

        @Override
        public void visit(ResolvedTableScan node) {
            tables.add(node.getTable().getName());
            super.visit(node);
        }

        @Override
        public void visit(ResolvedFunctionCall node) {
            function(node);
            super.visit(node);
        }

        @Override
        public void visit(ResolvedAggregateFunctionCall node) {
            function(node);
            super.visit(node);
        }

        @Override
        public void visit(ResolvedAnalyticFunctionCall node) {
            function(node);
            super.visit(node);
        }

        /** Operators ({@code $equal}, {@code $count_star}, ...) are not function names users write. */
        private void function(ResolvedFunctionCallBase call) {
            String name = call.getFunction().getName();
            if (!name.startsWith("$")) {
                functions.add(name.toUpperCase(Locale.ROOT));
            }
        }
    }
}

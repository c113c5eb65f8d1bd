package io.segmentsascode.googlesql;

import com.google.zetasql.ParseLocationRange;
import com.google.zetasql.parser.ASTNode;
import com.google.zetasql.parser.ASTNodes.ASTAlias;
import com.google.zetasql.parser.ASTNodes.ASTAliasedQuery;
import com.google.zetasql.parser.ASTNodes.ASTArrayElement;
import com.google.zetasql.parser.ASTNodes.ASTDotStar;
import com.google.zetasql.parser.ASTNodes.ASTDotStarWithModifiers;
import com.google.zetasql.parser.ASTNodes.ASTExpression;
import com.google.zetasql.parser.ASTNodes.ASTFunctionCall;
import com.google.zetasql.parser.ASTNodes.ASTIdentifier;
import com.google.zetasql.parser.ASTNodes.ASTJoin;
import com.google.zetasql.parser.ASTNodes.ASTParenthesizedJoin;
import com.google.zetasql.parser.ASTNodes.ASTPathExpression;
import com.google.zetasql.parser.ASTNodes.ASTQuery;
import com.google.zetasql.parser.ASTNodes.ASTQueryExpression;
import com.google.zetasql.parser.ASTNodes.ASTQueryStatement;
import com.google.zetasql.parser.ASTNodes.ASTSelect;
import com.google.zetasql.parser.ASTNodes.ASTSelectColumn;
import com.google.zetasql.parser.ASTNodes.ASTSetOperation;
import com.google.zetasql.parser.ASTNodes.ASTStar;
import com.google.zetasql.parser.ASTNodes.ASTStarWithModifiers;
import com.google.zetasql.parser.ASTNodes.ASTStatement;
import com.google.zetasql.parser.ASTNodes.ASTTVF;
import com.google.zetasql.parser.ASTNodes.ASTTableExpression;
import com.google.zetasql.parser.ASTNodes.ASTTablePathExpression;
import com.google.zetasql.parser.ASTNodes.ASTTableSubquery;
import com.google.zetasql.parser.ParseTreeVisitor;
import io.segmentsascode.analyze.SqlAnalysis.Use;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * What the GoogleSQL parse tree says, before (and independently of) name resolution: function
 * calls as written, star expansions and what they expand, WITH entries, and table references.
 * These facts exist even when the query does not resolve (an unknown table-valued function such
 * as {@code EXTERNAL_QUERY} still shows up as a function call).
 */
final class ParseTreeFacts extends ParseTreeVisitor {

    private final TextPositions positions;
    /** Maps a table path as written to the catalog's name for it (case-insensitively), or keeps it. */
    private final UnaryOperator<String> catalogName;

    final List<Use> functions = new ArrayList<>();
    final List<Use> stars = new ArrayList<>();
    final List<Use> ctes = new ArrayList<>();
    /** Table paths in FROM clauses, by the catalog's name where the catalog knows it. */
    final List<Use> tablePaths = new ArrayList<>();

    private static final Set<String> SUBSCRIPTS = Set.of("OFFSET", "ORDINAL", "SAFE_OFFSET", "SAFE_ORDINAL");

    private final Set<ASTNode> subscripts = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> cteNames = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private final Deque<ASTSelect> selects = new ArrayDeque<>();

    ParseTreeFacts(TextPositions positions, UnaryOperator<String> catalogName) {
        this.positions = positions;
        this.catalogName = catalogName;
    }

    /** {@code arr[OFFSET(0)]}: array subscript specifiers, not function calls (as in BigQuery's docs). */
    @Override
    public void visit(ASTArrayElement node) {
        if (node.getPosition() instanceof ASTFunctionCall call
                && SUBSCRIPTS.contains(String.valueOf(functionName(call.getFunction())))) {
            subscripts.add(call);
        }
        defaultVisit(node);
    }

    @Override
    public void visit(ASTFunctionCall node) {
        String name = functionName(node.getFunction());
        if (name != null && !subscripts.contains(node)) {
            functions.add(use(name, node));
        }
        defaultVisit(node);
    }

    @Override
    public void visit(ASTTVF node) {
        String name = functionName(node.getName());
        if (name != null) {
            functions.add(use(name, node));
        }
        defaultVisit(node);
    }

    @Override
    public void visit(ASTAliasedQuery node) {
        if (node.getAlias() != null) {
            String name = node.getAlias().getIdString();
            cteNames.add(name);
            ctes.add(use(name, node.getAlias()));
        }
        defaultVisit(node);
    }

    @Override
    public void visit(ASTTablePathExpression node) {
        if (node.getPathExpr() != null) {
            tablePaths.add(use(tableName(node.getPathExpr()), node.getPathExpr()));
        }
        defaultVisit(node);
    }

    @Override
    public void visit(ASTSelect node) {
        selects.push(node);
        try {
            defaultVisit(node);
        } finally {
            selects.pop();
        }
    }

    @Override
    public void visit(ASTSelectColumn node) {
        ASTExpression expression = node.getExpression();
        if (expression instanceof ASTStar || expression instanceof ASTStarWithModifiers) {
            ASTSelect select = selects.peek();
            List<String> sources = new ArrayList<>();
            if (select != null && select.getFromClause() != null) {
                collectSources(select.getFromClause().getTableExpression(), sources);
            }
            if (sources.isEmpty()) {
                sources.add("");
            }
            for (String source : sources) {
                stars.add(use(source, expression));
            }
        } else if (expression instanceof ASTDotStar dotStar) {
            stars.add(use(dotStarSource(dotStar.getExpr()), expression));
        } else if (expression instanceof ASTDotStarWithModifiers dotStar) {
            stars.add(use(dotStarSource(dotStar.getExpr()), expression));
        }
        defaultVisit(node);
    }

    /**
     * Where each item of the final select list starts: the list that names the query's output
     * columns (of the outermost SELECT; of the first input of a set operation, which gives the
     * names). Empty when its items and the output columns need not pair up one to one: a star
     * expands to several columns, pipe operators reshape the result, {@code SELECT AS STRUCT}
     * makes one column of many items.
     */
    static List<TextPositions.Position> outputItems(ASTStatement statement, TextPositions positions) {
        if (!(statement instanceof ASTQueryStatement query)) {
            return List.of();
        }
        ASTSelect select = finalSelect(query.getQuery());
        if (select == null || select.getSelectAs() != null || select.getSelectList() == null) {
            return List.of();
        }
        List<TextPositions.Position> out = new ArrayList<>();
        for (ASTSelectColumn item : select.getSelectList().getColumns()) {
            ASTExpression expression = item.getExpression();
            ParseLocationRange range = item.getParseLocationRange();
            if (expression instanceof ASTStar
                    || expression instanceof ASTStarWithModifiers
                    || expression instanceof ASTDotStar
                    || expression instanceof ASTDotStarWithModifiers
                    || range == null) {
                return List.of();
            }
            out.add(positions.ofByteOffset(range.start()));
        }
        return out;
    }

    private static ASTSelect finalSelect(ASTQueryExpression expression) {
        if (expression instanceof ASTQuery query) {
            return query.getPipeOperatorList().isEmpty() ? finalSelect(query.getQueryExpr()) : null;
        }
        if (expression instanceof ASTSetOperation setOperation
                && !setOperation.getInputs().isEmpty()) {
            return finalSelect(setOperation.getInputs().get(0));
        }
        return expression instanceof ASTSelect select ? select : null;
    }

    /** {@code t.*}: the FROM item aliased (or implicitly named) {@code t}, else {@code t} itself (a struct). */
    private String dotStarSource(ASTExpression expr) {
        String written = expr instanceof ASTPathExpression path ? joined(path) : expr.nodeKindString();
        ASTSelect select = selects.peek();
        if (select != null && select.getFromClause() != null) {
            Map<String, String> aliases = new LinkedHashMap<>();
            collectAliases(select.getFromClause().getTableExpression(), aliases);
            String source = aliases.get(written.toLowerCase(Locale.ROOT));
            if (source != null) {
                return source;
            }
        }
        return written;
    }

    private void collectSources(ASTTableExpression item, List<String> out) {
        if (item instanceof ASTJoin join) {
            collectSources(join.getLhs(), out);
            collectSources(join.getRhs(), out);
        } else if (item instanceof ASTParenthesizedJoin parenthesized) {
            collectSources(parenthesized.getJoin(), out);
        } else if (item != null) {
            out.add(sourceName(item));
        }
    }

    private void collectAliases(ASTTableExpression item, Map<String, String> out) {
        if (item instanceof ASTJoin join) {
            collectAliases(join.getLhs(), out);
            collectAliases(join.getRhs(), out);
        } else if (item instanceof ASTParenthesizedJoin parenthesized) {
            collectAliases(parenthesized.getJoin(), out);
        } else if (item != null) {
            String alias = aliasOf(item);
            if (alias == null && item instanceof ASTTablePathExpression path && path.getPathExpr() != null) {
                List<ASTIdentifier> names = path.getPathExpr().getNames();
                alias = names.get(names.size() - 1).getIdString();
            }
            if (alias != null) {
                out.putIfAbsent(alias.toLowerCase(Locale.ROOT), sourceName(item));
            }
        }
    }

    private String sourceName(ASTTableExpression item) {
        if (item instanceof ASTTablePathExpression path) {
            if (path.getPathExpr() != null) {
                return tableName(path.getPathExpr());
            }
            String alias = aliasOf(item);
            return alias != null ? alias : "UNNEST";
        }
        if (item instanceof ASTTableSubquery) {
            String alias = aliasOf(item);
            return alias != null ? alias : "(subquery)";
        }
        if (item instanceof ASTTVF tvf) {
            String name = functionName(tvf.getName());
            return name != null ? name : "TVF";
        }
        return item.nodeKindString();
    }

    private static String aliasOf(ASTTableExpression item) {
        ASTAlias alias = null;
        if (item instanceof ASTTablePathExpression path) {
            alias = path.getAlias();
        } else if (item instanceof ASTTableSubquery subquery) {
            alias = subquery.getAlias();
        } else if (item instanceof ASTTVF tvf) {
            alias = tvf.getAlias();
        }
        return alias == null || alias.getIdentifier() == null
                ? null
                : alias.getIdentifier().getIdString();
    }

    /** A table path as written, or the catalog's spelling of it; a WITH entry keeps its own name. */
    private String tableName(ASTPathExpression path) {
        String written = joined(path);
        return cteNames.contains(written) ? written : catalogName.apply(written);
    }

    /** Upper case, without the {@code SAFE.} prefix (an error mode, not part of the name). */
    private static String functionName(ASTPathExpression path) {
        if (path == null || path.getNames().isEmpty()) {
            return null;
        }
        List<ASTIdentifier> names = path.getNames();
        if (names.size() > 1 && names.get(0).getIdString().equalsIgnoreCase("SAFE")) {
            names = names.subList(1, names.size());
        }
        return String.join(".", names.stream().map(ASTIdentifier::getIdString).toList())
                .toUpperCase(Locale.ROOT);
    }

    private static String joined(ASTPathExpression path) {
        return String.join(
                ".", path.getNames().stream().map(ASTIdentifier::getIdString).toList());
    }

    private Use use(String name, ASTNode node) {
        ParseLocationRange range = node.getParseLocationRange();
        TextPositions.Position at = range == null ? TextPositions.Position.NONE : positions.ofByteOffset(range.start());
        return new Use(name, at.line(), at.column());
    }
}

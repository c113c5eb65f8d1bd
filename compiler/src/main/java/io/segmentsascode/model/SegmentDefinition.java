package io.segmentsascode.model;

import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.expr.Expr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** How a segment's members are computed. Structured kinds compile deterministically. */
public sealed interface SegmentDefinition {

    /** RFM and rules: compiled by our code alone. Intent and sql segments bring SQL that must be checked. */
    default boolean isStructured() {
        return this instanceof Rfm || this instanceof Rules;
    }

    /**
     * The segments this one's conditions name with {@code in_segment}, sorted and distinct: the
     * segments whose members must be known before this one's. Intent and sql segments name none
     * (they may be named).
     */
    default List<String> references() {
        List<Expr> conditions = new ArrayList<>();
        if (this instanceof Rfm rfm) {
            rfm.where().ifPresent(conditions::add);
        } else if (this instanceof Rules rules) {
            conditions.add(rules.include());
            rules.exclude().ifPresent(conditions::add);
            rules.where().ifPresent(conditions::add);
        }
        Set<String> ids = new TreeSet<>();
        conditions.forEach(c -> Expr.segmentReferences(c).forEach(r -> ids.add(r.segmentId())));
        return List.copyOf(ids);
    }

    /** RFM scores over a window, labelled by ordered conditions; members carry a selected label. */
    record Rfm(RfmModel model, List<String> select, Optional<Expr> where, List<Metric> usedMetrics)
            implements SegmentDefinition {
        public Rfm {
            select = List.copyOf(select);
            usedMetrics = List.copyOf(usedMetrics);
        }
    }

    /**
     * A plain-language audience description that the model expands to SQL; {@code columns} is the
     * output contract the SQL must meet.
     */
    record Intent(String intent, List<OutputColumn> columns, Location location) implements SegmentDefinition {
        public Intent {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Hand-written GoogleSQL over the logical tables. {@code sqlLine}/{@code sqlColumn}: where the
     * SQL text starts in the file, so analyzer errors point into the YAML.
     */
    record Sql(String sql, List<OutputColumn> columns, int sqlLine, int sqlColumn, Location location)
            implements SegmentDefinition {
        public Sql {
            columns = List.copyOf(columns);
        }

        /**
         * Where a position of the SQL text (1-based) is in the file: a block scalar indents every
         * line alike. A position it cannot map points at the key.
         */
        public Location locate(int line, int column) {
            if (line <= 0) {
                return location;
            }
            return new Location(location.file(), line + sqlLine - 1, column + sqlColumn - 1);
        }
    }

    /** Behavioural cohort: metrics per user, an include condition, an optional exclusion. */
    record Rules(
            int windowDays,
            Map<String, Metric> metrics,
            Expr include,
            Optional<Expr> exclude,
            Optional<Expr> where,
            List<String> output)
            implements SegmentDefinition {
        public Rules {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            output = List.copyOf(output);
        }
    }
}

package io.segmentsascode.model;

import io.segmentsascode.expr.Expr;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How a segment's members are computed. Structured kinds compile deterministically. */
public sealed interface SegmentDefinition {

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
    record Intent(String intent, java.util.List<io.segmentsascode.render.OutputColumn> columns,
            io.segmentsascode.diagnostics.Location location) implements SegmentDefinition {
        public Intent {
            columns = List.copyOf(columns);
        }
    }

    /**
     * Hand-written GoogleSQL over the logical tables. {@code sqlLine}/{@code sqlColumn}: where the
     * SQL text starts in the file, so analyzer errors point into the YAML.
     */
    record Sql(String sql, java.util.List<io.segmentsascode.render.OutputColumn> columns, int sqlLine, int sqlColumn,
            io.segmentsascode.diagnostics.Location location) implements SegmentDefinition {
        public Sql {
            columns = List.copyOf(columns);
        }
    }

    /** Behavioural cohort: metrics per user, an include condition, an optional exclusion. */
    record Rules(int windowDays, Map<String, Metric> metrics, Expr include, Optional<Expr> exclude,
            Optional<Expr> where, List<String> output) implements SegmentDefinition {
        public Rules {
            metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            output = List.copyOf(output);
        }
    }
}

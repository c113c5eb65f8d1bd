package io.segmentsascode.intent;

import io.segmentsascode.model.OutputColumn;
import java.util.List;

/** SQL of an intent or sql segment that passed the guardrails: what the generate stage embeds. */
public record EmbeddedSql(String segmentId, String sql, List<String> tables, List<OutputColumn> columns) {

    public EmbeddedSql {
        tables = List.copyOf(tables);
        columns = List.copyOf(columns);
    }
}

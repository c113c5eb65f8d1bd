package io.segmentsascode.intent;

import io.segmentsascode.model.OutputColumn;
import java.util.List;
import java.util.Map;

/**
 * One entry of segments.lock: the SQL an intent was expanded to, the key it was generated under
 * (with each input's hash), where it came from, and the analyzer's verdict on it.
 *
 * @param provenance {@code model <id>} or {@code hand-written (<why>)}
 * @param analysis   analyzer version, catalog hash, tables read and output columns; lets a compile
 *                   skip re-analysis while SQL, schema and analyzer are unchanged
 */
public record Pin(
        String segmentId,
        String provenance,
        String key,
        Map<String, String> inputs,
        String sqlSha256,
        Analysis analysis,
        String tool,
        String sql) {

    public record Analysis(String analyzer, String catalog, List<String> tables, List<OutputColumn> columns) {
        public Analysis {
            tables = List.copyOf(tables);
            columns = List.copyOf(columns);
        }
    }

    public Pin {
        inputs = Map.copyOf(inputs);
    }
}

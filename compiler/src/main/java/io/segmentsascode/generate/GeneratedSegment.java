package io.segmentsascode.generate;

import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Segment;
import java.util.List;

/** Output of the generate stage for one segment: its query in the IR and its output contract. */
public record GeneratedSegment(Segment segment, SqlQuery.Query query, List<OutputColumn> columns) {

    public GeneratedSegment {
        columns = List.copyOf(columns);
    }
}

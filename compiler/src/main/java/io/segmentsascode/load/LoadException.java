package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** The project's files could not be read as YAML of a known schema. */
public final class LoadException extends SegmentsException {

    public LoadException(List<Diagnostic> diagnostics) {
        super("load", diagnostics);
    }

    @Override
    public String nextStep() {
        return " reading the segment files; fix the lines listed above (each says file:line:col)";
    }
}

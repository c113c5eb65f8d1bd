package io.segmentsascode.brief;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** The briefs lock cannot be used (edited into a shape a brief may not have), or the model's brief is malformed. */
public final class BriefException extends SegmentsException {

    public BriefException(List<Diagnostic> diagnostics) {
        super("briefs", diagnostics);
    }

    @Override
    public String nextStep() {
        return " in campaign briefs; see the lines above";
    }
}

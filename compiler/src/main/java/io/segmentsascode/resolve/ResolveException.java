package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** Definitions refer to tables, columns, metrics, labels or segments that do not exist, or misuse them. */
public final class ResolveException extends SegmentsException {

    public ResolveException(List<Diagnostic> diagnostics) {
        super("resolve", diagnostics);
    }

    @Override
    public String nextStep() {
        return ": definitions name things warehouse.yaml or the other files do not declare; see the lines above";
    }
}

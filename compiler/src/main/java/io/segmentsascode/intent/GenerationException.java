package io.segmentsascode.intent;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** Intent or sql segments have no usable SQL: a missing or stale pin, or SQL the guardrails reject. */
public final class GenerationException extends SegmentsException {

    public GenerationException(List<Diagnostic> diagnostics) {
        super("generate", diagnostics);
    }

    @Override
    public String nextStep() {
        return " generating or checking intent and sql segments; see the lines above";
    }
}

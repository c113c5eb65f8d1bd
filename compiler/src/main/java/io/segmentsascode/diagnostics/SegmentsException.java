package io.segmentsascode.diagnostics;

import java.util.List;

/**
 * A mistake in the user's input (never a bug of ours): carries every located finding of the stage
 * that failed. Front ends print {@link #diagnostics()} and exit non-zero; no stack trace.
 */
public abstract class SegmentsException extends RuntimeException {

    private final List<Diagnostic> diagnostics;

    protected SegmentsException(String stage, List<Diagnostic> diagnostics) {
        super(summary(stage, diagnostics));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public long errorCount() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }

    private static String summary(String stage, List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        StringBuilder text = new StringBuilder(stage + " failed with " + errors + (errors == 1 ? " error" : " errors"));
        diagnostics.forEach(d -> text.append('\n').append(d.format()));
        return text.toString();
    }
}

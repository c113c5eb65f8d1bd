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

    /** The line a front end prints last, after the findings: how many errors, then {@link #nextStep()}. */
    public String summary() {
        long errors = errorCount();
        return errors + (errors == 1 ? " error" : " errors") + nextStep();
    }

    /**
     * What failed and what to do next, read right after the error count ("2 errors" + this): each
     * stage knows best where its mistakes are and which goal to run again.
     */
    public String nextStep() {
        return "; see the lines above";
    }

    private static String summary(String stage, List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        StringBuilder text = new StringBuilder(stage + " failed with " + errors + (errors == 1 ? " error" : " errors"));
        diagnostics.forEach(d -> text.append('\n').append(d.format()));
        return text.toString();
    }
}

package io.segmentsascode.analyze;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/**
 * Compiled SQL fails the guardrails as it would be sent, or the only analyzer this machine can load
 * is an approximation where an exact verdict is required. Nothing is written or sent.
 */
public final class GuardException extends SegmentsException {

    public GuardException(List<Diagnostic> diagnostics) {
        super("guard", diagnostics);
    }
}

package io.segmentsascode.intent;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** A pin is missing or stale where it must not be, or the lock file cannot be read. */
public final class LockFileException extends SegmentsException {

    public LockFileException(List<Diagnostic> diagnostics) {
        super("lock", diagnostics);
    }

    @Override
    public String nextStep() {
        return " in segments.lock; run mvn segments:generate (with model credentials) and commit the lock";
    }
}

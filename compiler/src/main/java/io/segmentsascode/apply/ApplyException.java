package io.segmentsascode.apply;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** Apply cannot start: another apply holds the lock, or its lock cannot be read. Nothing was changed. */
public final class ApplyException extends SegmentsException {

    public ApplyException(String subject, String message, String hint) {
        this(Location.ofSetting(subject), message, hint);
    }

    /** About a place in a file, such as a line of the lock file that cannot be read. */
    public ApplyException(Location location, String message, String hint) {
        super("apply", List.of(Diagnostic.error(location, message, hint)));
    }

    /** Always one error, and what matters is that nothing changed: said instead of the count. */
    @Override
    public String summary() {
        return "apply did not start and changed nothing" + nextStep();
    }
}

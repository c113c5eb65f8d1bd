package io.segmentsascode.plan;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/**
 * The plan given by {@code segments.plan} cannot be applied: it cannot be read, or the definitions
 * no longer declare what it declared when it was reviewed. Raised before apply touches anything, so nothing was changed.
 */
public final class SavedPlanException extends SegmentsException {

    /** {@code hint}: what to do about {@link Parameters#PLAN}, the one setting that can fix this. */
    public SavedPlanException(String message, String hint) {
        // reported as apply's failure: the user ran apply, and this check is the first thing it does
        super("apply", List.of(Diagnostic.error(Location.ofSetting(Parameters.PLAN), message, hint)));
    }

    @Override
    public String summary() {
        return "apply did not start and changed nothing" + nextStep();
    }
}

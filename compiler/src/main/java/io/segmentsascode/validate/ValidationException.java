package io.segmentsascode.validate;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** Files parsed but break their schema or the naming conventions. */
public final class ValidationException extends SegmentsException {

    public ValidationException(List<Diagnostic> diagnostics) {
        super("validate", diagnostics);
    }

    @Override
    public String nextStep() {
        return " in the segment or campaign files; fix the lines listed above and run mvn segments:validate";
    }
}

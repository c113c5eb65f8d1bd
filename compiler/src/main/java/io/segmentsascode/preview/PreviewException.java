package io.segmentsascode.preview;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/**
 * The preview data is unusable as given (missing table or column, unreadable file, bad asOf), or
 * segments failed on it (each named, after the others were previewed).
 */
public final class PreviewException extends SegmentsException {

    public PreviewException(List<Diagnostic> diagnostics) {
        super("preview", diagnostics);
    }

    @Override
    public String nextStep() {
        return " in the preview data given by -Dsegments.sampleData; see the lines above";
    }
}

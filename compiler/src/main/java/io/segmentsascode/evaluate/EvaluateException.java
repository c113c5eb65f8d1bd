package io.segmentsascode.evaluate;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** The experiments table cannot be evaluated: it is not declared, lacks a column, or the engine refused the query. */
public final class EvaluateException extends SegmentsException {

    public EvaluateException(String message, String hint) {
        super("evaluate", List.of(Diagnostic.error(Location.ofSetting(Parameters.DIR), message, hint)));
    }

    @Override
    public String nextStep() {
        return "; fix the experiments table in warehouse.yaml or the sample data, then run segments:evaluate again";
    }
}

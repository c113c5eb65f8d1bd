package io.segmentsascode.config;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** A parameter has a value the tool cannot use. */
public final class ConfigException extends SegmentsException {

    public ConfigException(List<Diagnostic> diagnostics) {
        super("configuration", diagnostics);
    }

    /** One unusable value, reported at the parameter that gave it. */
    public ConfigException(String parameter, String message, String hint) {
        this(List.of(Diagnostic.error(Location.ofSetting(parameter), message, hint)));
    }

    @Override
    public String nextStep() {
        return " in the parameters; see the lines above";
    }
}

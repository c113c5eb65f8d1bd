package io.segmentsascode.config;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.util.List;

/** A parameter has a value the tool cannot use. */
public final class ConfigException extends SegmentsException {

    public ConfigException(List<Diagnostic> diagnostics) {
        super("configuration", diagnostics);
    }
}

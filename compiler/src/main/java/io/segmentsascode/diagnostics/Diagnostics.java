package io.segmentsascode.diagnostics;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the findings of a run so every mistake is reported at once, not one per build.
 * Not thread-safe; each stage run owns one.
 */
public final class Diagnostics {

    private final List<Diagnostic> items = new ArrayList<>();

    public void error(Location location, String message, String hint) {
        items.add(Diagnostic.error(location, message, hint));
    }

    public void warning(Location location, String message, String hint) {
        items.add(Diagnostic.warning(location, message, hint));
    }

    public void add(Diagnostic diagnostic) {
        items.add(diagnostic);
    }

    public void addAll(List<Diagnostic> diagnostics) {
        items.addAll(diagnostics);
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public int errorCount() {
        return (int) items.stream().filter(Diagnostic::isError).count();
    }

    /** Sorted by file, line, column, message: stable output whatever order files were read in. */
    public List<Diagnostic> sorted() {
        return items.stream().sorted(Diagnostic.ORDER).distinct().toList();
    }
}

package io.segmentsascode.diagnostics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
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
        return errorCount() > 0;
    }

    public int errorCount() {
        int errors = 0;
        for (Diagnostic diagnostic : items) {
            if (diagnostic.isError()) {
                errors++;
            }
        }
        return errors;
    }

    /**
     * Sorted by file, line, column, message: stable output whatever order files were read in.
     * Called once per file and per segment, nearly always with nothing found, hence no stream.
     */
    public List<Diagnostic> sorted() {
        if (items.isEmpty()) {
            return List.of();
        }
        List<Diagnostic> sorted = new ArrayList<>(items);
        sorted.sort(Diagnostic.ORDER);
        // the first of equal findings stays, where it was: what Stream.distinct() kept
        return List.copyOf(new LinkedHashSet<>(sorted));
    }
}

package io.segmentsascode.diagnostics;

import java.util.Comparator;
import java.util.Objects;

/**
 * One finding about a user's input: where, what is wrong, and how to fix it. Rendered as
 * {@code path:line:col: error: what is wrong (how to fix)}.
 */
public record Diagnostic(Location location, Severity severity, String message, String hint) {

    public static final Comparator<Diagnostic> ORDER =
            Comparator.comparing(Diagnostic::location).thenComparing(Diagnostic::message);

    public Diagnostic {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        hint = hint == null ? "" : hint;
    }

    public static Diagnostic error(Location location, String message, String hint) {
        return new Diagnostic(location, Severity.ERROR, message, hint);
    }

    public static Diagnostic warning(Location location, String message, String hint) {
        return new Diagnostic(location, Severity.WARNING, message, hint);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** One line whatever the message quotes: control characters in user values are shown escaped. */
    public String format() {
        String text = location + ": " + severity.label() + ": " + message;
        return PrintableText.escape(hint.isEmpty() ? text : text + " (" + hint + ")");
    }

    @Override
    public String toString() {
        return format();
    }
}

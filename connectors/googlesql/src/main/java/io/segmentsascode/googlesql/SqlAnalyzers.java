package io.segmentsascode.googlesql;

import io.segmentsascode.analyze.SqlAnalyzer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.function.Supplier;

/**
 * Picks the best SQL analyzer this machine can run: GoogleSQL's own (exact) where its native
 * library loads (Linux and macOS on x86_64), else the Calcite approximation, saying which and why.
 */
public final class SqlAnalyzers {

    /**
     * The analyzer chosen, and when it is the fallback, why.
     *
     * @param analyzer the analyzer to use
     * @param fallbackReason empty for the GoogleSQL analyzer; otherwise why it could not load
     */
    public record Choice(SqlAnalyzer analyzer, Optional<String> fallbackReason) {

        public Choice {
            Objects.requireNonNull(analyzer, "analyzer");
            Objects.requireNonNull(fallbackReason, "fallbackReason");
        }

        public boolean exact() {
            return analyzer.exact();
        }

        /**
         * One line for the front end to print when the fallback was chosen, e.g. {@code GoogleSQL
         * analyzer unavailable on windows/amd64 (Unsupported os); using the Calcite approximation};
         * empty when the GoogleSQL analyzer runs.
         */
        public Optional<String> message() {
            return fallbackReason.map(reason -> "GoogleSQL analyzer unavailable on " + platform() + " (" + reason
                    + "); using the Calcite approximation");
        }
    }

    private static final Object LOCK = new Object();
    private static Choice best;

    private SqlAnalyzers() {}

    /**
     * The GoogleSQL analyzer if it loads, else the Calcite fallback. Decided once per JVM (loading
     * takes ~2–3 s; a failed load cannot be retried in the same JVM) and shared: both analyzers
     * are thread-safe.
     */
    public static Choice best() {
        synchronized (LOCK) {
            if (best == null) {
                best = choose(GoogleSqlAnalyzer::new, CalciteFallbackAnalyzer::new);
            }
            return best;
        }
    }

    /**
     * What {@code GoogleSqlAnalyzer.version()} reports, known without loading the native library:
     * analyses recorded under it are trusted without loading the analyzer at all.
     */
    public static String exactVersion() {
        return "googlesql " + Versions.zetasql();
    }

    /** {@link #best()} with the two candidates given (for tests and for callers that manage lifetimes). */
    public static Choice choose(Supplier<? extends SqlAnalyzer> exact, Supplier<? extends SqlAnalyzer> fallback) {
        try {
            return new Choice(exact.get(), Optional.empty());
        } catch (LinkageError | ServiceConfigurationError | RuntimeException e) {
            // LinkageError: UnsatisfiedLinkError (missing glibc symbols, no library for this OS),
            // ExceptionInInitializerError / NoClassDefFoundError (the JNI channel failed before);
            // ServiceConfigurationError: the JNI channel provider could not be instantiated
            // ("Unsupported os" / "Unsupported os.arch"); IllegalStateException: no provider at all.
            return new Choice(fallback.get(), Optional.of(reason(e)));
        }
    }

    /** The innermost cause's message, e.g. "Unsupported os.arch", or its class name. */
    static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        String name = root.getClass().getSimpleName();
        if (message == null || message.isBlank()) {
            return name;
        }
        String firstLine = message.lines().findFirst().orElse(message).strip();
        return root instanceof RuntimeException && !(root instanceof IllegalStateException)
                ? firstLine
                : name + ": " + firstLine;
    }

    static String platform() {
        return System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replace(' ', '-') + "/"
                + System.getProperty("os.arch", "unknown");
    }
}

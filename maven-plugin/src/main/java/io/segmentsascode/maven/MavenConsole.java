package io.segmentsascode.maven;

import io.segmentsascode.diagnostics.PrintableText;
import io.segmentsascode.spi.Console;
import org.apache.maven.plugin.logging.Log;

/**
 * The job's console on Maven's log, where lines leave the process: each is printed with its
 * control characters escaped, so no value from a user's file can start a line of its own (a
 * forged {@code [INFO] BUILD SUCCESS}) or send escape sequences to the terminal. Results go to
 * INFO; warnings and errors stay visible under {@code mvn -q}.
 */
final class MavenConsole implements Console {

    private final Log log;

    MavenConsole(Log log) {
        this.log = log;
    }

    @Override
    public void info(String line) {
        log.info(PrintableText.escape(line));
    }

    @Override
    public void warn(String line) {
        log.warn(PrintableText.escape(line));
    }

    @Override
    public void error(String line) {
        log.error(PrintableText.escape(line));
    }

    /** Shown with {@code mvn -X} only. */
    void debug(String line) {
        log.debug(PrintableText.escape(line));
    }
}

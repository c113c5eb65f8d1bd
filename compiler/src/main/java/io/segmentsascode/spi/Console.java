package io.segmentsascode.spi;

import java.util.List;

/** Where the pipeline reports progress and results; the Maven plugin maps it onto its log. */
public interface Console {

    void info(String line);

    void warn(String line);

    void error(String line);

    /** Drops every line: for callers that only want the job's return value. */
    static Console silent() {
        return new Console() {
            @Override
            public void info(String line) {}

            @Override
            public void warn(String line) {}

            @Override
            public void error(String line) {}
        };
    }

    /** Appends every line to {@code lines}, warnings as {@code WARN …} and errors as {@code ERROR …}: for tests and tools. */
    static Console recording(List<String> lines) {
        return new Console() {
            @Override
            public void info(String line) {
                lines.add(line);
            }

            @Override
            public void warn(String line) {
                lines.add("WARN " + line);
            }

            @Override
            public void error(String line) {
                lines.add("ERROR " + line);
            }
        };
    }
}

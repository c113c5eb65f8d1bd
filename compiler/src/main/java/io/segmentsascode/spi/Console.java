package io.segmentsascode.spi;

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
}

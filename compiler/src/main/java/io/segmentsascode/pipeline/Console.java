package io.segmentsascode.pipeline;

/** Where the pipeline reports progress and results; the Maven plugin maps it onto its log. */
public interface Console {

    void info(String line);

    void warn(String line);

    void error(String line);
}

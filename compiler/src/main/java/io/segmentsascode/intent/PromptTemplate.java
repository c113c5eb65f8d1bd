package io.segmentsascode.intent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The versioned system prompt, in the spirit of the article's setup prompt. Its version and its
 * text are both part of every generation key: editing the template makes every intent pin stale.
 */
public record PromptTemplate(String version, String text) {

    public static final String CURRENT_VERSION = "v1";

    public static PromptTemplate current() {
        return load(CURRENT_VERSION);
    }

    public static PromptTemplate load(String version) {
        String resource = "prompt-" + version + ".txt";
        try (InputStream in = PromptTemplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("prompt template " + resource + " is missing from the jar");
            }
            return new PromptTemplate(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String fill(String schema, String filters, String contract, String examples) {
        return text.replace("{{schema}}", schema)
                .replace("{{filters}}", filters)
                .replace("{{contract}}", contract)
                .replace("{{examples}}", examples);
    }
}

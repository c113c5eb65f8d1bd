package io.segmentsascode.intent;

/**
 * Port to the language model that expands a plain-language intent into SQL (Gemini through
 * google-genai in production; a fake in tests). Implementations retry transient failures
 * themselves and throw {@link IntentModelException} when they give up.
 */
public interface IntentModel {

    /** The model id the answer comes from, e.g. {@code gemini-2.5-flash}; part of every generation key. */
    String model();

    /** Returns the model's raw answer text (may hold code fences or prose; the caller cleans and checks it). */
    String generate(Prompt prompt);

    /**
     * Asks for an answer in JSON that follows {@code responseJsonSchema} (Gemini's structured
     * output); the caller still checks the answer's shape. This default, for models without
     * structured output, states the schema in the system instruction.
     */
    default String generateJson(Prompt prompt, String responseJsonSchema) {
        return generate(new Prompt(
                prompt.systemInstruction() + "\n\nAnswer with one JSON object only, following this JSON schema:\n"
                        + responseJsonSchema,
                prompt.userText(),
                prompt.config()));
    }
}

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
}

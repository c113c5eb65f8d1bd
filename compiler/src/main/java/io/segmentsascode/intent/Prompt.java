package io.segmentsascode.intent;

/**
 * One request to the model: the system instruction (role, rules, schema context, output
 * contract), the user turn (the intent, or a repair request), and the generation settings.
 */
public record Prompt(String systemInstruction, String userText, GenerationConfig config) {

    /** Settings that decide the answer; all of them are part of the generation key. */
    public record GenerationConfig(float temperature, int maxOutputTokens, int candidateCount) {

        /** Temperature 0: the same prompt should give the same SQL. */
        public static final GenerationConfig DETERMINISTIC = new GenerationConfig(0f, 2048, 1);
    }
}

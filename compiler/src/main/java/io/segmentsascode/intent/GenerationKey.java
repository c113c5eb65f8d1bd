package io.segmentsascode.intent;

import io.segmentsascode.digest.Sha256;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Identifies one generation: SHA-256 of the canonical form of the model, the generation config,
 * the template version and the rendered prompt. Each input is also hashed alone so a stale pin can
 * name what changed.
 */
public record GenerationKey(String key, Map<String, String> inputs) {

    public static final String MODEL = "model";
    public static final String GENERATION_CONFIG = "generation_config";
    public static final String TEMPLATE = "template";
    public static final String SCHEMA_CONTEXT = "schema_context";
    public static final String INTENT = "intent";
    public static final String CONTRACT = "contract";

    /** What a changed input means, for stale-pin messages. */
    public static final Map<String, String> MEANING = Map.of(
            MODEL, "the model changed",
            GENERATION_CONFIG, "the generation config changed",
            TEMPLATE, "the prompt template changed",
            SCHEMA_CONTEXT, "the schema context (warehouse.yaml) changed",
            INTENT, "the intent text changed",
            CONTRACT, "the output contract (columns) changed");

    public static GenerationKey of(String model, IntentPrompt prompt) {
        Prompt.GenerationConfig config = prompt.prompt().config();
        String configText = String.format(
                Locale.ROOT,
                "temperature=%s;maxOutputTokens=%d;candidateCount=%d",
                Float.toString(config.temperature()),
                config.maxOutputTokens(),
                config.candidateCount());
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put(MODEL, model);
        inputs.put(GENERATION_CONFIG, Sha256.hex(configText));
        inputs.put(
                TEMPLATE,
                prompt.template().version() + ":" + Sha256.hex(prompt.template().text()));
        inputs.put(SCHEMA_CONTEXT, Sha256.hex(prompt.schemaContext()));
        inputs.put(INTENT, Sha256.hex(prompt.intent()));
        inputs.put(CONTRACT, Sha256.hex(prompt.contract()));
        String canonical = "model=" + model + "\nconfig=" + configText + "\ntemplate="
                + prompt.template().version() + "\nsystem=" + prompt.prompt().systemInstruction() + "\nuser="
                + prompt.prompt().userText();
        return new GenerationKey(Sha256.hex(canonical), inputs);
    }
}

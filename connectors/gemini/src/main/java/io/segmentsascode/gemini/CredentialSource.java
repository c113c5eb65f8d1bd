package io.segmentsascode.gemini;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which credentials a {@link GeminiIntentModel} uses, chosen from environment variables with the
 * same precedence as google-genai 1.70.0 itself ({@code Client} / {@code ApiClient}):
 *
 * <ol>
 *   <li>Backend: {@code GOOGLE_GENAI_USE_ENTERPRISE} if set, else {@code GOOGLE_GENAI_USE_VERTEXAI};
 *       Vertex AI only when the value is {@code true} (any case); anything else means the Gemini API.
 *   <li>Gemini API: {@code GOOGLE_API_KEY} wins over {@code GEMINI_API_KEY} when both are set
 *       (the SDK logs "Both GOOGLE_API_KEY and GEMINI_API_KEY are set. Using GOOGLE_API_KEY.").
 *       {@code GOOGLE_CLOUD_PROJECT}/{@code GOOGLE_CLOUD_LOCATION} are not used.
 *   <li>Vertex AI: project/location from the environment win over an API key from the environment;
 *       with {@code GOOGLE_CLOUD_PROJECT} the client uses Application Default Credentials and the
 *       location defaults to {@code global}. Without project and location but with an API key it is
 *       Vertex AI express mode (API key).
 * </ol>
 *
 * Empty values count as unset (as in the SDK). {@link #toString()} and {@link #description()}
 * never contain the key.
 */
public final class CredentialSource {

    /** How the client authenticates. */
    public enum Kind {
        /** Gemini Developer API, {@code x-goog-api-key} header. */
        GEMINI_API_KEY,
        /** Vertex AI express mode: Vertex AI endpoints with an API key. */
        VERTEX_AI_API_KEY,
        /** Vertex AI with a project, a location and Application Default Credentials. */
        VERTEX_AI_ADC
    }

    public static final String GOOGLE_API_KEY = "GOOGLE_API_KEY";
    public static final String GEMINI_API_KEY = "GEMINI_API_KEY";
    public static final String USE_VERTEXAI = "GOOGLE_GENAI_USE_VERTEXAI";
    public static final String USE_ENTERPRISE = "GOOGLE_GENAI_USE_ENTERPRISE";
    public static final String CLOUD_PROJECT = "GOOGLE_CLOUD_PROJECT";
    public static final String CLOUD_LOCATION = "GOOGLE_CLOUD_LOCATION";
    /** The SDK's default Vertex AI location when none is given. */
    public static final String DEFAULT_LOCATION = "global";

    private final Kind kind;
    private final String apiKey;
    private final String keyVariable;
    private final String project;
    private final String location;
    private final String description;

    private CredentialSource(
            Kind kind, String apiKey, String keyVariable, String project, String location, String description) {
        this.kind = kind;
        this.apiKey = apiKey;
        this.keyVariable = keyVariable;
        this.project = project;
        this.location = location;
        this.description = description;
    }

    /**
     * Chooses the credentials from {@code env} (normally {@code System.getenv()}).
     *
     * @throws GeminiCredentialsException naming the variables to set when nothing usable is there
     */
    public static CredentialSource fromEnvironment(Map<String, String> env) {
        Objects.requireNonNull(env, "env");
        String googleKey = value(env, GOOGLE_API_KEY);
        String geminiKey = value(env, GEMINI_API_KEY);
        String keyVariable = googleKey != null ? GOOGLE_API_KEY : geminiKey != null ? GEMINI_API_KEY : null;
        String key = googleKey != null ? googleKey : geminiKey;
        String project = value(env, CLOUD_PROJECT);
        String location = value(env, CLOUD_LOCATION);

        String enterprise = value(env, USE_ENTERPRISE);
        String vertex = value(env, USE_VERTEXAI);
        String switchVariable = enterprise != null ? USE_ENTERPRISE : vertex != null ? USE_VERTEXAI : null;
        boolean useVertex = enterprise != null
                ? enterprise.equalsIgnoreCase("true")
                : vertex != null && vertex.equalsIgnoreCase("true");

        List<String> ignored = new ArrayList<>();
        if (!useVertex) {
            if (key == null) {
                throw new GeminiCredentialsException(missingMessage(switchVariable, project, location));
            }
            if (googleKey != null && geminiKey != null) {
                ignored.add(GEMINI_API_KEY + " also set, ignored: the SDK prefers " + GOOGLE_API_KEY);
            }
            if (project != null || location != null) {
                ignored.add(both(project, location) + " ignored: " + USE_VERTEXAI + " is not true");
            }
            return new CredentialSource(
                    Kind.GEMINI_API_KEY,
                    key,
                    keyVariable,
                    null,
                    null,
                    "Gemini API key from " + keyVariable + notes(ignored));
        }

        String switchText = switchVariable + "=" + (enterprise != null ? enterprise : vertex);
        if (project != null) {
            if (key != null) {
                ignored.add(keyVariable + " also set, ignored: project/location take precedence on Vertex AI");
            }
            String where = location != null ? location : DEFAULT_LOCATION;
            String locationNote = location != null ? "" : " (" + CLOUD_LOCATION + " not set, SDK default)";
            return new CredentialSource(
                    Kind.VERTEX_AI_ADC,
                    null,
                    null,
                    project,
                    where,
                    "Vertex AI (" + switchText + "), project " + project + " from " + CLOUD_PROJECT
                            + ", location " + where + locationNote
                            + ", Application Default Credentials" + notes(ignored));
        }
        if (location != null) {
            // the SDK drops the env API key here too and then fails for want of a project
            throw new GeminiCredentialsException(switchText + " and " + CLOUD_LOCATION + "=" + location
                    + " are set but " + CLOUD_PROJECT + " is not: set " + CLOUD_PROJECT
                    + " (and Application Default Credentials, e.g. `gcloud auth application-default login`)"
                    + (key != null ? "; " + keyVariable + " is not used when a location is set" : "")
                    + ".");
        }
        if (key != null) {
            if (googleKey != null && geminiKey != null) {
                ignored.add(GEMINI_API_KEY + " also set, ignored: the SDK prefers " + GOOGLE_API_KEY);
            }
            return new CredentialSource(
                    Kind.VERTEX_AI_API_KEY,
                    key,
                    keyVariable,
                    null,
                    null,
                    "Vertex AI express mode (" + switchText + ", no " + CLOUD_PROJECT + "), API key from " + keyVariable
                            + notes(ignored));
        }
        throw new GeminiCredentialsException(switchText + " but no Vertex AI project is configured: set "
                + CLOUD_PROJECT + " (optionally " + CLOUD_LOCATION + ", default " + DEFAULT_LOCATION
                + ") and provide Application Default Credentials (`gcloud auth application-default login`"
                + " or GOOGLE_APPLICATION_CREDENTIALS), or set " + GOOGLE_API_KEY + " for Vertex AI express mode.");
    }

    private static String missingMessage(String switchVariable, String project, String location) {
        StringBuilder m = new StringBuilder("No Gemini credentials in the environment. Set ")
                .append(GEMINI_API_KEY)
                .append(" (or ")
                .append(GOOGLE_API_KEY)
                .append(", which wins if both are set) for the Gemini API, or set ")
                .append(USE_VERTEXAI)
                .append("=true with ")
                .append(CLOUD_PROJECT)
                .append(" (optionally ")
                .append(CLOUD_LOCATION)
                .append(", default ")
                .append(DEFAULT_LOCATION)
                .append(") and Application Default Credentials (`gcloud auth application-default login`)"
                        + " for Vertex AI.");
        if (project != null || location != null) {
            m.append(" (")
                    .append(both(project, location))
                    .append(" is set, but ")
                    .append(switchVariable == null ? USE_VERTEXAI + " is not set" : switchVariable + " is not true")
                    .append(".)");
        }
        return m.toString();
    }

    private static String both(String project, String location) {
        if (project != null && location != null) {
            return CLOUD_PROJECT + "/" + CLOUD_LOCATION;
        }
        return project != null ? CLOUD_PROJECT : CLOUD_LOCATION;
    }

    private static String notes(List<String> ignored) {
        return ignored.isEmpty() ? "" : " (" + String.join("; ", ignored) + ")";
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    public Kind kind() {
        return kind;
    }

    /** The variable the API key came from, or null for {@link Kind#VERTEX_AI_ADC}. */
    public String keyVariable() {
        return keyVariable;
    }

    /** Vertex AI project, or null. */
    public String project() {
        return project;
    }

    /** Vertex AI location, or null. */
    public String location() {
        return location;
    }

    /** Human-readable: which source is used and what was ignored. Never contains the key. */
    public String description() {
        return description;
    }

    /** The key itself; package-private so that it does not leak into logs through this class. */
    String apiKey() {
        return apiKey;
    }

    @Override
    public String toString() {
        return description;
    }
}

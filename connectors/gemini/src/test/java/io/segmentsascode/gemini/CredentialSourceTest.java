package io.segmentsascode.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.gemini.CredentialSource.Kind;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choice of credentials from a given environment map; no client, no network. */
class CredentialSourceTest {

    private static final String G = "google-key-SECRET";
    private static final String M = "gemini-key-SECRET";

    private static CredentialSource resolve(String... kv) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        CredentialSource s = CredentialSource.fromEnvironment(env);
        assertFalse(s.description().contains("SECRET"), s.description());
        assertFalse(s.toString().contains("SECRET"), s.toString());
        return s;
    }

    private static String missing(String... kv) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            env.put(kv[i], kv[i + 1]);
        }
        return assertThrows(GeminiCredentialsException.class, () -> CredentialSource.fromEnvironment(env))
                .getMessage();
    }

    @Test
    void geminiApiKeyAlone() {
        CredentialSource s = resolve("GEMINI_API_KEY", M);
        assertEquals(Kind.GEMINI_API_KEY, s.kind());
        assertEquals("GEMINI_API_KEY", s.keyVariable());
        assertEquals(M, s.apiKey());
        assertEquals("Gemini API key from GEMINI_API_KEY", s.description());
    }

    @Test
    void googleApiKeyAlone() {
        CredentialSource s = resolve("GOOGLE_API_KEY", G);
        assertEquals(G, s.apiKey());
        assertEquals("Gemini API key from GOOGLE_API_KEY", s.description());
    }

    @Test
    void googleApiKeyWinsOverGeminiApiKeyLikeInTheSdk() {
        CredentialSource s = resolve("GEMINI_API_KEY", M, "GOOGLE_API_KEY", G);
        assertEquals(G, s.apiKey());
        assertEquals("GOOGLE_API_KEY", s.keyVariable());
        assertEquals(
                "Gemini API key from GOOGLE_API_KEY (GEMINI_API_KEY also set, ignored: the SDK prefers"
                        + " GOOGLE_API_KEY)",
                s.description());
    }

    @Test
    void emptyValuesCountAsUnset() {
        CredentialSource s = resolve("GOOGLE_API_KEY", "", "GEMINI_API_KEY", M);
        assertEquals(M, s.apiKey());
        assertEquals("Gemini API key from GEMINI_API_KEY", s.description());
    }

    @Test
    void projectWithoutVertexSwitchIsIgnoredAndSaidSo() {
        CredentialSource s = resolve("GEMINI_API_KEY", M, "GOOGLE_CLOUD_PROJECT", "p");
        assertEquals(Kind.GEMINI_API_KEY, s.kind());
        assertNull(s.project());
        assertTrue(
                s.description().contains("GOOGLE_CLOUD_PROJECT ignored: GOOGLE_GENAI_USE_VERTEXAI is not true"),
                s.description());
    }

    @Test
    void vertexWithProjectUsesAdcAndIgnoresTheKey() {
        CredentialSource s = resolve(
                "GOOGLE_GENAI_USE_VERTEXAI",
                "true",
                "GOOGLE_CLOUD_PROJECT",
                "p",
                "GOOGLE_CLOUD_LOCATION",
                "us-central1",
                "GOOGLE_API_KEY",
                G);
        assertEquals(Kind.VERTEX_AI_ADC, s.kind());
        assertEquals("p", s.project());
        assertEquals("us-central1", s.location());
        assertNull(s.apiKey());
        assertEquals(
                "Vertex AI (GOOGLE_GENAI_USE_VERTEXAI=true), project p from GOOGLE_CLOUD_PROJECT, location"
                        + " us-central1, Application Default Credentials (GOOGLE_API_KEY also set, ignored: project/location"
                        + " take precedence on Vertex AI)",
                s.description());
    }

    @Test
    void vertexLocationDefaultsToGlobal() {
        CredentialSource s = resolve("GOOGLE_GENAI_USE_VERTEXAI", "True", "GOOGLE_CLOUD_PROJECT", "p");
        assertEquals("global", s.location());
        assertTrue(
                s.description().contains("location global (GOOGLE_CLOUD_LOCATION not set, SDK default)"),
                s.description());
    }

    @Test
    void vertexWithOnlyAKeyIsExpressMode() {
        CredentialSource s = resolve("GOOGLE_GENAI_USE_VERTEXAI", "true", "GEMINI_API_KEY", M);
        assertEquals(Kind.VERTEX_AI_API_KEY, s.kind());
        assertEquals(M, s.apiKey());
        assertEquals(
                "Vertex AI express mode (GOOGLE_GENAI_USE_VERTEXAI=true, no GOOGLE_CLOUD_PROJECT), API key from"
                        + " GEMINI_API_KEY",
                s.description());
    }

    @Test
    void vertexSwitchOnlyAcceptsTrue() {
        assertEquals(
                Kind.GEMINI_API_KEY,
                resolve("GOOGLE_GENAI_USE_VERTEXAI", "1", "GEMINI_API_KEY", M, "GOOGLE_CLOUD_PROJECT", "p")
                        .kind());
        assertEquals(
                Kind.GEMINI_API_KEY,
                resolve("GOOGLE_GENAI_USE_VERTEXAI", "false", "GEMINI_API_KEY", M)
                        .kind());
    }

    @Test
    void enterpriseSwitchWinsOverVertexSwitch() {
        assertEquals(
                Kind.GEMINI_API_KEY,
                resolve(
                                "GOOGLE_GENAI_USE_ENTERPRISE",
                                "false",
                                "GOOGLE_GENAI_USE_VERTEXAI",
                                "true",
                                "GEMINI_API_KEY",
                                M,
                                "GOOGLE_CLOUD_PROJECT",
                                "p")
                        .kind());
        CredentialSource s = resolve("GOOGLE_GENAI_USE_ENTERPRISE", "true", "GOOGLE_CLOUD_PROJECT", "p");
        assertEquals(Kind.VERTEX_AI_ADC, s.kind());
        assertTrue(s.description().contains("GOOGLE_GENAI_USE_ENTERPRISE=true"), s.description());
    }

    @Test
    void nothingSetNamesTheVariables() {
        String m = missing();
        assertTrue(m.startsWith("No Gemini credentials in the environment."), m);
        for (String v : new String[] {
            "GEMINI_API_KEY",
            "GOOGLE_API_KEY",
            "GOOGLE_GENAI_USE_VERTEXAI=true",
            "GOOGLE_CLOUD_PROJECT",
            "GOOGLE_CLOUD_LOCATION",
            "gcloud auth application-default login"
        }) {
            assertTrue(m.contains(v), v + " in: " + m);
        }
    }

    @Test
    void projectWithoutSwitchAndWithoutKeyPointsAtTheSwitch() {
        String m = missing("GOOGLE_CLOUD_PROJECT", "p");
        assertTrue(m.contains("GOOGLE_CLOUD_PROJECT is set, but GOOGLE_GENAI_USE_VERTEXAI is not set"), m);
    }

    @Test
    void vertexWithoutProjectNamesTheProject() {
        String m = missing("GOOGLE_GENAI_USE_VERTEXAI", "true");
        assertTrue(m.contains("set GOOGLE_CLOUD_PROJECT"), m);
        String withLocation =
                missing("GOOGLE_GENAI_USE_VERTEXAI", "true", "GOOGLE_CLOUD_LOCATION", "eu", "GOOGLE_API_KEY", G);
        assertTrue(withLocation.contains("GOOGLE_CLOUD_PROJECT is not"), withLocation);
        assertFalse(withLocation.contains(G), withLocation);
    }
}

package io.segmentsascode.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.segmentsascode.gemini.FakeGemini.Recorded;
import io.segmentsascode.gemini.FakeGemini.Reply;
import io.segmentsascode.intent.Prompt;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks {@link CredentialSource}'s precedence against google-genai itself: for each environment a
 * child JVM runs {@code new Client()} (the SDK reading the real environment, endpoints redirected to
 * the fake through GOOGLE_GEMINI_BASE_URL / GOOGLE_VERTEX_BASE_URL, ADC from a throw-away service
 * account whose token_uri is the fake, NO_GCE_CHECK so nothing probes a metadata server), and our
 * model is built from the same map. Both must send the same request (path, API key header, bearer
 * token) or both must refuse to start.
 */
class SdkPrecedenceTest {

    private static final String G = "google-key-1";
    private static final String M = "gemini-key-2";

    @TempDir
    static Path tmp;

    static Path serviceAccount;
    static FakeGemini fake;

    @BeforeAll
    static void setUp() throws Exception {
        fake = FakeGemini.start(Reply.text("SELECT 'probe'"));
        KeyPairGenerator kpg = KeyPairGenerator.getInstance("RSA");
        kpg.initialize(2048);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(kpg.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        String json = "{\"type\":\"service_account\",\"project_id\":\"sa-project\",\"private_key_id\":\"k1\","
                + "\"private_key\":\"" + pem.replace("\n", "\\n") + "\","
                + "\"client_email\":\"probe@sa-project.iam.gserviceaccount.com\",\"client_id\":\"1\","
                + "\"token_uri\":\"" + fake.baseUrl() + FakeGemini.TOKEN_PATH + "\"}";
        serviceAccount = tmp.resolve("sa.json");
        Files.writeString(serviceAccount, json);
    }

    @AfterAll
    static void tearDown() {
        fake.close();
    }

    static Stream<Arguments> environments() {
        return Stream.of(
                env("GEMINI_API_KEY", M),
                env("GOOGLE_API_KEY", G),
                env("GOOGLE_API_KEY", G, "GEMINI_API_KEY", M),
                env("GOOGLE_API_KEY", "", "GEMINI_API_KEY", M),
                env("GEMINI_API_KEY", M, "GOOGLE_CLOUD_PROJECT", "p", "GOOGLE_CLOUD_LOCATION", "us-central1"),
                env("GOOGLE_GENAI_USE_VERTEXAI", "1", "GEMINI_API_KEY", M),
                env("GOOGLE_GENAI_USE_VERTEXAI", "true", "GEMINI_API_KEY", M),
                env(
                        "GOOGLE_GENAI_USE_VERTEXAI",
                        "true",
                        "GOOGLE_CLOUD_PROJECT",
                        "p",
                        "GOOGLE_CLOUD_LOCATION",
                        "europe-west4",
                        "GOOGLE_API_KEY",
                        G),
                env("GOOGLE_GENAI_USE_VERTEXAI", "TRUE", "GOOGLE_CLOUD_PROJECT", "p"),
                env("GOOGLE_GENAI_USE_ENTERPRISE", "false", "GOOGLE_GENAI_USE_VERTEXAI", "true", "GEMINI_API_KEY", M),
                env("GOOGLE_GENAI_USE_ENTERPRISE", "true", "GOOGLE_CLOUD_PROJECT", "p", "GOOGLE_CLOUD_LOCATION", "us"),
                // the SDK refuses these too
                env(),
                env("GOOGLE_CLOUD_PROJECT", "p", "GOOGLE_CLOUD_LOCATION", "us-central1"),
                env("GOOGLE_GENAI_USE_VERTEXAI", "true"),
                env("GOOGLE_GENAI_USE_VERTEXAI", "true", "GOOGLE_CLOUD_LOCATION", "us-central1", "GOOGLE_API_KEY", G));
    }

    private static Arguments env(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return Arguments.of(m);
    }

    /** What matters of one request: where it went and how it authenticated. */
    private record Seen(String path, String apiKey, String authorization) {
        static Seen of(Recorded r) {
            String auth = r.header("authorization");
            return new Seen(r.path(), r.header("x-goog-api-key"), auth == null ? null : auth.split(" ")[0]);
        }
    }

    @ParameterizedTest
    @MethodSource("environments")
    void sameChoiceAsTheSdk(Map<String, String> env) throws Exception {
        Seen sdk = sdkRequest(env);
        Seen ours = ourRequest(env);
        assertEquals(sdk, ours, "env " + env);
    }

    private Seen sdkRequest(Map<String, String> env) throws Exception {
        int before = fake.calls().size();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SdkEnvProbe.class.getName())
                .redirectErrorStream(true);
        Map<String, String> child = pb.environment();
        child.clear();
        child.put("HOME", tmp.toString());
        child.put("NO_GCE_CHECK", "true");
        child.put("GOOGLE_APPLICATION_CREDENTIALS", serviceAccount.toString());
        child.put("GOOGLE_GEMINI_BASE_URL", fake.baseUrl());
        child.put("GOOGLE_VERTEX_BASE_URL", fake.baseUrl());
        child.putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe hung");
        List<Recorded> calls = fake.calls();
        if (out.contains("\nFAIL ") || out.startsWith("FAIL ")) {
            assertEquals(before, calls.size(), out);
            return null;
        }
        assertTrue(out.contains("OK vertexAI="), out);
        assertEquals(before + 1, calls.size(), out);
        return Seen.of(calls.get(calls.size() - 1));
    }

    private Seen ourRequest(Map<String, String> env) {
        CredentialSource source;
        try {
            source = CredentialSource.fromEnvironment(new HashMap<>(env));
        } catch (GeminiCredentialsException e) {
            return null;
        }
        GoogleCredentials token = GoogleCredentials.create(
                new AccessToken("fake-access-token", Date.from(Instant.now().plusSeconds(3600))));
        int before = fake.calls().size();
        try (GeminiIntentModel model = GeminiIntentModel.create(
                source,
                null,
                GeminiIntentModel.Options.defaults().withBaseUrl(fake.baseUrl()).withTimeout(Duration.ofSeconds(10)),
                source.kind() == CredentialSource.Kind.VERTEX_AI_ADC ? token : null)) {
            assertEquals(
                    "SELECT 'probe'", model.generate(new Prompt("s", "probe", Prompt.GenerationConfig.DETERMINISTIC)));
        }
        assertEquals(before + 1, fake.calls().size());
        return Seen.of(fake.calls().get(fake.calls().size() - 1));
    }

    @Test
    void probeReallyRunsTheSdk() throws Exception {
        // guards the comparison above against a probe that never reaches the fake
        Seen s = sdkRequest(Map.of("GEMINI_API_KEY", M));
        assertEquals(new Seen("/v1beta/models/gemini-2.5-flash:generateContent", M, null), s);
        Seen v = sdkRequest(Map.of("GOOGLE_GENAI_USE_VERTEXAI", "true", "GOOGLE_CLOUD_PROJECT", "p"));
        assertEquals(
                new Seen(
                        "/v1beta1/projects/p/locations/global/publishers/google/models/gemini-2.5-flash"
                                + ":generateContent",
                        null,
                        "Bearer"),
                v);
        assertThrows(AssertionError.class, () -> assertEquals(s, v));
        assertTrue(
                fake.requests().stream()
                        .anyMatch(r -> r.path().equals(FakeGemini.TOKEN_PATH)
                                && r.rawBody().contains("grant_type=")),
                "ADC came from the service account, token from the fake");
    }
}

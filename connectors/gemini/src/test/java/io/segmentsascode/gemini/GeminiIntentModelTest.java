package io.segmentsascode.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import io.segmentsascode.gemini.FakeGemini.Recorded;
import io.segmentsascode.gemini.FakeGemini.Reply;
import io.segmentsascode.gemini.GeminiIntentModel.Options;
import io.segmentsascode.intent.IntentModelException;
import io.segmentsascode.intent.Prompt;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

class GeminiIntentModelTest {

    private static final String KEY = "AIzaTEST-secret-key-0123456789";
    private static final Prompt PROMPT = new Prompt(
            "You translate audience segments to BigQuery SQL. Answer with one SELECT.",
            "customers who bought twice in the last 90 days",
            Prompt.GenerationConfig.DETERMINISTIC);

    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private FakeGemini fake;
    private GeminiIntentModel model;

    @AfterEach
    void tearDown() {
        if (model != null) {
            model.close();
        }
        if (fake != null) {
            fake.close();
        }
    }

    private GeminiIntentModel start(Options options, Reply... script) throws Exception {
        fake = FakeGemini.start(script);
        model = GeminiIntentModel.fromEnvironment(
                        Map.of("GEMINI_API_KEY", KEY), null, options.withBaseUrl(fake.baseUrl()))
                .model();
        return model;
    }

    private Options fast() {
        return Options.defaults().withTimeout(Duration.ofSeconds(5)).withSleeper(sleeps::add);
    }

    private static String everything(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    // ---- request shape --------------------------------------------------------------------------

    @Test
    void requestHasTheRestShapeOfGenerateContent() throws Exception {
        start(fast(), Reply.text("SELECT 1"));
        Prompt prompt = new Prompt(
                "SYSTEM: rules and schema", "users who bought twice", new Prompt.GenerationConfig(0f, 1234, 1));

        assertEquals("SELECT 1", model.generate(prompt));

        assertEquals(1, fake.calls().size());
        Recorded r = fake.calls().get(0);
        assertEquals("POST", r.method());
        assertEquals("/v1beta/models/gemini-2.5-flash:generateContent", r.path());
        assertEquals(KEY, r.header("x-goog-api-key"));
        assertNull(r.header("authorization"));
        JsonNode body = r.body();
        assertEquals(
                "users who bought twice", body.at("/contents/0/parts/0/text").asString());
        assertEquals("user", body.at("/contents/0/role").asString());
        assertEquals(1, body.get("contents").size());
        assertEquals(
                "SYSTEM: rules and schema",
                body.at("/systemInstruction/parts/0/text").asString());
        JsonNode gen = body.get("generationConfig");
        assertTrue(gen.get("temperature").isNumber(), gen.toString());
        assertEquals(0.0, gen.get("temperature").asDouble());
        assertEquals(1234, gen.get("maxOutputTokens").asInt());
        assertEquals(1, gen.get("candidateCount").asInt());
        assertFalse(gen.has("responseMimeType"), "plain text answer: " + gen);
    }

    @Test
    void modelNameGoesIntoThePathAndIsReported() throws Exception {
        fake = FakeGemini.start(Reply.text("SELECT 2"));
        model = GeminiIntentModel.fromEnvironment(
                        Map.of("GEMINI_API_KEY", KEY), "gemini-2.5-pro", fast().withBaseUrl(fake.baseUrl()))
                .model();

        assertEquals("gemini-2.5-pro", model.model());
        assertEquals("SELECT 2", model.generate(PROMPT));
        assertEquals(
                "/v1beta/models/gemini-2.5-pro:generateContent",
                fake.calls().get(0).path());
    }

    @Test
    void defaultModelIsTheNamedConstant() throws Exception {
        start(fast(), Reply.text("SELECT 1"));
        assertEquals("gemini-2.5-flash", GeminiIntentModel.DEFAULT_MODEL);
        assertEquals(GeminiIntentModel.DEFAULT_MODEL, model.model());
    }

    @Test
    void temperatureAndTokensFollowThePromptConfig() throws Exception {
        start(fast(), Reply.text("SELECT 1"));
        model.generate(new Prompt("s", "u", new Prompt.GenerationConfig(0.7f, 99, 2)));

        JsonNode gen = fake.calls().get(0).body().get("generationConfig");
        assertEquals(0.7, gen.get("temperature").asDouble(), 1e-6);
        assertEquals(99, gen.get("maxOutputTokens").asInt());
        assertEquals(2, gen.get("candidateCount").asInt());
    }

    // ---- answers come back verbatim ------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(
            strings = {
                "SELECT customer_id FROM `shop.orders` GROUP BY customer_id HAVING COUNT(*) >= 2",
                "```sql\nSELECT customer_id\nFROM `shop.orders`\n```",
                "I can't express that as SQL: the schema has no returns table.",
                "  SELECT 1  \n"
            })
    void answerIsReturnedVerbatim(String answer) throws Exception {
        start(fast(), Reply.text(answer));
        assertEquals(answer, model.generate(PROMPT));
    }

    // ---- retries -------------------------------------------------------------------------------

    @Test
    void tooManyRequestsThenSuccessIsRetried() throws Exception {
        start(fast(), Reply.error(429, "RESOURCE_EXHAUSTED", "quota"), Reply.text("SELECT 'ok'"));

        assertEquals("SELECT 'ok'", model.generate(PROMPT));
        assertEquals(2, fake.calls().size());
        assertEquals(1, sleeps.size());
    }

    @Test
    void unavailableTwiceThenSuccessTakesThreeRequests() throws Exception {
        start(
                fast(),
                Reply.error(503, "UNAVAILABLE", "overloaded"),
                Reply.error(503, "UNAVAILABLE", "overloaded"),
                Reply.text("SELECT 'third'"));

        assertEquals("SELECT 'third'", model.generate(PROMPT));
        assertEquals(3, fake.calls().size());
        assertEquals(2, sleeps.size());
        // every attempt is the same request
        assertEquals(fake.calls().get(0).body(), fake.calls().get(2).body());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 504})
    void otherTransientStatusesAreRetried(int status) throws Exception {
        start(fast(), Reply.error(status, "X", "transient"), Reply.text("SELECT 1"));
        assertEquals("SELECT 1", model.generate(PROMPT));
        assertEquals(2, fake.calls().size());
    }

    @Test
    void serverErrorForeverGivesUpAfterMaxAttemptsWithoutLeakingTheKey() throws Exception {
        // the server even echoes the key back; it must not reach the message or the stack trace
        start(fast(), Reply.error(500, "INTERNAL", "internal error for key " + KEY));

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));

        assertEquals(Options.DEFAULT_MAX_ATTEMPTS, fake.calls().size());
        assertEquals(4, fake.calls().size());
        String m = e.getMessage();
        assertTrue(m.contains("HTTP 500"), m);
        assertTrue(m.contains("after 4 attempts"), m);
        assertTrue(m.contains("gemini-2.5-flash"), m);
        assertTrue(m.contains("INTERNAL"), m);
        assertFalse(everything(e).contains(KEY), everything(e));
        assertTrue(m.contains("[REDACTED]"), m);
    }

    @Test
    void maxAttemptsIsConfigurable() throws Exception {
        start(fast().withMaxAttempts(2), Reply.error(503, "UNAVAILABLE", "busy"));

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        assertEquals(2, fake.calls().size());
        assertTrue(e.getMessage().contains("after 2 attempts"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    }

    @Test
    void badRequestIsNotRetried() throws Exception {
        start(fast(), Reply.error(400, "INVALID_ARGUMENT", "Invalid JSON payload"), Reply.text("never"));

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        assertEquals(1, fake.calls().size());
        assertTrue(sleeps.isEmpty());
        assertTrue(e.getMessage().contains("HTTP 400"), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid JSON payload"), e.getMessage());
        assertTrue(e.getMessage().contains("not retried"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {401, 403, 404})
    void authAndNotFoundAreNotRetried(int status) throws Exception {
        start(fast(), Reply.error(status, "DENIED", "API key " + KEY + " not valid"), Reply.text("never"));

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        assertEquals(1, fake.calls().size());
        assertTrue(e.getMessage().contains("HTTP " + status), e.getMessage());
        assertFalse(everything(e).contains(KEY), e.getMessage());
        if (status == 404) {
            assertTrue(e.getMessage().contains("model name"), e.getMessage());
        } else {
            assertTrue(e.getMessage().contains("GEMINI_API_KEY"), e.getMessage());
        }
    }

    @Test
    void timeoutIsRetriedThenReported() throws Exception {
        start(fast().withTimeout(Duration.ofMillis(300)).withMaxAttempts(3), Reply.hang(5_000));

        long t0 = System.nanoTime();
        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(3, fake.calls().size());
        assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertNotNull(e.getCause());
        assertTrue(ms < 4_000, "client must not wait for the hanging server: " + ms + " ms");
    }

    @Test
    void timeoutThenSuccess() throws Exception {
        start(fast().withTimeout(Duration.ofMillis(300)), Reply.hang(5_000), Reply.text("SELECT 'second'"));

        assertEquals("SELECT 'second'", model.generate(PROMPT));
        assertEquals(2, fake.calls().size());
    }

    @Test
    void connectionRefusedIsRetriedThenReported() throws Exception {
        start(fast().withMaxAttempts(2), Reply.text("unused"));
        fake.close(); // nobody listens on the port any more

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        assertEquals(1, sleeps.size(), "one retry");
        assertTrue(
                e.getMessage().contains("after 2 attempts; last error: I/O error: ConnectException"), e.getMessage());
        assertNotNull(e.getCause());
    }

    @Test
    void backoffSleepsGrowWithBoundedJitter() throws Exception {
        start(
                fast().withMaxAttempts(5).withInitialBackoff(Duration.ofMillis(100)),
                Reply.error(503, "UNAVAILABLE", "busy"));

        assertThrows(IntentModelException.class, () -> model.generate(PROMPT));

        assertEquals(5, fake.calls().size());
        assertEquals(4, sleeps.size(), sleeps.toString());
        for (int i = 0; i < sleeps.size(); i++) {
            long base = 100L << i;
            long ms = sleeps.get(i).toMillis();
            assertTrue(ms >= base && ms <= base + base / 2, "sleep " + i + " = " + ms + " ms, base " + base);
            if (i > 0) {
                assertTrue(ms > sleeps.get(i - 1).toMillis(), sleeps.toString());
            }
        }
    }

    @Test
    void backoffIsCapped() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(30);
        assertEquals(Duration.ofSeconds(1), GeminiIntentModel.backoff(1, initial, max, 0));
        assertEquals(Duration.ofSeconds(8), GeminiIntentModel.backoff(4, initial, max, 0));
        assertEquals(Duration.ofSeconds(12), GeminiIntentModel.backoff(4, initial, max, 1));
        assertEquals(Duration.ofSeconds(30), GeminiIntentModel.backoff(10, initial, max, 0));
        assertEquals(Duration.ofSeconds(45), GeminiIntentModel.backoff(200, initial, max, 1));
    }

    @Test
    void sdkRetryInterceptorIsOff() throws Exception {
        start(fast(), Reply.error(503, "UNAVAILABLE", "busy"));

        long t0 = System.nanoTime();
        assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        long ms = (System.nanoTime() - t0) / 1_000_000;

        assertEquals(4, fake.calls().size(), "one HTTP request per attempt, no SDK-internal retries");
        // the SDK's interceptor would sleep 0..2 s per failed response even with attempts(1)
        assertTrue(ms < 1_500, "took " + ms + " ms with a no-op sleeper");
    }

    // ---- empty / blocked answers ---------------------------------------------------------------

    @Test
    void emptyObjectIsAnError() throws Exception {
        start(fast(), Reply.json(200, "{}"));

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        assertTrue(e.getMessage().contains("no candidates"), e.getMessage());
        assertEquals(1, fake.calls().size(), "an empty answer is not retried");
    }

    @Test
    void safetyFinishIsAnErrorNamingTheReason() throws Exception {
        start(fast(), Reply.json(200, "{\"candidates\":[{\"finishReason\":\"SAFETY\",\"index\":0}]}"));

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        assertTrue(e.getMessage().contains("finishReason SAFETY"), e.getMessage());
    }

    @Test
    void blockedPromptIsAnErrorNamingTheBlockReason() throws Exception {
        start(fast(), Reply.json(200, "{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\"}}"));

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        assertTrue(e.getMessage().contains("blockReason PROHIBITED_CONTENT"), e.getMessage());
    }

    @Test
    void emptyTextWithStopIsAnError() throws Exception {
        start(
                fast(),
                Reply.json(
                        200,
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}]}"));

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        assertTrue(e.getMessage().contains("empty answer (finishReason STOP)"), e.getMessage());
    }

    @Test
    void truncatedAnswerIsAnError() throws Exception {
        start(
                fast(),
                Reply.json(
                        200,
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"SELECT a FROM t WHERE\"}],"
                                + "\"role\":\"model\"},\"finishReason\":\"MAX_TOKENS\"}]}"));

        IntentModelException e = assertThrows(IntentModelException.class, () -> model.generate(PROMPT));
        assertTrue(e.getMessage().contains("MAX_TOKENS"), e.getMessage());
    }

    @Test
    void thoughtPartsAreNotPartOfTheAnswer() throws Exception {
        start(
                fast(),
                Reply.json(
                        200,
                        "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"let me think\",\"thought\":true},"
                                + "{\"text\":\"SELECT 1\"}],\"role\":\"model\"},\"finishReason\":\"STOP\"}]}"));

        assertEquals("SELECT 1", model.generate(PROMPT));
    }

    // ---- Vertex AI request (credentials injected instead of ADC) ------------------------------

    @Test
    void vertexAiUsesProjectLocationPathAndBearerToken() throws Exception {
        fake = FakeGemini.start(Reply.text("SELECT 'vertex'"));
        CredentialSource source = CredentialSource.fromEnvironment(Map.of(
                "GOOGLE_GENAI_USE_VERTEXAI",
                "true",
                "GOOGLE_CLOUD_PROJECT",
                "my-proj",
                "GOOGLE_CLOUD_LOCATION",
                "europe-west4",
                "GOOGLE_API_KEY",
                KEY));
        GoogleCredentials token = GoogleCredentials.create(
                new AccessToken("ya29.fake", Date.from(Instant.now().plusSeconds(3600))));
        model = GeminiIntentModel.create(source, null, fast().withBaseUrl(fake.baseUrl()), token);

        assertEquals("SELECT 'vertex'", model.generate(PROMPT));

        Recorded r = fake.calls().get(0);
        assertEquals(
                "/v1beta1/projects/my-proj/locations/europe-west4/publishers/google/models/gemini-2.5-flash"
                        + ":generateContent",
                r.path());
        assertEquals("Bearer ya29.fake", r.header("authorization"));
        assertNull(r.header("x-goog-api-key"), "the API key is ignored on Vertex AI with a project");
        assertEquals(PROMPT.userText(), r.body().at("/contents/0/parts/0/text").asString());
    }

    @Test
    void missingCredentialsFailBeforeAnyRequest() {
        GeminiCredentialsException e = assertThrows(
                GeminiCredentialsException.class, () -> GeminiIntentModel.fromEnvironment(Map.of(), null, fast()));
        assertTrue(e.getMessage().contains("GEMINI_API_KEY"), e.getMessage());
    }

    @Test
    void fromEnvironmentDescribesTheSourceWithoutTheKey() throws Exception {
        fake = FakeGemini.start(Reply.text("SELECT 1"));
        GeminiIntentModel.Configured c = GeminiIntentModel.fromEnvironment(
                Map.of("GEMINI_API_KEY", "gem-" + KEY, "GOOGLE_API_KEY", KEY),
                null,
                fast().withBaseUrl(fake.baseUrl()));
        model = c.model();

        assertEquals(
                "Gemini API key from GOOGLE_API_KEY (GEMINI_API_KEY also set, ignored: the SDK prefers"
                        + " GOOGLE_API_KEY)",
                c.description());
        assertFalse(c.toString().contains(KEY), c.toString());
        model.generate(PROMPT);
        assertEquals(KEY, fake.calls().get(0).header("x-goog-api-key"), "GOOGLE_API_KEY is the one sent");
    }
}

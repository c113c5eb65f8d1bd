package io.segmentsascode.gemini;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.genai.Client;
import com.google.genai.errors.ApiException;
import com.google.genai.errors.GenAiIOException;
import com.google.genai.types.Candidate;
import com.google.genai.types.Content;
import com.google.genai.types.FinishReason;
import com.google.genai.types.GenerateContentConfig;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.GenerateContentResponsePromptFeedback;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import com.google.genai.types.Part;
import io.segmentsascode.intent.IntentModel;
import io.segmentsascode.intent.IntentModelException;
import io.segmentsascode.intent.Prompt;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link IntentModel} on Gemini through the google-genai Java SDK ({@code models.generateContent}).
 *
 * <p>Retries are done here, not by the SDK (its retry interceptor is switched off): up to
 * {@link Options#maxAttempts()} attempts on HTTP 408, 429, 500, 502, 503, 504 and on I/O failures
 * (timeouts, refused or reset connections), sleeping {@code min(maxBackoff, initialBackoff * 2^(n-1))}
 * plus up to 50 % jitter between attempts. Other HTTP errors (400, 401, 403, 404, ...) fail at once.
 * Every failure is an {@link IntentModelException} whose message names the model, the HTTP status or
 * timeout and the number of attempts, and never contains the API key.
 */
public final class GeminiIntentModel implements IntentModel, AutoCloseable {

    /** The model used when the caller names none. */
    public static final String DEFAULT_MODEL = "gemini-2.5-flash";

    /** HTTP statuses worth another attempt. */
    static final Set<Integer> RETRYABLE_STATUS = Set.of(408, 429, 500, 502, 503, 504);

    /** Sleeps between attempts; injectable so that tests record the backoff instead of waiting. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        static Sleeper system() {
            return d -> Thread.sleep(d.toMillis());
        }
    }

    /**
     * Client settings.
     *
     * @param baseUrl        endpoint override (tests: {@code http://127.0.0.1:PORT}); null in production
     * @param timeout        per attempt (the whole HTTP call: connect, send, wait, read)
     * @param maxAttempts    attempts including the first, at least 1
     * @param initialBackoff sleep before the 2nd attempt; doubles for each further attempt
     * @param maxBackoff     cap on one sleep (before jitter)
     * @param sleeper        how to sleep
     */
    public record Options(
            String baseUrl,
            Duration timeout,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff,
            Sleeper sleeper) {

        public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
        public static final int DEFAULT_MAX_ATTEMPTS = 4;
        public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
        public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

        public Options {
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(sleeper, "sleeper");
            if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(
                        "timeout must be between 1 ms and " + Integer.MAX_VALUE + " ms: " + timeout);
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
                throw new IllegalArgumentException("backoff must not be negative");
            }
        }

        /** Production defaults: SDK endpoint, 60 s timeout, 4 attempts, 1 s initial backoff (max 30 s). */
        public static Options defaults() {
            return new Options(
                    null,
                    DEFAULT_TIMEOUT,
                    DEFAULT_MAX_ATTEMPTS,
                    DEFAULT_INITIAL_BACKOFF,
                    DEFAULT_MAX_BACKOFF,
                    Sleeper.system());
        }

        public Options withBaseUrl(String url) {
            return new Options(url, timeout, maxAttempts, initialBackoff, maxBackoff, sleeper);
        }

        public Options withTimeout(Duration t) {
            return new Options(baseUrl, t, maxAttempts, initialBackoff, maxBackoff, sleeper);
        }

        public Options withMaxAttempts(int n) {
            return new Options(baseUrl, timeout, n, initialBackoff, maxBackoff, sleeper);
        }

        public Options withInitialBackoff(Duration d) {
            return new Options(baseUrl, timeout, maxAttempts, d, maxBackoff, sleeper);
        }

        public Options withMaxBackoff(Duration d) {
            return new Options(baseUrl, timeout, maxAttempts, initialBackoff, d, sleeper);
        }

        public Options withSleeper(Sleeper s) {
            return new Options(baseUrl, timeout, maxAttempts, initialBackoff, maxBackoff, s);
        }
    }

    /** What {@link #fromEnvironment} built: the model and which credentials it uses (no secrets). */
    public record Configured(GeminiIntentModel model, String description) {}

    private static final ObjectMapper SCHEMA_READER = JsonMapper.builder().build();

    private final Client client;
    private final String model;
    private final Options options;
    private final String apiKey; // only to scrub it from messages
    private final String credentialHint;

    private GeminiIntentModel(Client client, String model, Options options, String apiKey, String credentialHint) {
        this.client = client;
        this.model = model;
        this.options = options;
        this.apiKey = apiKey;
        this.credentialHint = credentialHint;
    }

    /**
     * Builds the model from environment variables (see {@link CredentialSource} for the precedence).
     *
     * @param env     normally {@code System.getenv()}
     * @param model   model id, or null for {@link #DEFAULT_MODEL}
     * @param options client settings, or null for {@link Options#defaults()}
     * @throws GeminiCredentialsException when no credentials are configured (or ADC cannot be loaded)
     */
    public static Configured fromEnvironment(Map<String, String> env, String model, Options options) {
        CredentialSource source = CredentialSource.fromEnvironment(env);
        return new Configured(create(source, model, options, null), source.description());
    }

    /**
     * Builds a client for {@code source}; {@code vertexCredentials} replaces Application Default
     * Credentials (tests), null = ADC.
     */
    static GeminiIntentModel create(
            CredentialSource source, String model, Options options, GoogleCredentials vertexCredentials) {
        String m = model == null ? DEFAULT_MODEL : model.strip();
        if (m.isEmpty()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        Options o = options == null ? Options.defaults() : options;

        HttpOptions.Builder http = HttpOptions.builder()
                .timeout(Math.toIntExact(o.timeout().toMillis()))
                // our own retry loop below; attempts(1) alone is not enough: with a retryable status the
                // SDK's RetryInterceptor 1.70.0 still sleeps once (up to 2 s) before returning the response
                .retryOptions(HttpRetryOptions.builder()
                        .attempts(1)
                        .httpStatusCodes(List.of())
                        .build());
        if (o.baseUrl() != null) {
            http.baseUrl(o.baseUrl());
        }
        Client.Builder b = Client.builder().httpOptions(http.build());
        switch (source.kind()) {
            case GEMINI_API_KEY -> b.vertexAI(false).apiKey(source.apiKey());
            case VERTEX_AI_API_KEY -> b.vertexAI(true).apiKey(source.apiKey());
            case VERTEX_AI_ADC -> {
                b.vertexAI(true).project(source.project()).location(source.location());
                if (vertexCredentials != null) {
                    b.credentials(vertexCredentials);
                }
            }
        }
        Client client;
        try {
            client = b.build();
        } catch (GenAiIOException e) { // the SDK loads ADC while building the client
            if (source.kind() != CredentialSource.Kind.VERTEX_AI_ADC) {
                throw e;
            }
            throw new GeminiCredentialsException(
                    "Vertex AI needs Application Default Credentials, which could not"
                            + " be loaded: run `gcloud auth application-default login` or set GOOGLE_APPLICATION_CREDENTIALS"
                            + " (" + source.description() + ").",
                    e);
        }
        String hint = source.kind() == CredentialSource.Kind.VERTEX_AI_ADC
                ? "Application Default Credentials / project " + source.project()
                : "the API key from " + source.keyVariable();
        return new GeminiIntentModel(client, m, o, source.apiKey(), hint);
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public String generate(Prompt prompt) {
        Objects.requireNonNull(prompt, "prompt");
        return answer(prompt, requestConfig(prompt).build());
    }

    /** Structured output: the answer is JSON following {@code responseJsonSchema}, sent as Gemini's responseJsonSchema. */
    @Override
    public String generateJson(Prompt prompt, String responseJsonSchema) {
        Objects.requireNonNull(prompt, "prompt");
        return answer(
                prompt,
                requestConfig(prompt)
                        .responseMimeType("application/json")
                        .responseJsonSchema(SCHEMA_READER.readValue(responseJsonSchema, Map.class))
                        .build());
    }

    private String answer(Prompt prompt, GenerateContentConfig config) {
        List<Failure> failures = new ArrayList<>();
        for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
            if (attempt > 1) {
                sleepBeforeAttempt(attempt, failures);
            }
            GenerateContentResponse response;
            try {
                response = client.models.generateContent(model, prompt.userText(), config);
            } catch (ApiException e) {
                Failure f = Failure.of(e);
                if (!RETRYABLE_STATUS.contains(e.code())) {
                    throw new IntentModelException(scrub("Gemini model " + model + " refused the request: " + f.detail()
                            + hintFor(e.code()) + " (not retried; attempt " + attempt + " of "
                            + options.maxAttempts() + ")."));
                }
                failures.add(f);
                continue;
            } catch (GenAiIOException e) {
                failures.add(Failure.of(e, options.timeout()));
                continue;
            } catch (RuntimeException e) {
                String message = scrub("Gemini model " + model + " call failed: "
                        + e.getClass().getSimpleName() + ": " + e.getMessage());
                throw mentionsKey(e) ? new IntentModelException(message) : new IntentModelException(message, e);
            }
            return answerText(response);
        }
        Failure last = failures.get(failures.size() - 1);
        String message = scrub("Gemini model " + model + " failed after " + options.maxAttempts() + " attempt"
                + (options.maxAttempts() == 1 ? "" : "s") + "; last error: " + last.detail() + " (all attempts: "
                + String.join(", ", failures.stream().map(Failure::brief).toList()) + ").");
        // API errors carry server text (already scrubbed into the message), so only I/O causes are attached
        throw last.ioCause() == null
                ? new IntentModelException(message)
                : new IntentModelException(message, last.ioCause());
    }

    /** One failed attempt: full detail, a short form for the list of attempts, the I/O cause if any. */
    private record Failure(String detail, String brief, Throwable ioCause) {

        static Failure of(ApiException e) {
            String status =
                    "HTTP " + e.code() + (e.status() == null || e.status().isBlank() ? "" : " " + e.status());
            String text = e.message() == null || e.message().isBlank()
                    ? ""
                    : ": " + e.message().strip();
            return new Failure(status + text, "HTTP " + e.code(), null);
        }

        static Failure of(GenAiIOException e, Duration timeout) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof InterruptedIOException) {
                return new Failure("timed out after " + timeout.toMillis() + " ms", "timeout", cause);
            }
            String name = cause.getClass().getSimpleName();
            return new Failure(
                    "I/O error: " + name + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), name, cause);
        }
    }

    private GenerateContentConfig.Builder requestConfig(Prompt prompt) {
        Prompt.GenerationConfig c = prompt.config() == null ? Prompt.GenerationConfig.DETERMINISTIC : prompt.config();
        GenerateContentConfig.Builder b = GenerateContentConfig.builder()
                .temperature(c.temperature())
                .maxOutputTokens(c.maxOutputTokens())
                .candidateCount(c.candidateCount());
        if (prompt.systemInstruction() != null && !prompt.systemInstruction().isEmpty()) {
            b.systemInstruction(Content.fromParts(Part.fromText(prompt.systemInstruction())));
        }
        return b;
    }

    private void sleepBeforeAttempt(int attempt, List<Failure> failures) {
        Duration pause = backoff(
                attempt - 1,
                options.initialBackoff(),
                options.maxBackoff(),
                ThreadLocalRandom.current().nextDouble());
        try {
            options.sleeper().sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IntentModelException(
                    scrub("Gemini model " + model + ": interrupted while waiting to retry after " + failures.size()
                            + " failed attempt(s); last error: "
                            + failures.get(failures.size() - 1).detail()),
                    e);
        }
    }

    /**
     * Sleep after the {@code retry}-th failure (1-based): {@code min(max, initial * 2^(retry-1))},
     * plus {@code jitter01 * 50 %} of it. So consecutive sleeps grow strictly until the cap.
     */
    static Duration backoff(int retry, Duration initial, Duration max, double jitter01) {
        long initialMs = initial.toMillis();
        int shift = Math.min(Math.max(retry - 1, 0), 62);
        long base = initialMs > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : initialMs << shift;
        long capped = Math.min(base, max.toMillis());
        long jitter = (long) (capped * 0.5 * Math.max(0, Math.min(1, jitter01)));
        return Duration.ofMillis(capped > Long.MAX_VALUE - jitter ? Long.MAX_VALUE : capped + jitter);
    }

    /** The answer text, or an IntentModelException when the response holds none (blocked, empty, cut off). */
    private String answerText(GenerateContentResponse response) {
        GenerateContentResponsePromptFeedback feedback =
                response.promptFeedback().orElse(null);
        if (feedback != null && feedback.blockReason().isPresent()) {
            throw new IntentModelException("Gemini model " + model + " blocked the prompt: blockReason "
                    + feedback.blockReason().get()
                    + feedback.blockReasonMessage().map(s -> " (" + s + ")").orElse(""));
        }
        List<Candidate> candidates = response.candidates().orElse(List.of());
        if (candidates.isEmpty()) {
            throw new IntentModelException("Gemini model " + model + " returned no answer (no candidates in the"
                    + " response, no finish reason).");
        }
        Candidate first = candidates.get(0);
        FinishReason reason = first.finishReason().orElse(null);
        FinishReason.Known known = reason == null ? FinishReason.Known.FINISH_REASON_UNSPECIFIED : reason.knownEnum();
        String finish = reason == null ? "no finish reason" : "finishReason " + reason;
        String finishMessage = first.finishMessage().map(s -> ": " + s).orElse("");
        if (known == FinishReason.Known.MAX_TOKENS) {
            throw new IntentModelException("Gemini model " + model + " stopped at the output token limit"
                    + " (finishReason MAX_TOKENS" + finishMessage + "); the answer is cut off or empty. Raise"
                    + " maxOutputTokens (thinking tokens count toward it).");
        }
        if (known != FinishReason.Known.STOP && known != FinishReason.Known.FINISH_REASON_UNSPECIFIED) {
            throw new IntentModelException(
                    "Gemini model " + model + " gave no usable answer (" + finish + finishMessage + ").");
        }
        String text = response.text();
        if (text == null || text.isBlank()) {
            throw new IntentModelException("Gemini model " + model + " returned an empty answer (" + finish + ").");
        }
        return text;
    }

    private String hintFor(int code) {
        return switch (code) {
            case 400 -> "; check the request/model settings";
            case 401, 403 -> "; check " + credentialHint;
            case 404 -> "; check the model name '" + model + "'";
            default -> "";
        };
    }

    private boolean mentionsKey(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (apiKey != null
                    && !apiKey.isEmpty()
                    && String.valueOf(c.getMessage()).contains(apiKey)) {
                return true;
            }
        }
        return false;
    }

    private String scrub(String message) {
        return apiKey == null || apiKey.isEmpty() ? message : message.replace(apiKey, "[REDACTED]");
    }

    /** Closes the SDK client (its connection pool and threads). */
    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "GeminiIntentModel[" + model + "]";
    }
}

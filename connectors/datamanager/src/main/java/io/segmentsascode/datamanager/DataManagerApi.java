package io.segmentsascode.datamanager;

import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.segmentsascode.spi.Backoff;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Data Manager REST API (v1) as JSON over HTTP: request messages printed with {@link JsonFormat}, responses
 * parsed leniently (fields Google adds later must not break a sync). Retries 429 and 5xx answers and lost
 * connections with {@link Backoff}, and paces requests to stay within the quota. Credentials' headers are added to
 * each request and never logged; error messages carry Google's message, which names fields, not values.
 */
public final class DataManagerApi {

    public static final URI GOOGLE = URI.create("https://datamanager.googleapis.com");
    public static final String SCOPE = "https://www.googleapis.com/auth/datamanager";

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    private final URI endpoint;
    private final Optional<Credentials> credentials;
    /**
     * In production: 8 tries, waits from up to 1 s doubling to 32 s, and one request every 200 ms at most (the
     * project's quota is 300 requests a minute).
     */
    public static final Backoff BACKOFF =
            Backoff.of(8, Duration.ofSeconds(1), Duration.ofSeconds(32)).withPace(Duration.ofMillis(200));

    private final Backoff backoff;
    private final HttpClient http;
    private Instant lastRequest = Instant.MIN;

    public DataManagerApi(URI endpoint, Optional<Credentials> credentials, Backoff backoff) {
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.backoff = backoff;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** Google's endpoint with Application Default Credentials scoped to the Data Manager API. */
    public static DataManagerApi withApplicationDefaultCredentials(Backoff backoff) {
        try {
            return new DataManagerApi(
                    GOOGLE,
                    Optional.of(GoogleCredentials.getApplicationDefault().createScoped(SCOPE)),
                    backoff);
        } catch (IOException e) {
            throw new DataManagerException(
                    "no Application Default Credentials for the Data Manager API: run `gcloud auth application-default"
                            + " login --scopes=" + SCOPE + ",https://www.googleapis.com/auth/cloud-platform`, or set"
                            + " GOOGLE_APPLICATION_CREDENTIALS (" + e.getMessage() + ")",
                    e);
        }
    }

    /** An endpoint of one's own (a fake or a proxy): no credentials are sent to it. */
    public static DataManagerApi at(URI endpoint, Backoff backoff) {
        return new DataManagerApi(endpoint, Optional.empty(), backoff);
    }

    public <T extends Message> T get(String path, T responseType) {
        return call("GET", path, Optional.empty(), responseType);
    }

    public <T extends Message> T post(String path, Message body, T responseType) {
        return call("POST", path, Optional.of(body), responseType);
    }

    public <T extends Message> T patch(String path, Message body, T responseType) {
        return call("PATCH", path, Optional.of(body), responseType);
    }

    public <T extends Message> T delete(String path, T responseType) {
        return call("DELETE", path, Optional.empty(), responseType);
    }

    private <T extends Message> T call(String verb, String path, Optional<Message> body, T responseType) {
        URI uri = endpoint.resolve(path);
        HttpRequest request = request(verb, uri, body);
        for (int attempt = 1; ; attempt++) {
            pace();
            Optional<HttpResponse<String>> response = send(request, attempt);
            if (response.isPresent() && response.get().statusCode() / 100 == 2) {
                return parse(response.get().body(), responseType);
            }
            boolean retryable = response.isEmpty() || retryable(response.get().statusCode());
            if (!retryable || attempt >= backoff.attempts()) {
                String why = response.map(r -> r.statusCode() + " " + r.body()).orElse("no answer");
                throw response.isPresent()
                        ? new DataManagerException(
                                response.get().statusCode(),
                                verb + " " + path + " failed after " + attempt + " attempt(s): " + why)
                        : new DataManagerException(verb + " " + path + " failed: " + why, null);
            }
            sleep(backoff.beforeRetry(attempt));
        }
    }

    private static boolean retryable(int status) {
        return status == 429 || status >= 500;
    }

    private Optional<HttpResponse<String>> send(HttpRequest request, int attempt) {
        try {
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            // a lost connection is retried like a 503: ingest is at-least-once, re-adding a member is harmless
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataManagerException("interrupted", e);
        }
    }

    private HttpRequest request(String verb, URI uri, Optional<Message> body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json; charset=utf-8")
                .method(
                        verb,
                        body.map(b -> HttpRequest.BodyPublishers.ofString(print(b), StandardCharsets.UTF_8))
                                .orElse(HttpRequest.BodyPublishers.noBody()));
        credentials.ifPresent(c ->
                authorization(c, uri).forEach((name, values) -> values.forEach(value -> builder.header(name, value))));
        return builder.build();
    }

    private static Map<String, List<String>> authorization(Credentials credentials, URI uri) {
        try {
            return credentials.getRequestMetadata(uri);
        } catch (IOException e) {
            throw new DataManagerException("refreshing the Data Manager API credentials failed", e);
        }
    }

    private void sleep(Duration duration) {
        if (!backoff.pause(duration)) {
            throw new DataManagerException("interrupted while waiting to retry", null);
        }
    }

    private synchronized void pace() {
        Instant next = lastRequest.plus(backoff.pace());
        Instant now = Instant.now();
        if (lastRequest != Instant.MIN && now.isBefore(next)) {
            sleep(Duration.between(now, next));
        }
        lastRequest = Instant.now();
    }

    static String print(Message message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> T parse(String json, T responseType) {
        Message.Builder builder = responseType.newBuilderForType();
        try {
            PARSER.merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new DataManagerException("unreadable answer from the Data Manager API: " + e.getMessage(), e);
        }
        return (T) builder.build();
    }
}

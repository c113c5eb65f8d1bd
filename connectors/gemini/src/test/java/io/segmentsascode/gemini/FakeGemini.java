package io.segmentsascode.gemini;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Gemini REST endpoint on 127.0.0.1 for tests: {@code POST /v1beta/models/{model}:generateContent}
 * (Gemini API) and {@code POST /v1beta1/projects/{p}/locations/{l}/publishers/google/models/{model}:generateContent}
 * (Vertex AI; {@code /v1beta1/publishers/google/models/{model}:generateContent} in express mode),
 * plus {@value #TOKEN_PATH} handing out a fake OAuth access token. Records every request and answers from a script; when the script runs out the last
 * reply repeats ("500 forever"). Anything else gets 404.
 */
public final class FakeGemini implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Pattern GENERATE = Pattern.compile("/v1beta/models/[^/]+:generateContent"
            + "|/v1beta1/(projects/[^/]+/locations/[^/]+/)?publishers/google/models/[^/]+:generateContent");
    /** OAuth token endpoint, for service-account credentials whose token_uri points here. */
    static final String TOKEN_PATH = "/token";

    /** A scripted reply: status + JSON body, or hang {@code hangMillis} before answering. */
    public record Reply(int status, String body, long hangMillis) {

        /** 200 with one candidate whose single text part is {@code text} (finishReason STOP). */
        public static Reply text(String text) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ObjectNode candidate = root.putArray("candidates").addObject();
            ObjectNode content = candidate.putObject("content");
            content.putArray("parts").addObject().put("text", text);
            content.put("role", "model");
            candidate.put("finishReason", "STOP");
            candidate.put("index", 0);
            return json(200, JSON.writeValueAsString(root));
        }

        public static Reply json(int status, String body) {
            return new Reply(status, body, 0);
        }

        /** The REST API's error shape: {@code {"error":{"code","message","status"}}}. */
        public static Reply error(int status, String statusName, String message) {
            ObjectNode root = JsonNodeFactory.instance.objectNode();
            ObjectNode error = root.putObject("error");
            error.put("code", status);
            error.put("message", message);
            error.put("status", statusName);
            return json(status, JSON.writeValueAsString(root));
        }

        /** Waits {@code millis}, then answers 200 with "SELECT 'late'" (if the client still listens). */
        public static Reply hang(long millis) {
            return new Reply(200, text("SELECT 'late'").body(), millis);
        }
    }

    /** One request as the server saw it; header names lower-case. */
    public record Recorded(
            String method, String path, Map<String, List<String>> headers, String rawBody, JsonNode body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<Reply> script;
    private final List<Recorded> requests = Collections.synchronizedList(new ArrayList<>());
    private int next;

    private FakeGemini(List<Reply> script) throws IOException {
        if (script.isEmpty()) {
            throw new IllegalArgumentException("script must not be empty");
        }
        this.script = List.copyOf(script);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-gemini");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeGemini start(Reply... script) throws IOException {
        return new FakeGemini(List.of(script));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every request, token requests included. */
    public List<Recorded> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    /** The generateContent requests only. */
    List<Recorded> calls() {
        return requests().stream()
                .filter(r -> r.path().endsWith(":generateContent"))
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw;
            try (InputStream in = exchange.getRequestBody()) {
                raw = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String text = new String(raw, StandardCharsets.UTF_8);
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            boolean json = contentType != null && contentType.startsWith("application/json") && !text.isEmpty();
            String path = exchange.getRequestURI().getRawPath();
            requests.add(
                    new Recorded(exchange.getRequestMethod(), path, headers, text, json ? JSON.readTree(text) : null));

            if (TOKEN_PATH.equals(path)) {
                send(
                        exchange,
                        Reply.json(
                                200,
                                "{\"access_token\":\"fake-access-token\",\"expires_in\":3600,"
                                        + "\"token_type\":\"Bearer\"}"));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())
                    || !GENERATE.matcher(path).matches()) {
                send(exchange, Reply.error(404, "NOT_FOUND", "fake: no route for " + path));
                return;
            }
            Reply reply;
            synchronized (this) {
                reply = script.get(Math.min(next, script.size() - 1));
                next++;
            }
            if (reply.hangMillis() > 0) {
                try {
                    Thread.sleep(reply.hangMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            send(exchange, reply);
        } catch (IOException e) {
            // client went away (timeout): nothing to answer
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}

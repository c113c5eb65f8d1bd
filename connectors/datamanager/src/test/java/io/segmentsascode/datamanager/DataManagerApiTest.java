package io.segmentsascode.datamanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ads.datamanager.v1.ListUserListsResponse;
import com.google.auth.Credentials;
import com.google.protobuf.Struct;
import com.sun.net.httpserver.HttpServer;
import io.segmentsascode.fakes.FakeDataManager;
import io.segmentsascode.fakes.Fault;
import io.segmentsascode.spi.Backoff;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Retries, backoff, pacing and credentials of the REST client. */
class DataManagerApiTest {

    private static final String LISTS = "/v1/accountTypes/GOOGLE_ADS/accounts/1/userLists";

    @Test
    void a429StormIsRetriedWithJitteredExponentialBackoffAndPacedToTheQuota() throws Exception {
        List<Duration> waits = new ArrayList<>();
        Backoff backoff = new Backoff(
                8,
                Duration.ofSeconds(1),
                Duration.ofSeconds(32),
                Duration.ZERO,
                Duration.ofMillis(200),
                waits::add,
                new Random(7));
        try (FakeDataManager fake = new FakeDataManager().start(0)) {
            fake.faults().failNext("userLists.list", 6, Fault.http(429, "RESOURCE_EXHAUSTED"));

            new DataManagerApi(URI.create(fake.endpoint()), Optional.empty(), backoff)
                    .get(LISTS, ListUserListsResponse.getDefaultInstance());

            assertEquals(7, fake.log().calls("userLists.list").size());
        }
        // the sleeper does not sleep, so every retry is also held back by the pace (≤ 200 ms each)
        List<Duration> retryWaits =
                waits.stream().filter(w -> w.toMillis() > 200).toList();
        for (Duration wait : waits) {
            assertTrue(wait.compareTo(Duration.ofSeconds(32)) <= 0, "capped: " + wait);
        }
        assertFalse(retryWaits.isEmpty(), "backed off: " + waits);
        for (int retry = 1; retry <= 6; retry++) {
            Duration cap = Duration.ofSeconds(Math.min(32, 1L << (retry - 1)));
            Duration drawn = backoff.beforeRetry(retry);
            assertTrue(!drawn.isNegative() && drawn.compareTo(cap) <= 0, "retry " + retry + ": " + drawn);
        }
    }

    @Test
    void aStormLongerThanTheAttemptsFailsWithGooglesStatus() throws Exception {
        try (FakeDataManager fake = new FakeDataManager().start(0)) {
            fake.faults().failNext("userLists.list", 100, Fault.http(429, "RESOURCE_EXHAUSTED"));
            DataManagerException failure = assertThrows(
                    DataManagerException.class,
                    () -> DataManagerApi.at(URI.create(fake.endpoint()), DataManagerApi.BACKOFF.withoutWaiting())
                            .get(LISTS, ListUserListsResponse.getDefaultInstance()));
            assertEquals(429, failure.httpStatus().getAsInt());
            assertEquals(
                    DataManagerApi.BACKOFF.withoutWaiting().attempts(),
                    fake.log().calls("userLists.list").size());
        }
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        try (FakeDataManager fake = new FakeDataManager().start(0)) {
            assertThrows(
                    DataManagerException.class,
                    () -> DataManagerApi.at(URI.create(fake.endpoint()), DataManagerApi.BACKOFF.withoutWaiting())
                            .post(LISTS, Struct.getDefaultInstance(), ListUserListsResponse.getDefaultInstance()));
            assertEquals(1, fake.log().calls("userLists.create").size());
        }
    }

    @Test
    void credentialsAreSentToGoogleButNotToAnEndpointOverride() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            new DataManagerApi(endpoint, Optional.of(new BearerToken()), DataManagerApi.BACKOFF.withoutWaiting())
                    .get(LISTS, ListUserListsResponse.getDefaultInstance());
            DataManagerApi.at(endpoint, DataManagerApi.BACKOFF.withoutWaiting())
                    .get(LISTS, ListUserListsResponse.getDefaultInstance());
        } finally {
            server.stop(0);
        }
        assertEquals(List.of("Bearer test-token", "null"), authorizations);
    }

    /** What ADC hands the client, without a token server. */
    private static final class BearerToken extends Credentials {
        @Override
        public String getAuthenticationType() {
            return "OAuth2";
        }

        @Override
        public Map<String, List<String>> getRequestMetadata(URI uri) throws IOException {
            return Map.of("Authorization", List.of("Bearer test-token"));
        }

        @Override
        public boolean hasRequestMetadata() {
            return true;
        }

        @Override
        public boolean hasRequestMetadataOnly() {
            return true;
        }

        @Override
        public void refresh() {}
    }
}

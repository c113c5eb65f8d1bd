package io.segmentsascode.googleads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.ads.googleads.v23.services.GoogleAdsServiceClient;
import com.google.ads.googleads.v23.services.GoogleAdsServiceSettings;
import com.google.ads.googleads.v23.services.SearchGoogleAdsRequest;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.FixedHeaderProvider;
import com.google.api.gax.rpc.StatusCode;
import io.grpc.ManagedChannelBuilder;
import io.segmentsascode.fakes.CallRecord;
import io.segmentsascode.fakes.FakeGoogleAds;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake refuses calls without the headers every Google Ads API call carries, as Google does. */
class FakeGoogleAdsHeadersTest {

    private FakeGoogleAds fake;

    @BeforeEach
    void start() throws Exception {
        fake = new FakeGoogleAds().start(0);
    }

    @AfterEach
    void stop() throws Exception {
        fake.close();
    }

    @Test
    void aCallWithoutDeveloperTokenIsUnauthenticated() throws Exception {
        assertEquals(StatusCode.Code.UNAUTHENTICATED, searchWith(Map.of("login-customer-id", "1112223333")));
    }

    @Test
    void aCallWithoutLoginCustomerIdIsDenied() throws Exception {
        assertEquals(StatusCode.Code.PERMISSION_DENIED, searchWith(Map.of("developer-token", "t")));
        assertEquals(
                List.of("PERMISSION_DENIED"),
                fake.log().calls("Search").stream().map(CallRecord::outcome).toList());
    }

    @Test
    void aCallWithBothHeadersIsAnswered() throws Exception {
        try (GoogleAdsServiceClient client =
                client(Map.of("developer-token", "t", "login-customer-id", "1112223333"))) {
            client.search(SearchGoogleAdsRequest.newBuilder()
                            .setCustomerId("1234567890")
                            .setQuery("SELECT user_list.name FROM user_list")
                            .build())
                    .iterateAll()
                    .forEach(row -> {});
        }
        assertEquals(
                List.of("OK"),
                fake.log().calls("Search").stream().map(CallRecord::outcome).toList());
    }

    private StatusCode.Code searchWith(Map<String, String> headers) throws Exception {
        try (GoogleAdsServiceClient client = client(headers)) {
            ApiException e = assertThrows(
                    ApiException.class,
                    () -> client.search(SearchGoogleAdsRequest.newBuilder()
                                    .setCustomerId("1234567890")
                                    .setQuery("SELECT user_list.name FROM user_list")
                                    .build())
                            .iterateAll()
                            .forEach(row -> {}));
            return e.getStatusCode().getCode();
        }
    }

    private GoogleAdsServiceClient client(Map<String, String> headers) throws Exception {
        return GoogleAdsServiceClient.create(GoogleAdsServiceSettings.newBuilder()
                .setTransportChannelProvider(InstantiatingGrpcChannelProvider.newBuilder()
                        .setEndpoint(fake.endpoint())
                        .setChannelConfigurator(ManagedChannelBuilder::usePlaintext)
                        .build())
                .setCredentialsProvider(NoCredentialsProvider.create())
                .setHeaderProvider(FixedHeaderProvider.create(headers))
                .applyToAllUnaryMethods(b -> {
                    b.setRetryableCodes();
                    return null;
                })
                .build());
    }
}

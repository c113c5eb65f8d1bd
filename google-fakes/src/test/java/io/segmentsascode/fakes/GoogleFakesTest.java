package io.segmentsascode.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.UnavailableException;
import com.google.cloud.bigquery.BigQuery;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.JobInfo;
import com.google.cloud.bigquery.QueryJobConfiguration;
import com.google.cloud.bigquery.datatransfer.v1.CreateTransferConfigRequest;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceClient;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class GoogleFakesTest {

    @Test
    void stateEndpointShowsTablesDryRunsConfigsAndOneInterleavedCallLog() throws Exception {
        try (GoogleFakes fakes = GoogleFakes.start(0, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            String seed = "{\"datasets\":[\"p.segments\"],\"tables\":[{\"id\":\"p.analytics.events\",\"numBytes\":1234,"
                    + "\"columns\":[\"user_id:STRING\"]}]}";
            http.send(
                    HttpRequest.newBuilder(URI.create(fakes.bigQuery().endpoint() + "/_fake/seed"))
                            .POST(HttpRequest.BodyPublishers.ofString(seed))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            BigQuery bq = Clients.bigQuery(fakes.bigQuery(), "p");
            bq.create(JobInfo.of(QueryJobConfiguration.newBuilder("SELECT * FROM `p.analytics.events`")
                    .setDryRun(true)
                    .build()));
            try (DataTransferServiceClient dts = Clients.dataTransfer(fakes.dataTransfer())) {
                dts.createTransferConfig(CreateTransferConfigRequest.newBuilder()
                        .setParent("projects/p/locations/us")
                        .setTransferConfig(FakeDataTransferTest.config("buyers", "SELECT 1"))
                        .setServiceAccountName("sa@p.iam.gserviceaccount.com")
                        .build());
            }

            String body = http.send(
                            HttpRequest.newBuilder(URI.create(fakes.bigQuery().endpoint() + "/_fake/state"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            JsonObject state = JsonParser.parseString(body).getAsJsonObject();
            assertTrue(state.getAsJsonObject("tables").has("p.analytics.events"));
            JsonObject dryRun = state.getAsJsonArray("jobs").get(0).getAsJsonObject();
            assertTrue(dryRun.get("dryRun").getAsBoolean());
            assertEquals(1234, dryRun.get("totalBytesProcessed").getAsLong());
            JsonObject cfg = state.getAsJsonObject("datatransfer")
                    .getAsJsonArray("transferConfigs")
                    .get(0)
                    .getAsJsonObject();
            assertEquals(
                    "sa@p.iam.gserviceaccount.com",
                    cfg.get("serviceAccountName").getAsString());
            assertEquals(
                    "segments:buyers",
                    cfg.getAsJsonObject("config").get("displayName").getAsString());

            assertEquals(
                    List.of("bigquery jobs.insert", "datatransfer CreateTransferConfig"),
                    fakes.log().calls().stream()
                            .map(c -> c.api() + " " + c.method())
                            .toList());
            assertTrue(fakes.stateJson().contains("\"calls\""));
        }
    }

    @Test
    void crashAfterKCountsMutationsOnBothApisAndResetClearsBoth() throws Exception {
        try (GoogleFakes fakes = GoogleFakes.start(0, 0)) {
            fakes.bigQuery().state().addDataset("p.segments");
            BigQuery bq = Clients.bigQuery(fakes.bigQuery(), "p");
            fakes.faults().crashAfterMutations(2);
            try (DataTransferServiceClient dts = Clients.dataTransfer(fakes.dataTransfer())) {
                bq.query(QueryJobConfiguration.of("CREATE TABLE p.segments.features (user_id STRING)"));
                dts.createTransferConfig(CreateTransferConfigRequest.newBuilder()
                        .setParent("projects/p/locations/us")
                        .setTransferConfig(FakeDataTransferTest.config("buyers", "SELECT 1"))
                        .build());
                var e = Assertions.assertThrows(
                        UnavailableException.class,
                        () -> dts.createTransferConfig(CreateTransferConfigRequest.newBuilder()
                                .setParent("projects/p/locations/us")
                                .setTransferConfig(FakeDataTransferTest.config("other", "SELECT 2"))
                                .build()));
                assertTrue(e.getMessage().contains("crashed"));
                var bqe = Assertions.assertThrows(
                        BigQueryException.class,
                        () -> bq.query(QueryJobConfiguration.of("DROP TABLE p.segments.features")));
                assertEquals(503, bqe.getCode());
            }
            assertEquals(
                    List.of("jobs.query", "CreateTransferConfig"),
                    fakes.log().successfulMutations().stream()
                            .map(CallRecord::method)
                            .toList());
            assertTrue(fakes.bigQuery().state().hasTable("p.segments.features"));

            HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(fakes.bigQuery().endpoint() + "/_fake/reset"))
                                    .POST(HttpRequest.BodyPublishers.noBody())
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(List.of(), fakes.dataTransfer().configs());
            assertEquals(List.of(), fakes.log().calls());
            assertTrue(!fakes.faults().crashed());
        }
    }

    @Test
    void theDataManagerAndGoogleAdsFakesShowOneAccountsListsUnderTheSameIds() throws Exception {
        try (GoogleFakes fakes = GoogleFakes.start(0, 0, 0, 0)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> created = http.send(
                    HttpRequest.newBuilder(URI.create(fakes.dataManager().endpoint()
                                    + "/v1/accountTypes/GOOGLE_ADS/accounts/1234567890/userLists"))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"displayName\":\"winback\",\"description\":\"made through Data Manager\","
                                            + "\"membershipDuration\":\"2592000s\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, created.statusCode(), created.body());
            long id = fakes.dataManager().userLists().get(0).getId();

            var shown = fakes.googleAds().userLists();
            assertEquals(1, shown.size());
            assertEquals("customers/1234567890/userLists/" + id, shown.get(0).getResourceName());
            assertEquals("winback", shown.get(0).getName());
            assertEquals("made through Data Manager", shown.get(0).getDescription());
            assertEquals(30, shown.get(0).getMembershipLifeSpan());

            var made = fakes.googleAds()
                    .putUserList(
                            "1234567890",
                            shown.get(0).toBuilder()
                                    .setName("upsell")
                                    .setDescription("made through Google Ads")
                                    .build());
            assertEquals(2, fakes.dataManager().userLists().size());
            assertTrue(
                    fakes.dataManager().userLists().stream()
                            .anyMatch(l -> l.getName()
                                            .equals("accountTypes/GOOGLE_ADS/accounts/1234567890/userLists/"
                                                    + made.getId())
                                    && l.getDisplayName().equals("upsell")),
                    fakes.dataManager().userLists().toString());
            assertTrue(made.getId() != id, "one id space");

            fakes.dataManager().deleteUserList("accountTypes/GOOGLE_ADS/accounts/1234567890/userLists/" + id);
            assertEquals(
                    List.of("customers/1234567890/userLists/" + made.getId()),
                    fakes.googleAds().userLists().stream()
                            .map(l -> l.getResourceName())
                            .toList());
        }
    }
}

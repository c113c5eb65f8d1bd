package io.segmentsascode.googleads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.ConfigException;
import io.segmentsascode.diagnostics.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleAdsCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void everyMissingPieceIsNamedInOneMessageAndNoGivenValueIsShown() {
        Map<String, String> environment = Map.of(
                "GOOGLE_ADS_DEVELOPER_TOKEN", "s3cret-token",
                "GOOGLE_ADS_CLIENT_ID", "client-id-value",
                "GOOGLE_ADS_CONFIGURATION_FILE_PATH",
                        dir.resolve("absent.properties").toString());

        ConfigException e = assertThrows(ConfigException.class, () -> GoogleAdsCredentials.read(environment, true));

        assertEquals(1, e.diagnostics().size());
        Diagnostic only = e.diagnostics().get(0);
        String text = only.message() + " " + only.hint();
        for (String missing : new String[] {
            "GOOGLE_ADS_LOGIN_CUSTOMER_ID (api.googleads.loginCustomerId)",
            "GOOGLE_ADS_CLIENT_SECRET (api.googleads.clientSecret)",
            "GOOGLE_ADS_REFRESH_TOKEN (api.googleads.refreshToken)"
        }) {
            assertTrue(text.contains(missing), text);
        }
        assertFalse(text.contains("GOOGLE_ADS_DEVELOPER_TOKEN"), "the token was given: " + text);
        assertFalse(text.contains("s3cret-token") || text.contains("client-id-value"), text);
        assertTrue(text.contains("-Dsegments.audiences=datamanager"), text);
    }

    @Test
    void adsPropertiesFillWhatTheEnvironmentLacksAndToStringHidesValues() throws Exception {
        Path file = dir.resolve("ads.properties");
        Files.writeString(
                file,
                "api.googleads.developerToken=file-token\n"
                        + "api.googleads.loginCustomerId=111-222-3333\n"
                        + "api.googleads.clientId=file-client\n"
                        + "api.googleads.clientSecret=file-secret\n"
                        + "api.googleads.refreshToken=file-refresh\n");
        Map<String, String> environment = Map.of(
                "GOOGLE_ADS_CONFIGURATION_FILE_PATH", file.toString(), "GOOGLE_ADS_DEVELOPER_TOKEN", "env-token");

        GoogleAdsCredentials credentials = GoogleAdsCredentials.read(environment, true);

        assertEquals("env-token", credentials.developerToken(), "the environment wins over the file");
        assertEquals("1112223333", credentials.loginCustomerId());
        assertEquals("file-refresh", credentials.oauth().orElseThrow().refreshToken());
        assertFalse(credentials.toString().contains("token")
                && credentials.toString().contains("file-"));
        assertFalse(credentials.oauth().orElseThrow().toString().contains("file-secret"));
    }

    @Test
    void withoutOAuthOnlyTheTokenAndTheLoginCustomerAreNeeded() {
        GoogleAdsCredentials credentials = GoogleAdsCredentials.read(GoogleAdsDestinationTest.ENVIRONMENT, false);

        assertTrue(credentials.oauth().isEmpty());
        assertEquals("1112223333", credentials.loginCustomerId());
    }
}

package io.segmentsascode.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.Diagnostic;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Credentials: none only against local endpoints, and both endpoints or neither. */
class GoogleClientsTest {

    private static SegmentsSettings.GoogleCloud google(
            Optional<String> bigquery, Optional<String> dataTransfer, String credentials) {
        return new SegmentsSettings.GoogleCloud(
                Optional.empty(), bigquery, dataTransfer, credentials, Optional.empty(), 1L << 30);
    }

    @Test
    void noCredentialsAgainstGoogleIsAnErrorOnTheParameter() {
        GoogleAccessException e = assertThrows(
                GoogleAccessException.class,
                () -> GoogleClients.open("p", google(Optional.empty(), Optional.empty(), "none")));

        Diagnostic error = e.diagnostics().get(0);
        assertEquals(
                "segments.googleCredentials: error: segments.googleCredentials=none works only against local endpoints"
                        + " (leave it unset to use Application Default Credentials)",
                error.format());
    }

    @Test
    void oneEndpointWithoutTheOtherIsAnError() {
        GoogleAccessException e = assertThrows(
                GoogleAccessException.class,
                () -> GoogleClients.open("p", google(Optional.of("http://127.0.0.1:9050"), Optional.empty(), "none")));

        assertEquals(
                Parameters.DATA_TRANSFER_ENDPOINT,
                e.diagnostics().get(0).location().file());
    }
}

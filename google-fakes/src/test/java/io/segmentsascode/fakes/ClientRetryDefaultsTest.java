package io.segmentsascode.fakes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.bigquery.BigQueryOptions;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceSettings;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Pins what the client libraries retry on their own, so that the connector's own retry layer knows what it must
 * add (and a client upgrade that changes it fails here first).
 */
class ClientRetryDefaultsTest {

    @Test
    void dataTransferRetriesOnlyReadsAndDeleteOnUnavailableAndDeadlineExceeded() {
        var s = DataTransferServiceSettings.newBuilder().getStubSettingsBuilder();
        Set<StatusCode.Code> transient_ = Set.of(StatusCode.Code.UNAVAILABLE, StatusCode.Code.DEADLINE_EXCEEDED);
        assertEquals(transient_, s.getTransferConfigSettings().getRetryableCodes());
        assertEquals(transient_, s.listTransferConfigsSettings().getRetryableCodes());
        assertEquals(transient_, s.getTransferRunSettings().getRetryableCodes());
        assertEquals(transient_, s.listTransferRunsSettings().getRetryableCodes());
        assertEquals(transient_, s.deleteTransferConfigSettings().getRetryableCodes());
        // not retried by the client at all: create, update, start runs (and nothing retries RESOURCE_EXHAUSTED)
        assertEquals(Set.of(), s.createTransferConfigSettings().getRetryableCodes());
        assertEquals(Set.of(), s.updateTransferConfigSettings().getRetryableCodes());
        assertEquals(Set.of(), s.startManualTransferRunsSettings().getRetryableCodes());
        assertEquals(
                Duration.ofSeconds(20),
                s.getTransferConfigSettings().getRetrySettings().getTotalTimeoutDuration());
        assertEquals(
                Duration.ofMillis(100),
                s.getTransferConfigSettings().getRetrySettings().getInitialRetryDelayDuration());
        assertEquals(
                Duration.ofSeconds(30),
                s.createTransferConfigSettings().getRetrySettings().getTotalTimeoutDuration());
    }

    @Test
    void bigQueryRetriesSixAttemptsWithExponentialBackoff() {
        var r = BigQueryOptions.getDefaultRetrySettings();
        assertEquals(6, r.getMaxAttempts());
        assertEquals(Duration.ofSeconds(1), r.getInitialRetryDelayDuration());
        assertEquals(2.0, r.getRetryDelayMultiplier());
        assertEquals(Duration.ofSeconds(32), r.getMaxRetryDelayDuration());
        assertEquals(Duration.ofSeconds(50), r.getTotalTimeoutDuration());
    }
}

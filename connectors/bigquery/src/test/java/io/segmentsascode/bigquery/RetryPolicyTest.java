package io.segmentsascode.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.grpc.GrpcStatusCode;
import com.google.api.gax.rpc.ApiExceptionFactory;
import com.google.cloud.bigquery.BigQueryError;
import com.google.cloud.bigquery.BigQueryException;
import io.grpc.Status;
import io.segmentsascode.model.Refresh;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Which failures are retried, how long between attempts, and the schedule's off-the-hour minute. */
class RetryPolicyTest {

    private static BigQueryException bigQuery(int code, String reason) {
        return new BigQueryException(code, reason, new BigQueryError(reason, "global", reason));
    }

    @Test
    void transientFailuresOfBothApisAreRetriedAndOthersAreNot() {
        assertTrue(RetryPolicy.isTransient(bigQuery(429, "rateLimitExceeded")));
        assertTrue(RetryPolicy.isTransient(bigQuery(403, "rateLimitExceeded")));
        assertTrue(RetryPolicy.isTransient(bigQuery(503, "backendError")));
        assertFalse(RetryPolicy.isTransient(bigQuery(403, "accessDenied")));
        assertFalse(RetryPolicy.isTransient(bigQuery(400, "invalidQuery")));
        for (Status.Code code :
                List.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED)) {
            assertTrue(
                    RetryPolicy.isTransient(ApiExceptionFactory.createException(null, GrpcStatusCode.of(code), false)));
        }
        assertFalse(RetryPolicy.isTransient(
                ApiExceptionFactory.createException(null, GrpcStatusCode.of(Status.Code.INVALID_ARGUMENT), false)));
    }

    @Test
    void backoffGrowsExponentiallyWithJitterUpToItsBound() {
        List<Duration> waits = new ArrayList<>();
        RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(8), waits::add);
        AtomicInteger calls = new AtomicInteger();

        assertThrows(
                TransientFailureException.class,
                () -> policy.call("listing", () -> {
                    calls.incrementAndGet();
                    throw bigQuery(503, "backendError");
                }));

        assertEquals(6, calls.get());
        assertEquals(5, waits.size());
        long[] bounds = {1000, 2000, 4000, 8000, 8000};
        for (int i = 0; i < waits.size(); i++) {
            long millis = waits.get(i).toMillis();
            assertTrue(millis >= 0 && millis <= bounds[i], i + ": " + millis);
        }
    }

    @Test
    void aPermanentFailureIsNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        RetryPolicy policy = new RetryPolicy(6, Duration.ofMillis(1), Duration.ofMillis(1), d -> {});

        assertThrows(
                BigQueryException.class,
                () -> policy.call("creating", () -> {
                    calls.incrementAndGet();
                    throw bigQuery(400, "invalidQuery");
                }));
        assertEquals(1, calls.get());
    }

    @Test
    void refreshesRunOffTheHourAtAStableTime() {
        for (Refresh cadence : Refresh.values()) {
            RefreshSchedule schedule = RefreshSchedule.of(cadence);
            assertTrue(schedule.minute() >= 1 && schedule.minute() <= 59, schedule.toString());
            assertEquals(schedule, RefreshSchedule.of(cadence));
            assertTrue(schedule.describe().endsWith(" UTC (off the hour)"));
        }
    }
}

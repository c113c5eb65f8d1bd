package io.segmentsascode.bigquery;

import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.api.gax.rpc.UnauthenticatedException;
import com.google.cloud.bigquery.BigQueryException;
import java.util.function.Supplier;

/**
 * Every call the target makes to Google goes through here: retried by the {@link RetryPolicy},
 * and a refusal for lack of permission turned into an error naming the step and its roles.
 */
final class Steps {

    private final RetryPolicy retry;
    private final String roles;

    /** {@code roles}: what the identity needs for the goal that runs (plan or apply). */
    Steps(RetryPolicy retry, String roles) {
        this.retry = retry;
        this.roles = roles;
    }

    RetryPolicy retry() {
        return retry;
    }

    <T> T call(String step, Supplier<T> call) {
        try {
            return retry.call(step, call);
        } catch (PermissionDeniedException | UnauthenticatedException e) {
            throw denied(step, e);
        } catch (BigQueryException e) {
            if (e.getCode() == 401 || (e.getCode() == 403 && !RetryPolicy.isTransient(e))) {
                throw denied(step, e);
            }
            throw e;
        }
    }

    void run(String step, Runnable call) {
        call(step, () -> {
            call.run();
            return null;
        });
    }

    private GoogleAccessException denied(String step, RuntimeException e) {
        return new GoogleAccessException(
                "GOOGLE_APPLICATION_CREDENTIALS",
                step + " was refused: " + RetryPolicy.describe(e),
                "grant the identity of Application Default Credentials the roles it lacks: " + roles);
    }
}

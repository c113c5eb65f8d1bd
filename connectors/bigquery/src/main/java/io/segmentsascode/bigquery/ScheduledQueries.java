package io.segmentsascode.bigquery;

import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.bigquery.datatransfer.v1.CreateTransferConfigRequest;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceClient;
import com.google.cloud.bigquery.datatransfer.v1.ListTransferConfigsRequest;
import com.google.cloud.bigquery.datatransfer.v1.ListTransferRunsRequest;
import com.google.cloud.bigquery.datatransfer.v1.StartManualTransferRunsRequest;
import com.google.cloud.bigquery.datatransfer.v1.StartManualTransferRunsResponse;
import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.cloud.bigquery.datatransfer.v1.TransferRun;
import com.google.cloud.bigquery.datatransfer.v1.TransferState;
import com.google.cloud.bigquery.datatransfer.v1.UpdateTransferConfigRequest;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import io.segmentsascode.apply.ApplyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The target's scheduled queries, through the Data Transfer API, in
 * {@code projects/P/locations/L} (listing under {@code projects/P} alone only shows the US
 * location). The Data Transfer client does not retry create, update or start at all, and a
 * create whose answer was lost has created the config: so every attempt to create first looks
 * for a config with our marker and spec hash, which makes a retried or resumed create find the
 * first one instead of making a duplicate.
 */
final class ScheduledQueries {

    static final String DATA_SOURCE = "scheduled_query";

    /** A scheduled query as we want it. */
    record Desired(String displayName, String query, String schedule, Optional<String> serviceAccount) {}

    private final DataTransferServiceClient client;
    private final TargetSettings settings;
    private final Steps steps;
    private final Clock clock;

    ScheduledQueries(DataTransferServiceClient client, TargetSettings settings, Steps steps, Clock clock) {
        this.client = client;
        this.settings = settings;
        this.steps = steps;
        this.clock = clock;
    }

    /** Every scheduled query of the location. */
    List<TransferConfig> list() {
        ListTransferConfigsRequest request = ListTransferConfigsRequest.newBuilder()
                .setParent(settings.transferParent())
                .addDataSourceIds(DATA_SOURCE)
                .build();
        return steps.call("listing the scheduled queries of " + settings.transferParent(), () -> {
            List<TransferConfig> configs = new ArrayList<>();
            client.listTransferConfigs(request).iterateAll().forEach(configs::add);
            return configs;
        });
    }

    /** One config with its owner (only a get reports who it runs as). */
    TransferConfig get(String name) {
        return steps.call("reading scheduled query " + name, () -> client.getTransferConfig(name));
    }

    TransferConfig create(Desired desired) {
        return steps.call(
                "creating scheduled query '" + desired.displayName() + "'",
                () -> find(desired.displayName()).orElseGet(() -> {
                    CreateTransferConfigRequest.Builder request = CreateTransferConfigRequest.newBuilder()
                            .setParent(settings.transferParent())
                            .setTransferConfig(config(desired));
                    // on the request, not in params nor on the config: the only place the API reads it from
                    desired.serviceAccount().ifPresent(request::setServiceAccountName);
                    return client.createTransferConfig(request.build());
                }));
    }

    private Optional<TransferConfig> find(String displayName) {
        return list().stream()
                .filter(c -> c.getDisplayName().equals(displayName))
                .findFirst();
    }

    /** Sends only the fields that differ, named in the update mask; nothing when none does. */
    TransferConfig update(TransferConfig current, Desired desired) {
        List<String> changed = differences(current, desired);
        if (changed.isEmpty()) {
            return current;
        }
        TransferConfig.Builder config = TransferConfig.newBuilder().setName(current.getName());
        UpdateTransferConfigRequest.Builder request = UpdateTransferConfigRequest.newBuilder();
        for (String field : changed) {
            switch (field) {
                case "display_name" -> config.setDisplayName(desired.displayName());
                case "params" -> config.setParams(params(desired.query()));
                case "schedule" -> config.setSchedule(desired.schedule());
                case "service_account_name" ->
                    request.setServiceAccountName(desired.serviceAccount().orElseThrow());
                default -> throw new IllegalStateException(field);
            }
        }
        request.setTransferConfig(config).setUpdateMask(FieldMask.newBuilder().addAllPaths(changed));
        // an update sends the same fields again on retry: repeating it is harmless
        return steps.call(
                "updating scheduled query '" + desired.displayName() + "'",
                () -> client.updateTransferConfig(request.build()));
    }

    /** The fields of {@code current} that differ from {@code desired}, by their update-mask names. */
    static List<String> differences(TransferConfig current, Desired desired) {
        List<String> changed = new ArrayList<>();
        if (!current.getDisplayName().equals(desired.displayName())) {
            changed.add("display_name");
        }
        if (!query(current).equals(desired.query())) {
            changed.add("params");
        }
        if (!current.getSchedule().equals(desired.schedule())) {
            changed.add("schedule");
        }
        if (desired.serviceAccount().isPresent()
                && current.hasOwnerInfo()
                && !current.getOwnerInfo()
                        .getEmail()
                        .equals(desired.serviceAccount().get())) {
            changed.add("service_account_name");
        }
        return changed;
    }

    static String query(TransferConfig config) {
        Value query = config.getParams().getFieldsMap().get("query");
        return query == null ? "" : query.getStringValue();
    }

    /**
     * Whether the config has run successfully since it was last changed: an apply that stopped
     * after creating or updating it but before its run finished leaves tables unfilled, and a
     * failed scheduled run leaves them stale.
     */
    boolean ranSinceChanged(TransferConfig config) {
        ListTransferRunsRequest request = ListTransferRunsRequest.newBuilder()
                .setParent(config.getName())
                .addStates(TransferState.SUCCEEDED)
                .build();
        long changed = config.getUpdateTime().getSeconds();
        return steps.call("listing the runs of '" + config.getDisplayName() + "'", () -> {
            for (TransferRun run : client.listTransferRuns(request).iterateAll()) {
                if (run.getUpdateTime().getSeconds() >= changed) {
                    return true;
                }
            }
            return false;
        });
    }

    /** The config's most recent run by run time, whatever its state; empty if it never ran. */
    Optional<TransferRun> latestRun(TransferConfig config) {
        ListTransferRunsRequest request =
                ListTransferRunsRequest.newBuilder().setParent(config.getName()).build();
        return steps.call("listing the runs of '" + config.getDisplayName() + "'", () -> {
            TransferRun latest = null;
            for (TransferRun run : client.listTransferRuns(request).iterateAll()) {
                if (latest == null
                        || run.getRunTime().getSeconds() > latest.getRunTime().getSeconds()
                        || (run.getRunTime().getSeconds() == latest.getRunTime().getSeconds()
                                && run.getUpdateTime().getSeconds()
                                        > latest.getUpdateTime().getSeconds())) {
                    latest = run;
                }
            }
            return Optional.ofNullable(latest);
        });
    }

    void delete(String name) {
        steps.run("deleting scheduled query " + name, () -> {
            try {
                client.deleteTransferConfig(name);
            } catch (NotFoundException alreadyGone) {
                // deleted by an attempt whose answer was lost, or by hand: the goal is reached
            }
        });
    }

    /**
     * Starts one run now and waits for it, polling with backoff up to the run timeout, so the
     * tables are filled before anything reads them.
     *
     * @throws ApplyException when the run fails, is cancelled or does not finish in time
     */
    void runAndWait(TransferConfig config) {
        Instant now = clock.instant();
        StartManualTransferRunsRequest request = StartManualTransferRunsRequest.newBuilder()
                .setParent(config.getName())
                .setRequestedRunTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()))
                .build();
        StartManualTransferRunsResponse started = steps.call(
                "starting a run of '" + config.getDisplayName() + "'", () -> client.startManualTransferRuns(request));
        Instant deadline = now.plus(settings.runTimeout());
        for (TransferRun run : started.getRunsList()) {
            TransferRun current = run;
            for (int poll = 1; !finished(current.getState()); poll++) {
                if (clock.instant().isAfter(deadline)) {
                    throw failed(
                            config,
                            "did not finish within " + settings.runTimeout() + " (run " + run.getName() + " is "
                                    + current.getState() + ")");
                }
                steps.retry().pause(pollDelay(poll));
                String name = run.getName();
                current = steps.call("polling run " + name, () -> client.getTransferRun(name));
            }
            if (current.getState() != TransferState.SUCCEEDED) {
                throw failed(
                        config,
                        current.getState()
                                + (current.hasErrorStatus()
                                        ? ": " + current.getErrorStatus().getMessage()
                                        : ""));
            }
        }
    }

    /** 1 s doubling to 30 s: quick for short refreshes, few calls for long ones. */
    private static Duration pollDelay(int poll) {
        return Duration.ofSeconds(Math.min(30, 1L << Math.min(poll - 1, 5)));
    }

    private static boolean finished(TransferState state) {
        return state == TransferState.SUCCEEDED || state == TransferState.FAILED || state == TransferState.CANCELLED;
    }

    private static ApplyException failed(TransferConfig config, String why) {
        return new ApplyException(
                config.getDisplayName(),
                "the run of scheduled query '" + config.getDisplayName() + "' (" + config.getName() + ") " + why,
                "see the run in the BigQuery console (Scheduled queries); a failed run leaves the tables as they"
                        + " were. Fix the cause, then apply again: the plan repairs what is missing");
    }

    private TransferConfig config(Desired desired) {
        return TransferConfig.newBuilder()
                .setDisplayName(desired.displayName())
                .setDataSourceId(DATA_SOURCE)
                .setSchedule(desired.schedule())
                .setParams(params(desired.query()))
                .build();
    }

    /** Only {@code query}: a script writes its own tables, so no destination table template. */
    private static Struct params(String query) {
        return Struct.newBuilder()
                .putFields("query", Value.newBuilder().setStringValue(query).build())
                .build();
    }
}

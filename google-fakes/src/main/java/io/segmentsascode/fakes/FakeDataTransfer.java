package io.segmentsascode.fakes;

import com.google.cloud.bigquery.datatransfer.v1.CreateTransferConfigRequest;
import com.google.cloud.bigquery.datatransfer.v1.DataTransferServiceGrpc;
import com.google.cloud.bigquery.datatransfer.v1.DeleteTransferConfigRequest;
import com.google.cloud.bigquery.datatransfer.v1.DeleteTransferRunRequest;
import com.google.cloud.bigquery.datatransfer.v1.GetTransferConfigRequest;
import com.google.cloud.bigquery.datatransfer.v1.GetTransferRunRequest;
import com.google.cloud.bigquery.datatransfer.v1.ListTransferConfigsRequest;
import com.google.cloud.bigquery.datatransfer.v1.ListTransferConfigsResponse;
import com.google.cloud.bigquery.datatransfer.v1.ListTransferRunsRequest;
import com.google.cloud.bigquery.datatransfer.v1.ListTransferRunsResponse;
import com.google.cloud.bigquery.datatransfer.v1.StartManualTransferRunsRequest;
import com.google.cloud.bigquery.datatransfer.v1.StartManualTransferRunsResponse;
import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.cloud.bigquery.datatransfer.v1.TransferRun;
import com.google.cloud.bigquery.datatransfer.v1.TransferState;
import com.google.cloud.bigquery.datatransfer.v1.UpdateTransferConfigRequest;
import com.google.cloud.bigquery.datatransfer.v1.UserInfo;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.Empty;
import com.google.protobuf.FieldMask;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import com.google.protobuf.util.FieldMaskUtil;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Code;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of the BigQuery Data Transfer Service gRPC API (v1) on 127.0.0.1 (plaintext) and/or in-process, for
 * google-cloud-bigquerydatatransfer's {@code DataTransferServiceClient}. Methods (names used by {@link Faults} and
 * {@link CallLog}): CreateTransferConfig, GetTransferConfig, UpdateTransferConfig, DeleteTransferConfig,
 * ListTransferConfigs, StartManualTransferRuns, GetTransferRun, ListTransferRuns, DeleteTransferRun. Mutating:
 * Create/Update/DeleteTransferConfig, StartManualTransferRuns, DeleteTransferRun. Other RPCs answer UNIMPLEMENTED.
 */
public final class FakeDataTransfer extends DataTransferServiceGrpc.DataTransferServiceImplBase
        implements AutoCloseable {
    public static final String API = "datatransfer";
    private static final Pattern PARENT = Pattern.compile("^projects/([^/]+)(?:/locations/([^/]+))?$");
    private static final Pattern CONFIG =
            Pattern.compile("^projects/([^/]+)(?:/locations/([^/]+))?/transferConfigs/([^/]+)$");
    private static final Pattern RUN =
            Pattern.compile("^(projects/[^/]+(?:/locations/[^/]+)?/transferConfigs/[^/]+)/runs/([^/]+)$");
    /** Fields UpdateTransferConfig accepts in its mask (REST and proto spellings). */
    private static final Set<String> UPDATABLE = Set.of(
            "display_name",
            "destination_dataset_id",
            "params",
            "schedule",
            "schedule_options",
            "schedule_options_v2",
            "disabled",
            "notification_pubsub_topic",
            "email_preferences",
            "data_refresh_window_days",
            "encryption_configuration",
            "service_account_name");

    private static final JsonFormat.Printer JSON = JsonFormat.printer().omittingInsignificantWhitespace();

    private final CallLog log;
    private final Faults faults;
    /** name -> config, in creation order. */
    private final Map<String, TransferConfig> configs = new LinkedHashMap<>();
    /** name -> the service account the last create/update request set ("" when none: the caller's credentials). */
    private final Map<String, String> serviceAccounts = new HashMap<>();

    private final Map<String, TransferRun> runs = new LinkedHashMap<>();
    private final Map<String, Integer> runPolls = new HashMap<>();
    private final List<FieldMask> updateMasks = new ArrayList<>();
    private final Map<String, Set<String>> allowedParams = new HashMap<>(Map.of(
            "scheduled_query",
            Set.of("query", "destination_table_name_template", "write_disposition", "partitioning_field")));
    private final Map<String, RunOutcome> nextOutcomes = new HashMap<>();
    private RunOutcome defaultOutcome = RunOutcome.succeeded();
    private int pollsBeforeDone = 1;
    private RunExecutor runExecutor;
    private String callerEmail = "fake-caller@example.com";
    private long counter;
    private long clock = 1_764_806_400L; // seconds; 2025-12-04T00:00:00Z, advanced by each change
    private Server netty;
    private Server inProcess;

    /** Runs a transfer run's query when it succeeds (wired to {@link FakeBigQuery} by {@link GoogleFakes}). */
    @FunctionalInterface
    public interface RunExecutor {
        /** Throw to fail the run; the exception's message becomes the run's error_status message. */
        void execute(TransferConfig config, TransferRun run) throws Exception;
    }

    /** What a run ends in when it is next polled. */
    public record RunOutcome(TransferState state, Code errorCode, String errorMessage) {
        public static RunOutcome succeeded() {
            return new RunOutcome(TransferState.SUCCEEDED, null, null);
        }

        public static RunOutcome failed(Code code, String message) {
            return new RunOutcome(TransferState.FAILED, code, message);
        }
    }

    public FakeDataTransfer() {
        this(new CallLog());
    }

    public FakeDataTransfer(CallLog log) {
        this(log, new Faults());
    }

    /** With a call log and faults shared with another fake (see {@link GoogleFakes}). */
    public FakeDataTransfer(CallLog log, Faults faults) {
        this.log = log;
        this.faults = faults;
    }

    /** Starts a plaintext HTTP/2 server on 127.0.0.1:{@code port} (0 = any free port). */
    public FakeDataTransfer start(int port) throws IOException {
        netty = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
                .addService(this)
                .build()
                .start();
        return this;
    }

    /** Also (or only) serves in-process under {@code name} (InProcessChannelBuilder.forName(name)). */
    public FakeDataTransfer startInProcess(String name) throws IOException {
        inProcess = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(this)
                .build()
                .start();
        return this;
    }

    public int port() {
        return netty.getPort();
    }

    /** What to pass to {@code InstantiatingGrpcChannelProvider.Builder.setEndpoint} (with usePlaintext): 127.0.0.1:PORT. */
    public String endpoint() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() throws InterruptedException {
        for (Server s : new Server[] {netty, inProcess}) {
            if (s != null) {
                s.shutdownNow();
                s.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    // ---- inspection, set-up, drift

    public Faults faults() {
        return faults;
    }

    public CallLog log() {
        return log;
    }

    public List<CallRecord> calls() {
        return log.calls();
    }

    /** Every config, in creation order. */
    public synchronized List<TransferConfig> configs() {
        return List.copyOf(configs.values());
    }

    /** Configs whose name is under {@code projects/P/locations/L}. */
    public synchronized List<TransferConfig> configs(String parent) {
        return configs.values().stream()
                .filter(c -> c.getName().startsWith(parent + "/transferConfigs/"))
                .toList();
    }

    public synchronized Optional<TransferConfig> config(String name) {
        return Optional.ofNullable(configs.get(name));
    }

    /** The service account recorded from the last Create/Update request naming one ("" = the caller's own credentials). */
    public synchronized String serviceAccount(String configName) {
        return serviceAccounts.getOrDefault(configName, "");
    }

    /** Every update mask received, in order (also those of rejected updates). */
    public synchronized List<FieldMask> updateMasks() {
        return List.copyOf(updateMasks);
    }

    public synchronized List<TransferRun> runs() {
        return List.copyOf(runs.values());
    }

    public synchronized List<TransferRun> runs(String configName) {
        return runs.values().stream()
                .filter(r -> r.getName().startsWith(configName + "/runs/"))
                .toList();
    }

    /**
     * A run the scheduler started and finished on its own at {@code runTimeSeconds}, ending in {@code outcome}: how a
     * test makes a config's latest refresh fail (or succeed) between applies.
     */
    public synchronized TransferRun scheduledRun(String configName, long runTimeSeconds, RunOutcome outcome) {
        TransferConfig c = configs.get(configName);
        Timestamp at = Timestamp.newBuilder().setSeconds(runTimeSeconds).build();
        TransferRun.Builder run = TransferRun.newBuilder()
                .setName(configName + "/runs/" + id())
                .setScheduleTime(at)
                .setRunTime(at)
                .setUpdateTime(at)
                .setState(outcome.state())
                .setDataSourceId(c.getDataSourceId())
                .setParams(c.getParams())
                .setDestinationDatasetId(c.getDestinationDatasetId())
                .setSchedule(c.getSchedule());
        if (outcome.errorMessage() != null) {
            run.setErrorStatus(com.google.rpc.Status.newBuilder()
                    .setCode(outcome.errorCode().getNumber())
                    .setMessage(outcome.errorMessage()));
        }
        runs.put(run.getName(), run.build());
        return run.build();
    }

    /** Runs end in this outcome unless {@link #nextRunOutcome} chose another for a config. Default SUCCEEDED. */
    public synchronized void setDefaultRunOutcome(RunOutcome outcome) {
        this.defaultOutcome = outcome;
    }

    /** The next run started for {@code configName} (or, with {@code "*"}, for any config) ends in {@code outcome}. */
    public synchronized void nextRunOutcome(String configName, RunOutcome outcome) {
        nextOutcomes.put(configName, outcome);
    }

    /**
     * How many GetTransferRun calls see a new run unfinished: 1 (default) = the first Get already shows the final state
     * (Start answered PENDING); 3 = Get answers RUNNING, RUNNING, then the final state.
     */
    public synchronized void setPollsBeforeDone(int polls) {
        this.pollsBeforeDone = Math.max(1, polls);
    }

    public synchronized void setRunExecutor(RunExecutor executor) {
        this.runExecutor = executor;
    }

    /** The email owner_info reports for configs created without a service account. */
    public synchronized void setCallerEmail(String email) {
        this.callerEmail = email;
    }

    /**
     * Sets the fake's clock (epoch seconds) for update/start/end times from now on; it advances one second per change.
     * Default: 2025-12-04T00:00:00Z, so that outputs are the same on every run.
     */
    public synchronized void setClock(long epochSeconds) {
        clock = epochSeconds;
    }

    /** Drift helper: changes a config's query (params.query) behind the client's back. */
    public synchronized void driftQuery(String configName, String query) {
        TransferConfig c = require(configName);
        Struct params = c.getParams().toBuilder()
                .putFields("query", Value.newBuilder().setStringValue(query).build())
                .build();
        configs.put(
                configName, c.toBuilder().setParams(params).setUpdateTime(now()).build());
    }

    /** Drift helper: changes a config's schedule behind the client's back. */
    public synchronized void driftSchedule(String configName, String schedule) {
        TransferConfig c = require(configName);
        configs.put(
                configName,
                c.toBuilder().setSchedule(schedule).setUpdateTime(now()).build());
    }

    /** Drift helper: changes the service account (owner) a config runs as behind the client's back; "" = a user. */
    public synchronized void driftServiceAccount(String configName, String serviceAccount) {
        require(configName);
        serviceAccounts.put(configName, serviceAccount);
    }

    /** Drift helper: deletes a config (and its runs) behind the client's back, as someone in the console would. */
    public synchronized void driftDelete(String configName) {
        require(configName);
        configs.remove(configName);
        serviceAccounts.remove(configName);
        runs.keySet().removeIf(k -> k.startsWith(configName + "/runs/"));
    }

    /** Drift helper: any other change, e.g. {@code c -> c.toBuilder().setDisplayName("x").build()}. */
    public synchronized void drift(String configName, UnaryOperator<TransferConfig> change) {
        configs.put(
                configName,
                change.apply(require(configName)).toBuilder()
                        .setName(configName)
                        .build());
    }

    /** Adds a config directly (e.g. one "we do not manage"), bypassing the API and the call log. */
    public synchronized TransferConfig putConfig(String parent, TransferConfig config, String serviceAccount) {
        TransferConfig c = newConfig(parent, config);
        serviceAccounts.put(c.getName(), serviceAccount == null ? "" : serviceAccount);
        return c;
    }

    /**
     * Adds a finished run of a config directly (bypassing the API and the call log), as the scheduler would have run
     * it: {@code endEpochSeconds} is its schedule, run, start and end time; {@code errorMessage} (with a FAILED or
     * CANCELLED state) becomes its error_status. The config's state follows its newest run, as on the real service.
     */
    public synchronized TransferRun putRun(
            String configName, TransferState state, long endEpochSeconds, String errorMessage) {
        TransferConfig c = require(configName);
        Timestamp at = Timestamp.newBuilder().setSeconds(endEpochSeconds).build();
        TransferRun.Builder run = TransferRun.newBuilder()
                .setName(configName + "/runs/" + id())
                .setScheduleTime(at)
                .setRunTime(at)
                .setStartTime(at)
                .setEndTime(at)
                .setUpdateTime(at)
                .setState(state)
                .setDataSourceId(c.getDataSourceId())
                .setParams(c.getParams())
                .setDestinationDatasetId(c.getDestinationDatasetId())
                .setSchedule(c.getSchedule());
        if (errorMessage != null) {
            run.setErrorStatus(com.google.rpc.Status.newBuilder()
                    .setCode(Code.INTERNAL.getNumber())
                    .setMessage(errorMessage)
                    .build());
        }
        TransferRun done = run.build();
        runs.put(done.getName(), done);
        TransferConfig.Builder cb = c.toBuilder().setState(state);
        if (done.hasErrorStatus()) cb.setError(done.getErrorStatus());
        else cb.clearError();
        configs.put(configName, cb.build());
        return done;
    }

    public synchronized void reset() {
        configs.clear();
        serviceAccounts.clear();
        runs.clear();
        runPolls.clear();
        updateMasks.clear();
        nextOutcomes.clear();
        log.clear();
        faults.clear();
    }

    /** JSON of configs (with service accounts), runs and update masks, for {@code /_fake/state} and dumps. */
    public synchronized String stateJson() {
        StringBuilder sb = new StringBuilder("{\"transferConfigs\":[");
        boolean first = true;
        for (TransferConfig c : configs.values()) {
            sb.append(first ? "" : ",")
                    .append("{\"serviceAccountName\":")
                    .append(new JsonPrimitive(serviceAccount(c.getName())))
                    .append(",\"config\":")
                    .append(print(c))
                    .append('}');
            first = false;
        }
        sb.append("],\"runs\":[");
        first = true;
        for (TransferRun r : runs.values()) {
            sb.append(first ? "" : ",").append(print(r));
            first = false;
        }
        sb.append("],\"updateMasks\":[");
        first = true;
        for (FieldMask m : updateMasks) {
            sb.append(first ? "" : ",")
                    .append('"')
                    .append(String.join(",", m.getPathsList()))
                    .append('"');
            first = false;
        }
        return sb.append("]}").toString();
    }

    // ---- RPCs

    @Override
    public void createTransferConfig(CreateTransferConfigRequest req, StreamObserver<TransferConfig> out) {
        handle("CreateTransferConfig", req.getParent(), req, true, out, () -> {
            Matcher p = PARENT.matcher(req.getParent());
            if (!p.matches())
                throw invalid("parent must be projects/{project}/locations/{location}: '" + req.getParent() + "'");
            TransferConfig tc = req.getTransferConfig();
            if (tc.getDataSourceId().isEmpty()) throw invalid("Data source id is required");
            if (tc.getDisplayName().isEmpty()) throw invalid("Transfer config display name is required");
            checkParams(tc);
            if (!tc.getName().isEmpty())
                throw invalid("Transfer config name must be empty on create; the service assigns it");
            String parent = p.group(2) == null ? "projects/" + p.group(1) + "/locations/us" : req.getParent();
            TransferConfig c = newConfig(parent, tc);
            serviceAccounts.put(c.getName(), req.getServiceAccountName());
            return c; // owner_info only on GetTransferConfig, as documented on the field
        });
    }

    @Override
    public void getTransferConfig(GetTransferConfigRequest req, StreamObserver<TransferConfig> out) {
        handle("GetTransferConfig", req.getName(), req, false, out, () -> withOwner(require(req.getName())));
    }

    @Override
    public void updateTransferConfig(UpdateTransferConfigRequest req, StreamObserver<TransferConfig> out) {
        String name = req.getTransferConfig().getName();
        handle("UpdateTransferConfig", name, req, true, out, () -> {
            updateMasks.add(req.getUpdateMask());
            TransferConfig current = require(name);
            if (req.getUpdateMask().getPathsCount() == 0)
                throw invalid("The update_mask field is required and must name at least one field");
            for (String path : req.getUpdateMask().getPathsList()) {
                if (!UPDATABLE.contains(snake(path))) throw invalid("Invalid field in update_mask: " + path);
            }
            List<String> protoPaths = new ArrayList<>();
            boolean sa = false;
            for (String path : req.getUpdateMask().getPathsList()) {
                if (snake(path).equals("service_account_name")) sa = true;
                else protoPaths.add(snake(path));
            }
            TransferConfig.Builder b = current.toBuilder();
            if (!protoPaths.isEmpty()) {
                FieldMaskUtil.merge(
                        FieldMask.newBuilder().addAllPaths(protoPaths).build(),
                        req.getTransferConfig(),
                        b,
                        new FieldMaskUtil.MergeOptions()
                                .setReplaceMessageFields(true)
                                .setReplaceRepeatedFields(true)
                                .setReplacePrimitiveFields(true));
            }
            if (sa) serviceAccounts.put(name, req.getServiceAccountName());
            TransferConfig updated = b.setName(name).setUpdateTime(now()).build();
            checkParams(updated);
            configs.put(name, updated);
            return updated;
        });
    }

    @Override
    public void deleteTransferConfig(DeleteTransferConfigRequest req, StreamObserver<Empty> out) {
        handle("DeleteTransferConfig", req.getName(), req, true, out, () -> {
            require(req.getName());
            configs.remove(req.getName());
            serviceAccounts.remove(req.getName());
            runs.keySet().removeIf(k -> k.startsWith(req.getName() + "/runs/"));
            return Empty.getDefaultInstance();
        });
    }

    @Override
    public void listTransferConfigs(ListTransferConfigsRequest req, StreamObserver<ListTransferConfigsResponse> out) {
        handle("ListTransferConfigs", req.getParent(), req, false, out, () -> {
            Matcher p = PARENT.matcher(req.getParent());
            if (!p.matches())
                throw invalid("parent must be projects/{project}/locations/{location}: '" + req.getParent() + "'");
            // without a location the real service answers one location only (python-bigquery-datatransfer#198): "us"
            // here
            String parent = p.group(2) == null ? "projects/" + p.group(1) + "/locations/us" : req.getParent();
            List<TransferConfig> all = configs(parent).stream()
                    .filter(c -> req.getDataSourceIdsCount() == 0
                            || req.getDataSourceIdsList().contains(c.getDataSourceId()))
                    .toList();
            Page<TransferConfig> page = page(all, req.getPageToken(), req.getPageSize());
            return ListTransferConfigsResponse.newBuilder()
                    .addAllTransferConfigs(page.items)
                    .setNextPageToken(page.next)
                    .build();
        });
    }

    @Override
    public void startManualTransferRuns(
            StartManualTransferRunsRequest req, StreamObserver<StartManualTransferRunsResponse> out) {
        handle("StartManualTransferRuns", req.getParent(), req, true, out, () -> {
            TransferConfig c = require(req.getParent());
            List<Timestamp> times = new ArrayList<>();
            if (req.hasRequestedRunTime()) {
                times.add(req.getRequestedRunTime());
            } else if (req.hasRequestedTimeRange()) {
                long start = req.getRequestedTimeRange().getStartTime().getSeconds();
                long end = req.getRequestedTimeRange().getEndTime().getSeconds();
                if (end <= start) throw invalid("requested_time_range: end_time must be after start_time");
                for (long t = start; t < end; t += 86_400)
                    times.add(Timestamp.newBuilder().setSeconds(t).build());
            } else {
                throw invalid("Either requested_time_range or requested_run_time must be set");
            }
            StartManualTransferRunsResponse.Builder resp = StartManualTransferRunsResponse.newBuilder();
            for (Timestamp t : times) {
                String name = c.getName() + "/runs/" + id();
                TransferRun run = TransferRun.newBuilder()
                        .setName(name)
                        .setScheduleTime(t)
                        .setRunTime(t)
                        .setUpdateTime(now())
                        .setState(TransferState.PENDING)
                        .setDataSourceId(c.getDataSourceId())
                        .setParams(c.getParams())
                        .setDestinationDatasetId(c.getDestinationDatasetId())
                        .setSchedule(c.getSchedule())
                        .build();
                runs.put(name, run);
                runPolls.put(name, 0);
                resp.addRuns(run);
            }
            configs.put(
                    c.getName(), c.toBuilder().setState(TransferState.PENDING).build());
            return resp.build();
        });
    }

    @Override
    public void getTransferRun(GetTransferRunRequest req, StreamObserver<TransferRun> out) {
        handle("GetTransferRun", req.getName(), req, false, out, () -> advance(req.getName()));
    }

    @Override
    public void listTransferRuns(ListTransferRunsRequest req, StreamObserver<ListTransferRunsResponse> out) {
        handle("ListTransferRuns", req.getParent(), req, false, out, () -> {
            require(req.getParent());
            List<TransferRun> all = runs(req.getParent()).stream()
                    .filter(r ->
                            req.getStatesCount() == 0 || req.getStatesList().contains(r.getState()))
                    .sorted(Comparator.comparing(
                                    (TransferRun r) -> r.getRunTime().getSeconds())
                            .reversed())
                    .toList();
            Page<TransferRun> page = page(all, req.getPageToken(), req.getPageSize());
            return ListTransferRunsResponse.newBuilder()
                    .addAllTransferRuns(page.items)
                    .setNextPageToken(page.next)
                    .build();
        });
    }

    @Override
    public void deleteTransferRun(DeleteTransferRunRequest req, StreamObserver<Empty> out) {
        handle("DeleteTransferRun", req.getName(), req, true, out, () -> {
            if (runs.remove(req.getName()) == null) throw notFound(req.getName());
            return Empty.getDefaultInstance();
        });
    }

    /**
     * Parameters each data source accepts; others fail as the real service does ("Data source definition doesn't define
     * this parameter Id", e.g. a service account put in params). Default for {@code scheduled_query}: query,
     * destination_table_name_template, write_disposition, partitioning_field. Data sources not listed are not checked.
     */
    public synchronized void setAllowedParams(String dataSourceId, Set<String> params) {
        allowedParams.put(dataSourceId, Set.copyOf(params));
    }

    // ---- internals

    private void checkParams(TransferConfig tc) {
        Set<String> allowed = allowedParams.get(tc.getDataSourceId());
        if (allowed != null) {
            for (String k : tc.getParams().getFieldsMap().keySet()) {
                if (!allowed.contains(k))
                    throw invalid("Data source definition doesn't define this parameter Id: " + k);
            }
        }
        if (tc.getDataSourceId().equals("scheduled_query") && !tc.getParams().containsFields("query")) {
            throw invalid("Missing required parameter: query");
        }
    }

    private TransferRun advance(String name) {
        TransferRun run = runs.get(name);
        if (run == null) throw notFound(name);
        if (run.getState() != TransferState.PENDING && run.getState() != TransferState.RUNNING) return run;
        int polls = runPolls.merge(name, 1, Integer::sum);
        if (polls < pollsBeforeDone) {
            run = run.toBuilder()
                    .setState(TransferState.RUNNING)
                    .setStartTime(now())
                    .setUpdateTime(now())
                    .build();
            runs.put(name, run);
            return run;
        }
        Matcher m = RUN.matcher(name);
        String configName = m.matches() ? m.group(1) : "";
        RunOutcome outcome = nextOutcomes.remove(configName);
        if (outcome == null) outcome = nextOutcomes.remove("*");
        if (outcome == null) outcome = defaultOutcome;
        TransferRun.Builder b = run.toBuilder().setUpdateTime(now()).setEndTime(now());
        if (!b.hasStartTime()) b.setStartTime(b.getEndTime());
        if (outcome.state() == TransferState.SUCCEEDED && runExecutor != null && configs.containsKey(configName)) {
            try {
                runExecutor.execute(configs.get(configName), run);
            } catch (Exception e) {
                outcome = RunOutcome.failed(Code.INVALID_ARGUMENT, "Query error: " + e.getMessage());
            }
        }
        b.setState(outcome.state());
        if (outcome.errorCode() != null) {
            b.setErrorStatus(com.google.rpc.Status.newBuilder()
                    .setCode(outcome.errorCode().getNumber())
                    .setMessage(outcome.errorMessage() == null ? "" : outcome.errorMessage())
                    .build());
        }
        TransferRun done = b.build();
        runs.put(name, done);
        TransferConfig c = configs.get(configName);
        if (c != null) {
            TransferConfig.Builder cb = c.toBuilder().setState(done.getState());
            if (done.hasErrorStatus()) cb.setError(done.getErrorStatus());
            else cb.clearError();
            configs.put(configName, cb.build());
        }
        return done;
    }

    private TransferConfig newConfig(String parent, TransferConfig tc) {
        Matcher p = PARENT.matcher(parent);
        String location = p.matches() && p.group(2) != null ? p.group(2) : "us";
        String name = parent + "/transferConfigs/" + id();
        Timestamp now = now();
        TransferConfig c = tc.toBuilder()
                .setName(name)
                .setUpdateTime(now)
                .setNextRunTime(Timestamp.newBuilder()
                        .setSeconds(now.getSeconds() + 3600)
                        .build())
                .setState(tc.getDisabled() ? TransferState.TRANSFER_STATE_UNSPECIFIED : TransferState.PENDING)
                .setDatasetRegion(location)
                .setUserId(Math.abs(name.hashCode()))
                .clearOwnerInfo()
                .build();
        configs.put(name, c);
        return c;
    }

    private TransferConfig withOwner(TransferConfig c) {
        String sa = serviceAccounts.getOrDefault(c.getName(), "");
        return c.toBuilder()
                .setOwnerInfo(UserInfo.newBuilder().setEmail(sa.isEmpty() ? callerEmail : sa))
                .build();
    }

    private TransferConfig require(String name) {
        TransferConfig c = configs.get(name);
        if (c == null) {
            if (!CONFIG.matcher(name).matches()) throw invalid("Invalid transfer config name: '" + name + "'");
            throw notFound(name);
        }
        return c;
    }

    private <T> void handle(
            String method, String target, Message req, boolean mutating, StreamObserver<T> out, Supplier<T> body) {
        Optional<Fault> fault = faults.before(method); // a scripted delay sleeps here, without holding the fake's lock
        T resp;
        synchronized (this) {
            if (fault.isPresent()) {
                log.add(
                        API,
                        method,
                        target,
                        print(req),
                        mutating,
                        fault.get().grpcCode().name(),
                        false);
                out.onError(Status.fromCode(fault.get().grpcCode())
                        .withDescription(fault.get().message())
                        .asRuntimeException());
                return;
            }
            try {
                resp = body.get();
            } catch (StatusRuntimeException e) {
                log.add(
                        API,
                        method,
                        target,
                        print(req),
                        mutating,
                        e.getStatus().getCode().name(),
                        false);
                out.onError(e);
                return;
            }
            if (mutating) faults.mutated();
            Optional<Fault> late = faults.after(method);
            if (late.isPresent()) {
                log.add(
                        API,
                        method,
                        target,
                        print(req),
                        mutating,
                        late.get().grpcCode().name() + " (applied)",
                        true);
                out.onError(Status.fromCode(late.get().grpcCode())
                        .withDescription(late.get().message())
                        .asRuntimeException());
                return;
            }
            log.add(API, method, target, print(req), mutating, "OK", true);
        }
        try {
            out.onNext(resp);
            out.onCompleted();
        } catch (RuntimeException e) {
            // the client gave up (deadline) or the fake was closed while a scripted delay slept: nobody to answer
        }
    }

    private record Page<T>(List<T> items, String next) {}

    private static <T> Page<T> page(List<T> all, String token, int size) {
        int from = token.isEmpty() ? 0 : Integer.parseInt(token);
        int n = size <= 0 ? 1000 : size;
        int to = Math.min(all.size(), from + n);
        return new Page<>(all.subList(Math.min(from, all.size()), to), to < all.size() ? Integer.toString(to) : "");
    }

    private String id() {
        counter++;
        return String.format("%08x-0000-4000-8000-%012x", 0x5e9e0000 + counter, counter);
    }

    private Timestamp now() {
        clock += 1;
        return Timestamp.newBuilder().setSeconds(clock).build();
    }

    /** The run's run_time as yyyyMMdd (UTC), what {run_date} becomes in destination_table_name_template. */
    static String runDate(TransferRun run) {
        return LocalDate.ofInstant(Instant.ofEpochSecond(run.getRunTime().getSeconds()), ZoneOffset.UTC)
                .format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    private static String snake(String path) {
        return path.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static StatusRuntimeException invalid(String message) {
        return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
    }

    private static StatusRuntimeException notFound(String name) {
        return Status.NOT_FOUND
                .withDescription("Requested entity was not found: " + name)
                .asRuntimeException();
    }

    static String print(Message m) {
        try {
            return JSON.print(m);
        } catch (InvalidProtocolBufferException e) {
            return m.toString();
        }
    }
}

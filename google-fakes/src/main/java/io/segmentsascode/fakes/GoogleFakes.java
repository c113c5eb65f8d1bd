package io.segmentsascode.fakes;

import com.google.cloud.bigquery.datatransfer.v1.TransferConfig;
import com.google.cloud.bigquery.datatransfer.v1.TransferRun;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Both fakes, wired together: a DTS run that succeeds hands the config's {@code params.query} to FakeBigQuery's
 * query engine and creates {@code destination_dataset_id.destination_table_name_template} (with {@code {run_date}}
 * replaced), so the tables a scheduled query makes exist afterwards. Both fakes share one {@link CallLog} and one
 * {@link Faults}.
 *
 * <p>By hand: {@code mvn -q -pl google-fakes compile exec:java} (see google-fakes/README.md). Options, as
 * {@code --name=value} arguments or {@code -Dfakes.name=value}: {@code bigquery.port} (default 9050),
 * {@code datatransfer.port} (9051), {@code datamanager.port} (9052), {@code googleads.port} (9053), {@code project} (fake-project), {@code datasets} (comma-separated
 * {@code project.dataset} to create), {@code seed} (a JSON file, see {@link FakeBigQuery#seed}).
 */
public final class GoogleFakes implements AutoCloseable {
    private final CallLog log = new CallLog();
    private final Faults faults = new Faults();
    private final FakeBigQuery bigQuery = new FakeBigQuery(log, faults);
    private final FakeDataTransfer dataTransfer = new FakeDataTransfer(log, faults);
    private final FakeDataManager dataManager = new FakeDataManager(log, faults);
    private final FakeGoogleAds googleAds = new FakeGoogleAds(log, faults);

    /** Starts both on 127.0.0.1 (0 = any free port), sharing one call log, DTS runs executed by the BigQuery fake. */
    public static GoogleFakes start(int bigQueryPort, int dataTransferPort) throws IOException {
        return start(bigQueryPort, dataTransferPort, 0);
    }

    /** Also the Data Manager fake, on {@code dataManagerPort}, sharing the call log and faults. */
    public static GoogleFakes start(int bigQueryPort, int dataTransferPort, int dataManagerPort) throws IOException {
        return start(bigQueryPort, dataTransferPort, dataManagerPort, 0);
    }

    public FakeBigQuery bigQuery() {
        return bigQuery;
    }

    public FakeDataTransfer dataTransfer() {
        return dataTransfer;
    }

    public FakeDataManager dataManager() {
        return dataManager;
    }

    public FakeGoogleAds googleAds() {
        return googleAds;
    }

    /** Also the Google Ads fake, on {@code googleAdsPort}, sharing the call log and faults. */
    public static GoogleFakes start(int bigQueryPort, int dataTransferPort, int dataManagerPort, int googleAdsPort)
            throws IOException {
        GoogleFakes f = new GoogleFakes();
        f.googleAds.start(googleAdsPort);
        f.dataManager.start(dataManagerPort);
        // one Google Ads account reached through two APIs: a list made through either is seen by both
        f.googleAds.shareListsWith(f.dataManager);
        f.dataManager.shareListsWith(f.googleAds);
        f.bigQuery.start(bigQueryPort);
        f.dataTransfer.start(dataTransferPort);
        f.dataTransfer.setRunExecutor(f::executeRun);
        f.bigQuery.setExtraState("datatransfer", () -> JsonParser.parseString(f.dataTransfer.stateJson()));
        f.bigQuery.onReset(f.dataTransfer::reset);
        return f;
    }

    /**
     * The faults both fakes share: method names do not overlap ({@code tables.insert} vs {@code CreateTransferConfig}),
     * {@code "*"} matches calls to either, and {@code crashAfterMutations(k)} counts mutations on both APIs together —
     * a process dying mid-apply after k changes, wherever they went.
     */
    public Faults faults() {
        return faults;
    }

    /** Calls to both fakes, interleaved in arrival order. */
    public CallLog log() {
        return log;
    }

    /** Executes a scheduled query run on the BigQuery fake (public so that tests can wire custom combinations). */
    public void executeRun(TransferConfig config, TransferRun run) {
        String project = config.getName().split("/")[1];
        var params = config.getParams().getFieldsMap();
        String query = params.containsKey("query") ? params.get("query").getStringValue() : null;
        if (query == null) return;
        String destination = null;
        if (params.containsKey("destination_table_name_template")
                && !config.getDestinationDatasetId().isEmpty()) {
            String table = params.get("destination_table_name_template")
                    .getStringValue()
                    .replace("{run_date}", FakeDataTransfer.runDate(run))
                    .replaceAll("\\{[^}]*}", "");
            destination = project + "." + config.getDestinationDatasetId() + "." + table;
        }
        String write = params.containsKey("write_disposition")
                ? params.get("write_disposition").getStringValue()
                : "WRITE_TRUNCATE";
        bigQuery.runAsTransfer(project, query, destination, write);
    }

    /** One JSON document: BigQuery datasets, tables, jobs and dry runs; DTS configs, runs and masks; every call. */
    public String stateJson() {
        JsonObject o = bigQuery.stateJson(); // datasets, tables, jobs, and (added in start) "datatransfer"
        o.add("calls", new GsonBuilder().create().toJsonTree(log.calls()));
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(o);
    }

    @Override
    public void close() throws InterruptedException {
        bigQuery.close();
        dataTransfer.close();
        dataManager.close();
        googleAds.close();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>();
        for (String a : args) {
            if (a.startsWith("--") && a.contains("="))
                opt.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        int bqPort = Integer.parseInt(option(opt, "bigquery.port", "9050"));
        int dtsPort = Integer.parseInt(option(opt, "datatransfer.port", "9051"));
        String project = option(opt, "project", "fake-project");
        int dataManagerPort = Integer.parseInt(option(opt, "datamanager.port", "9052"));
        int googleAdsPort = Integer.parseInt(option(opt, "googleads.port", "9053"));
        GoogleFakes f = start(bqPort, dtsPort, dataManagerPort, googleAdsPort);
        // run by hand, the fakes keep the wall clock (tests keep the fixed default): a plan's refresh ages
        // then read as they would against Google
        f.bigQuery.state().useWallClock();
        f.dataTransfer.setClock(System.currentTimeMillis() / 1000);
        String datasets = option(opt, "datasets", "");
        for (String d : datasets.split(","))
            if (!d.isBlank()) f.bigQuery.state().addDataset(d.strip());
        String seed = option(opt, "seed", "");
        if (!seed.isBlank())
            f.bigQuery.seed(
                    JsonParser.parseString(Files.readString(Path.of(seed))).getAsJsonObject());

        PrintStream out = System.out;
        out.println("Google fakes running (Ctrl-C or 'q' to stop; state is dumped at exit)");
        out.println("  BigQuery REST v2      " + f.bigQuery.endpoint() + "   (state of both: GET "
                + f.bigQuery.endpoint() + "/_fake/state)");
        out.println("  Data Transfer gRPC    " + f.dataTransfer.endpoint() + "   (plaintext)");
        out.println("  Data Manager REST v1  " + f.dataManager.endpoint());
        out.println("  Google Ads gRPC v23   " + f.googleAds.endpoint() + "   (plaintext; needs developer-token and"
                + " login-customer-id)");
        out.println("  project               " + project);
        out.println("Pass to segments (BigQuery target against the fakes):");
        out.println("  -Dsegments.target=bigquery -Dsegments.bigqueryProject=" + project
                + " -Dsegments.bigqueryEndpoint=" + f.bigQuery.endpoint()
                + " -Dsegments.dataTransferEndpoint=" + f.dataTransfer.endpoint()
                + " -Dsegments.googleCredentials=none");
        out.println("Audiences through the Data Manager fake: -Dsegments.audiences=datamanager"
                + " -Dsegments.dataManagerEndpoint=" + f.dataManager.endpoint());
        out.println(
                "Audiences through the Google Ads fake: -Dsegments.audiences=google-ads -Dsegments.googleAdsEndpoint="
                        + f.googleAds.endpoint() + " -Dsegments.googleCredentials=none"
                        + " with GOOGLE_ADS_DEVELOPER_TOKEN=any GOOGLE_ADS_LOGIN_CUSTOMER_ID=1234567890");
        out.println("Commands on stdin: s = print state, c = print calls, r = reset, q = quit");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println(f.stateJson());
            System.out.flush();
        }));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            switch (line.strip()) {
                case "s" -> out.println(f.stateJson());
                case "c" ->
                    f.log.calls()
                            .forEach(c -> out.println(c.seq() + " " + c.api() + " " + c.method() + " " + c.target()
                                    + " " + (c.mutating() ? "MUTATING " : "") + c.outcome() + " " + c.request()));
                case "r" -> {
                    f.bigQuery.reset();
                    f.dataTransfer.reset();
                    f.googleAds.reset();
                    out.println("reset");
                }
                case "q" -> System.exit(0);
                default -> {}
            }
            out.flush();
        }
        Thread.currentThread().join(); // stdin closed (e.g. started in the background): run until killed
    }

    private static String option(Map<String, String> opt, String name, String def) {
        return opt.getOrDefault(name, System.getProperty("fakes." + name, def));
    }
}

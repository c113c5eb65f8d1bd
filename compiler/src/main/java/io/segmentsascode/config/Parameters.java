package io.segmentsascode.config;

import java.util.List;
import java.util.Locale;

/**
 * The tool's parameter names, defined once. Each is a Maven {@code -D} property and pom
 * {@code <configuration>} name alike, and an environment variable {@code SEGMENTS_<UPPER_SNAKE>}.
 */
public final class Parameters {

    public static final String DIR = "segments.dir";
    public static final String CAMPAIGNS_DIR = "segments.campaignsDir";
    public static final String LOCK_FILE = "segments.lockFile";
    public static final String STATE_DIR = "segments.stateDir";
    public static final String SAMPLE_DATA = "segments.sampleData";
    public static final String SAMPLE_USERS = "segments.sampleUsers";
    public static final String SAMPLE_SEED = "segments.sampleSeed";
    public static final String AS_OF = "segments.asOf";
    public static final String LOCKED = "segments.locked";
    public static final String BASE = "segments.base";
    public static final String TARGET = "segments.target";
    public static final String AUDIENCES = "segments.audiences";
    public static final String PLAN = "segments.plan";
    public static final String PRUNE = "segments.prune";
    public static final String OVERLAP_THRESHOLD = "segments.overlapThreshold";
    public static final String MIN_AUDIENCE = "segments.minAudience";
    public static final String CONFIDENCE = "segments.confidence";
    public static final String PHONE_REGION = "segments.phoneRegion";
    public static final String MODEL = "segments.model";
    public static final String PIN_FROM = "segments.pinFrom";
    /** segments:new: what to scaffold, and its id. */
    public static final String KIND = "segments.kind";

    public static final String ID = "segments.id";

    public static final String BIGQUERY_PROJECT = "segments.bigqueryProject";
    public static final String BIGQUERY_ENDPOINT = "segments.bigqueryEndpoint";
    public static final String DATA_TRANSFER_ENDPOINT = "segments.dataTransferEndpoint";
    public static final String GOOGLE_CREDENTIALS = "segments.googleCredentials";
    public static final String SERVICE_ACCOUNT = "segments.serviceAccount";
    public static final String MAXIMUM_BYTES_BILLED = "segments.maximumBytesBilled";
    /** Price per TiB the plan's cost estimate uses (BigQuery on-demand list price by default). */
    public static final String PRICE_PER_TIB = "segments.pricePerTib";
    /** How long apply waits for a refresh run it started. */
    public static final String RUN_TIMEOUT = "segments.runTimeout";
    /** The Google Ads API endpoint ({@code host:port}); a loopback one (the fake) is spoken to in plaintext. */
    public static final String GOOGLE_ADS_ENDPOINT = "segments.googleAdsEndpoint";
    /** The Data Manager API endpoint of the {@code datamanager} audiences (a fake's); unset means Google's. */
    public static final String DATA_MANAGER_ENDPOINT = "segments.dataManagerEndpoint";

    public static final String DEFAULT_DIR = "segments";
    public static final String DEFAULT_CAMPAIGNS_DIR = "campaigns";
    public static final String DEFAULT_LOCK_FILE = "segments.lock";
    public static final String DEFAULT_STATE_DIR = ".segments";
    public static final int DEFAULT_SAMPLE_USERS = 20_000;
    public static final long DEFAULT_SAMPLE_SEED = 42;
    public static final String DEFAULT_TARGET = "local";
    public static final String DEFAULT_AUDIENCES = "files";
    public static final double DEFAULT_OVERLAP_THRESHOLD = 0.5;
    public static final long DEFAULT_MIN_AUDIENCE = 1_000;
    /** B wins in {@code segments:evaluate} where it beats A at this confidence (promotion gates declare their own). */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    public static final String DEFAULT_PHONE_REGION = "US";
    /** The default model is part of every generation key: changing it makes every intent pin stale. */
    public static final String DEFAULT_MODEL = "gemini-2.5-flash";
    /** Application Default Credentials; {@code none} is for local endpoints (the fakes) only. */
    public static final String DEFAULT_GOOGLE_CREDENTIALS = "adc";
    /** 100 GiB: a refresh of a large events table fits, a runaway cross join does not. */
    public static final long DEFAULT_MAXIMUM_BYTES_BILLED = 100L << 30;
    /** USD per TiB: BigQuery's on-demand list price (pricing page, "On-demand compute pricing"). */
    public static final String DEFAULT_PRICE_PER_TIB = "6.25";
    /** A refresh of a large events table finishes well within it; a stuck run does not hold apply forever. */
    public static final String DEFAULT_RUN_TIMEOUT = "PT1H";

    public static final List<String> ALL = List.of(
            DIR,
            CAMPAIGNS_DIR,
            LOCK_FILE,
            STATE_DIR,
            SAMPLE_DATA,
            SAMPLE_USERS,
            SAMPLE_SEED,
            AS_OF,
            LOCKED,
            BASE,
            TARGET,
            AUDIENCES,
            PLAN,
            PRUNE,
            OVERLAP_THRESHOLD,
            MIN_AUDIENCE,
            CONFIDENCE,
            PHONE_REGION,
            MODEL,
            PIN_FROM,
            KIND,
            ID,
            BIGQUERY_PROJECT,
            BIGQUERY_ENDPOINT,
            DATA_TRANSFER_ENDPOINT,
            GOOGLE_CREDENTIALS,
            SERVICE_ACCOUNT,
            MAXIMUM_BYTES_BILLED,
            PRICE_PER_TIB,
            RUN_TIMEOUT,
            GOOGLE_ADS_ENDPOINT,
            DATA_MANAGER_ENDPOINT);

    private Parameters() {}

    /** {@code segments.campaignsDir} → {@code SEGMENTS_CAMPAIGNS_DIR}. */
    public static String environmentVariable(String parameter) {
        String name = parameter.substring(parameter.indexOf('.') + 1);
        return "SEGMENTS_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }
}

package io.segmentsascode.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Diagnostic;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsResolverTest {

    static final Path BASE = Path.of("/work/project");
    static final Path OUTPUT = Path.of("/work/project/target/segments");

    static SegmentsSettings resolve(Map<String, String> explicit, Map<String, String> environment) {
        return new SettingsResolver(explicit, environment).resolve(BASE, OUTPUT);
    }

    static List<String> failures(Map<String, String> explicit, Map<String, String> environment) {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve(explicit, environment));
        return e.diagnostics().stream().map(Diagnostic::format).toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "segments.dir, SEGMENTS_DIR",
        "segments.campaignsDir, SEGMENTS_CAMPAIGNS_DIR",
        "segments.lockFile, SEGMENTS_LOCK_FILE",
        "segments.stateDir, SEGMENTS_STATE_DIR",
        "segments.sampleData, SEGMENTS_SAMPLE_DATA",
        "segments.sampleUsers, SEGMENTS_SAMPLE_USERS",
        "segments.asOf, SEGMENTS_AS_OF",
        "segments.locked, SEGMENTS_LOCKED",
    })
    void environmentVariableNamesAreUpperSnakeCase(String parameter, String variable) {
        assertEquals(variable, Parameters.environmentVariable(parameter));
    }

    @Test
    void everyParameterHasADistinctEnvironmentVariable() {
        assertEquals(
                Parameters.ALL.size(),
                Parameters.ALL.stream()
                        .map(Parameters::environmentVariable)
                        .distinct()
                        .count());
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        SegmentsSettings settings = resolve(Map.of(), Map.of());
        assertEquals(BASE.resolve("segments"), settings.segmentsDir());
        assertEquals(BASE.resolve("campaigns"), settings.campaignsDir());
        assertEquals(BASE.resolve("segments.lock"), settings.lockFile());
        assertEquals(BASE.resolve(".segments"), settings.stateDir());
        assertEquals(OUTPUT, settings.outputDir());
        assertEquals(Optional.empty(), settings.sampleData());
        assertEquals(20_000, settings.sampleUsers());
        assertEquals(42, settings.sampleSeed());
        assertEquals(Optional.empty(), settings.asOf());
        assertFalse(settings.locked());
    }

    @Test
    void theWarehouseTargetAndTheAudienceDestinationAreChosenApart() {
        SegmentsSettings defaults = resolve(Map.of(), Map.of());
        assertEquals("local", defaults.target());
        assertEquals("files", defaults.audiences());
        assertEquals(
                "files",
                resolve(Map.of(), Map.of("SEGMENTS_AUDIENCES", "files")).audiences());
    }

    @Test
    void theDataManagerDestinationCanBeChosen() {
        assertEquals(
                "datamanager",
                resolve(Map.of(Parameters.AUDIENCES, "datamanager"), Map.of()).audiences());
    }

    @Test
    void theGoogleAdsDestinationCanBeChosenWithItsOwnEndpoint() {
        SegmentsSettings settings = resolve(
                Map.of(Parameters.AUDIENCES, "google-ads", Parameters.GOOGLE_ADS_ENDPOINT, "127.0.0.1:9053"), Map.of());
        assertEquals("google-ads", settings.audiences());
        assertEquals(Optional.of("127.0.0.1:9053"), settings.google().googleAdsEndpoint());
        assertEquals(Optional.empty(), resolve(Map.of(), Map.of()).google().googleAdsEndpoint());
    }

    @Test
    void anAudienceDestinationThisReleaseLacksIsAnErrorOnItsParameter() {
        assertEquals(
                List.of("segments.audiences: error: audience destination 'facebook' is not available in this release "
                        + "(use -Dsegments.audiences=files (Customer Match upload files in the state folder))"),
                failures(Map.of(Parameters.AUDIENCES, "facebook"), Map.of()));
        assertEquals(
                List.of("segments.target: error: target 'snowflake' is not available in this release "
                        + "(use -Dsegments.target=local (the embedded warehouse))"),
                failures(Map.of(Parameters.TARGET, "snowflake"), Map.of()));
    }

    @Test
    void theBigQueryTargetReadsItsGoogleSettings() {
        SegmentsSettings settings = resolve(
                Map.of(
                        Parameters.TARGET, "bigquery",
                        Parameters.BIGQUERY_ENDPOINT, "http://127.0.0.1:9050",
                        Parameters.DATA_TRANSFER_ENDPOINT, "127.0.0.1:9051",
                        Parameters.GOOGLE_CREDENTIALS, "none"),
                Map.of("SEGMENTS_SERVICE_ACCOUNT", "runner@p.iam.gserviceaccount.com"));
        assertEquals("bigquery", settings.target());
        assertEquals(
                new SegmentsSettings.GoogleCloud(
                        Optional.empty(),
                        Optional.of("http://127.0.0.1:9050"),
                        Optional.of("127.0.0.1:9051"),
                        "none",
                        Optional.of("runner@p.iam.gserviceaccount.com"),
                        Parameters.DEFAULT_MAXIMUM_BYTES_BILLED),
                settings.google());
        assertEquals(
                List.of("segments.googleCredentials: error: credential source 'key.json' is not available in this"
                        + " release (use -Dsegments.googleCredentials=adc (Application Default Credentials))"),
                failures(Map.of(Parameters.GOOGLE_CREDENTIALS, "key.json"), Map.of()));
    }

    @Test
    void theDataManagerEndpointIsAParameterWithItsEnvironmentVariable() {
        assertEquals(Optional.empty(), resolve(Map.of(), Map.of()).google().dataManagerEndpoint(), "Google's");
        assertEquals(
                Optional.of("http://127.0.0.1:8090"),
                resolve(Map.of(Parameters.DATA_MANAGER_ENDPOINT, "http://127.0.0.1:8090"), Map.of())
                        .google()
                        .dataManagerEndpoint());
        assertEquals(
                Optional.of("http://127.0.0.1:8091"),
                resolve(Map.of(), Map.of("SEGMENTS_DATA_MANAGER_ENDPOINT", "http://127.0.0.1:8091"))
                        .google()
                        .dataManagerEndpoint());
        assertEquals(
                Optional.empty(),
                resolve(Map.of(), Map.of("SEGMENTS_DATAMANAGER_ENDPOINT", "http://127.0.0.1:8091"))
                        .google()
                        .dataManagerEndpoint(),
                "one way to set it: the former variable is not read");
    }

    @Test
    void explicitValueBeatsEnvironmentWhichBeatsDefault() {
        Map<String, String> env = Map.of("SEGMENTS_CAMPAIGNS_DIR", "from-env", "SEGMENTS_SAMPLE_USERS", "300");
        SegmentsSettings both =
                resolve(Map.of(Parameters.CAMPAIGNS_DIR, "explicit", Parameters.SAMPLE_USERS, "200"), env);
        assertEquals(BASE.resolve("explicit"), both.campaignsDir());
        assertEquals(200, both.sampleUsers());

        SegmentsSettings envOnly = resolve(Map.of(), env);
        assertEquals(BASE.resolve("from-env"), envOnly.campaignsDir());
        assertEquals(300, envOnly.sampleUsers());
        assertEquals(BASE.resolve("segments"), envOnly.segmentsDir(), "other parameters keep their defaults");
    }

    @Test
    void blankExplicitValueFallsBackToTheEnvironment() {
        SegmentsSettings settings =
                resolve(Map.of(Parameters.CAMPAIGNS_DIR, "  "), Map.of("SEGMENTS_CAMPAIGNS_DIR", "env"));
        assertEquals(BASE.resolve("env"), settings.campaignsDir());
    }

    @Test
    void parameterNamesAreNotEnvironmentVariablesAndViceVersa() {
        // the environment is read by variable name only; a parameter name there is ignored
        SegmentsSettings settings =
                resolve(Map.of("SEGMENTS_CAMPAIGNS_DIR", "x"), Map.of(Parameters.CAMPAIGNS_DIR, "y"));
        assertEquals(BASE.resolve("campaigns"), settings.campaignsDir());
    }

    @Test
    void pathsAreResolvedAgainstTheBaseDirectoryAndNormalised() {
        SegmentsSettings settings = resolve(
                Map.of(Parameters.DIR, "./defs/../audiences", Parameters.SAMPLE_DATA, "data/sample"),
                Map.of("SEGMENTS_LOCK_FILE", "/elsewhere/segments.lock"));
        assertEquals(Path.of("/work/project/audiences"), settings.segmentsDir());
        assertEquals(Optional.of(Path.of("/work/project/data/sample")), settings.sampleData());
        assertEquals(Path.of("/elsewhere/segments.lock"), settings.lockFile());
    }

    @Test
    void dateOnlyAsOfMeansTheEndOfThatDayInUtc() {
        Instant asOf =
                resolve(Map.of(Parameters.AS_OF, "2026-10-31"), Map.of()).asOf().orElseThrow();
        assertEquals("2026-10-31", asOf.atZone(ZoneOffset.UTC).toLocalDate().toString());
        assertTrue(!asOf.isBefore(Instant.parse("2026-10-31T23:59:59Z")), asOf + " is the end of the day");
        assertTrue(asOf.isBefore(Instant.parse("2026-11-01T00:00:00Z")), asOf + " is still 31 October");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "2026-10-31T12:30:00Z, 2026-10-31T12:30:00Z",
        "2026-10-31T12:30:00, 2026-10-31T12:30:00Z",
        "2026-10-31T12:30, 2026-10-31T12:30:00Z",
        "' 2026-10-31T00:00:00Z ', 2026-10-31T00:00:00Z",
    })
    void asOfAcceptsInstantsAndLocalDateTimesAsUtc(String given, String expected) {
        assertEquals(
                Optional.of(Instant.parse(expected)),
                resolve(Map.of(Parameters.AS_OF, given), Map.of()).asOf());
    }

    @Test
    void asOfComesFromTheEnvironmentToo() {
        assertEquals(
                Optional.of(Instant.parse("2026-01-02T03:04:05Z")),
                resolve(Map.of(), Map.of("SEGMENTS_AS_OF", "2026-01-02T03:04:05Z"))
                        .asOf());
    }

    @Test
    void badAsOfIsAConfigErrorNamingTheParameter() {
        assertEquals(
                List.of("segments.asOf: error: 'yesterday' is not a date or time "
                        + "(write 2026-10-31 or 2026-10-31T23:59:59Z (UTC))"),
                failures(Map.of(Parameters.AS_OF, "yesterday"), Map.of()));
        assertEquals(
                List.of("segments.asOf: error: '2026-02-30' is not a date or time "
                        + "(write 2026-10-31 or 2026-10-31T23:59:59Z (UTC))"),
                failures(Map.of(), Map.of("SEGMENTS_AS_OF", "2026-02-30")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "99999-01-01, 99999",
        "+99999-01-01T00:00:00Z, +99999",
        "0000-06-15, 0000",
        "1969-12-31T23:59:59Z, 1969",
        "-0001-01-01, -0001",
    })
    void asOfWithAYearBefore1970OrAfter9999IsAConfigError(String given, String year) {
        assertEquals(
                List.of("segments.asOf: error: year " + year + " is out of range "
                        + "(write a date from 1970-01-01 to 9999-12-31 (UTC), e.g. 2026-10-31)"),
                failures(Map.of(Parameters.AS_OF, given), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "1970-01-01T00:00:00Z, 1970-01-01T00:00:00Z",
        "9999-12-31, 9999-12-31T23:59:59.999999Z",
    })
    void asOfAtTheEndsOfTheRangeIsAccepted(String given, String expected) {
        assertEquals(
                Optional.of(Instant.parse(expected)),
                resolve(Map.of(Parameters.AS_OF, given), Map.of()).asOf());
    }

    @Test
    void everyBadParameterIsReportedInOneRun() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> resolve(
                        Map.of(
                                Parameters.AS_OF,
                                "31/10/2026",
                                Parameters.SAMPLE_USERS,
                                "many",
                                Parameters.LOCKED,
                                "yes",
                                Parameters.SAMPLE_SEED,
                                "12x"),
                        Map.of()));
        assertEquals(
                List.of(
                        "segments.asOf: error: '31/10/2026' is not a date or time (write 2026-10-31 or 2026-10-31T23:59:59Z (UTC))",
                        "segments.locked: error: 'yes' is not true or false (write -Dsegments.locked=true)",
                        "segments.sampleSeed: error: '12x' is not a whole number (write a number such as 42)",
                        "segments.sampleUsers: error: 'many' is not a whole number (write a number such as 20000)"),
                e.diagnostics().stream().map(Diagnostic::format).toList());
        assertEquals(4, e.errorCount());
        assertTrue(e.getMessage().startsWith("configuration failed with 4 errors"), e.getMessage());
    }

    @Test
    void numbersAreRangeChecked() {
        assertEquals(
                List.of("segments.sampleUsers: error: value 5 is out of range (use a number from 10 to 50000000)"),
                failures(Map.of(Parameters.SAMPLE_USERS, "5"), Map.of()));
        assertEquals(
                1_000_000,
                resolve(Map.of(Parameters.SAMPLE_USERS, "1_000_000"), Map.of()).sampleUsers());
    }

    @Test
    void noExplicitValueUnlocksWhatTheEnvironmentLocks() {
        assertTrue(
                resolve(Map.of(Parameters.LOCKED, "false"), Map.of("SEGMENTS_LOCKED", "true"))
                        .locked(),
                "a pom's <locked>false</locked> must not unlock CI's SEGMENTS_LOCKED=true");
        assertTrue(resolve(Map.of(Parameters.LOCKED, "true"), Map.of("SEGMENTS_LOCKED", "false"))
                .locked());
        assertFalse(resolve(Map.of(Parameters.LOCKED, "false"), Map.of("SEGMENTS_LOCKED", "false"))
                .locked());
    }

    @Test
    void lockedAcceptsTrueAndFalseInAnyCase() {
        assertTrue(resolve(Map.of(Parameters.LOCKED, "TRUE"), Map.of()).locked());
        assertFalse(resolve(Map.of(), Map.of("SEGMENTS_LOCKED", "False")).locked());
    }

    @Test
    void runTimeoutAndPricePerTibAreReadInTheirWrittenForms() {
        SegmentsSettings defaults = resolve(Map.of(), Map.of());
        assertEquals(Duration.ofHours(1), defaults.google().runTimeout());
        assertEquals(new BigDecimal("6.25"), defaults.google().pricePerTib());

        SegmentsSettings given = resolve(
                Map.of(Parameters.RUN_TIMEOUT, "90m", Parameters.PRICE_PER_TIB, "7.5"),
                Map.of("SEGMENTS_SAMPLE_USERS", "300"));
        assertEquals(Duration.ofMinutes(90), given.google().runTimeout());
        assertEquals(new BigDecimal("7.5"), given.google().pricePerTib());
        assertEquals(
                Duration.parse("PT1H30M"),
                resolve(Map.of(Parameters.RUN_TIMEOUT, "PT1H30M"), Map.of())
                        .google()
                        .runTimeout());

        assertEquals(
                List.of(
                        "segments.pricePerTib: error: '0' is not a price above 0 (write the price of one TiB processed,"
                                + " e.g. 6.25 (BigQuery's on-demand list price in USD))",
                        "segments.runTimeout: error: '3 days' is not a duration from 1 second to 24 hours (write e.g."
                                + " 90m, 2h or PT1H30M (the default is 1h))"),
                failures(Map.of(Parameters.RUN_TIMEOUT, "3 days", Parameters.PRICE_PER_TIB, "0"), Map.of()));
    }
}

package io.segmentsascode.config;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Resolved settings of one run; paths are absolute. {@code progress}: print progress lines
 * (off in CI logs, where {@code CI=true}).
 */
public record SegmentsSettings(
        Path projectDir,
        Path segmentsDir,
        Path campaignsDir,
        Path lockFile,
        Path stateDir,
        Path outputDir,
        Optional<Path> sampleData,
        int sampleUsers,
        long sampleSeed,
        Optional<Instant> asOf,
        boolean locked,
        Optional<String> base,
        String target,
        String audiences,
        Optional<Path> planFile,
        boolean prune,
        double overlapThreshold,
        long minAudience,
        double confidence,
        String phoneRegion,
        String model,
        Optional<Path> pinFrom,
        boolean progress,
        GoogleCloud google) {

    /**
     * How the BigQuery target reaches Google Cloud. {@code project}: overrides warehouse.yaml's;
     * {@code bigqueryEndpoint}/{@code dataTransferEndpoint}: local servers (the fakes) instead of
     * Google's; {@code credentials}: {@code adc} or {@code none} (local endpoints only);
     * {@code serviceAccount}: what scheduled queries run as, else the applying identity;
     * {@code maximumBytesBilled}: the cap on every job the target submits itself;
     * {@code pricePerTib}: what the plan's cost estimate charges per TiB processed;
     * {@code runTimeout}: how long apply waits for a refresh run it started;
     * {@code googleAdsEndpoint}: a local Google Ads API server (the fake) instead of Google's;
     * {@code dataManagerEndpoint}: a local server (the fake) instead of Google's Data Manager API.
     */
    public record GoogleCloud(
            Optional<String> project,
            Optional<String> bigqueryEndpoint,
            Optional<String> dataTransferEndpoint,
            String credentials,
            Optional<String> serviceAccount,
            long maximumBytesBilled,
            BigDecimal pricePerTib,
            Duration runTimeout,
            Optional<String> googleAdsEndpoint,
            Optional<String> dataManagerEndpoint) {

        /** With the default price and run timeout, and Google's own Google Ads and Data Manager endpoints. */
        public GoogleCloud(
                Optional<String> project,
                Optional<String> bigqueryEndpoint,
                Optional<String> dataTransferEndpoint,
                String credentials,
                Optional<String> serviceAccount,
                long maximumBytesBilled) {
            this(
                    project,
                    bigqueryEndpoint,
                    dataTransferEndpoint,
                    credentials,
                    serviceAccount,
                    maximumBytesBilled,
                    new BigDecimal(Parameters.DEFAULT_PRICE_PER_TIB),
                    Duration.parse(Parameters.DEFAULT_RUN_TIMEOUT),
                    Optional.empty(),
                    Optional.empty());
        }
    }
}

package io.segmentsascode.config;

import java.nio.file.Path;
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
        boolean progress) {}

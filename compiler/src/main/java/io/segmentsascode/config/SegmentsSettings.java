package io.segmentsascode.config;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/** Resolved settings of one run; paths are absolute. */
public record SegmentsSettings(
        Path segmentsDir,
        Path campaignsDir,
        Path lockFile,
        Path stateDir,
        Path outputDir,
        Optional<Path> sampleData,
        int sampleUsers,
        long sampleSeed,
        Optional<Instant> asOf,
        boolean locked) {
}

package io.segmentsascode.connectors;

import static io.segmentsascode.connectors.ProjectCopies.copy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last successful sync is recorded on the local target by apply and read back by the next
 * plan, in a new process's worth of objects: what a CI runner that is thrown away relies on.
 */
class SyncRecordTest {

    private static final Path REPO = Path.of("..", "..");

    @TempDir
    Path project;

    @Test
    void applyRecordsTheSyncOnTheTargetAndTheNextPlanShowsItsAge() throws IOException {
        copy(REPO.resolve("segments"), project.resolve("segments"));
        copy(REPO.resolve("campaigns"), project.resolve("campaigns"));
        Files.copy(REPO.resolve("segments.lock"), project.resolve("segments.lock"));

        Plan before = job().plan();
        assertNull(before.sync().lastSync(), "nothing applied yet");
        String planMd = Files.readString(project.resolve("target/segments/plan.md"));
        assertTrue(planMd.contains("No successful sync recorded on this target yet."), planMd);

        Instant applied = Instant.now();
        job().apply();
        Plan after = job().plan();

        Instant recorded = Instant.parse(after.sync().lastSync());
        assertTrue(
                Duration.between(applied, recorded).abs().compareTo(Duration.ofMinutes(10)) < 0,
                recorded + " is when apply ended");
        assertEquals(0L, after.sync().ageHours());
        assertFalse(after.sync().stale());
        assertTrue(Files.readString(project.resolve("target/segments/plan-comment.md"))
                .contains("Last successful sync: " + after.sync().lastSync() + ", 0 h ago (cadence daily)."));
        assertFalse(
                after.findings().stream().anyMatch(f -> f.code().equals("stale-sync")),
                after.findings().toString());
    }

    private SegmentsJob job() {
        var settings = new SettingsResolver(Map.of(Parameters.SAMPLE_USERS, "2000"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        return new SegmentsJob(settings, Console.silent(), new StandardConnectors().create(Console.silent(), Map.of()));
    }
}

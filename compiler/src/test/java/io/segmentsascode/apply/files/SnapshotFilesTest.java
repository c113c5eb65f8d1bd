package io.segmentsascode.apply.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {

    private static final String A = "a".repeat(64) + ",";
    private static final String B = "b".repeat(64) + "," + "c".repeat(64);
    private static final String C = "," + "d".repeat(64);

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");

    @TempDir
    Path folder;

    @Test
    void replaysAdditionsAndRemovalsPerAudience() {
        SnapshotFiles snapshots = new SnapshotFiles(folder);
        snapshots.record("winback", List.of(A, B), List.of(), AT);
        snapshots.record("winback", List.of(C), List.of(A), AT);
        snapshots.record("other", List.of(A), List.of(), AT);

        assertEquals(Set.of(B, C), new SnapshotFiles(folder).read("winback").keySet());
        assertEquals(AT, snapshots.read("winback").get(C));
        assertEquals(Set.of(A), snapshots.read("other").keySet());
        assertEquals(Set.of(), snapshots.read("never-synced").keySet());
    }

    @Test
    void aLineCutShortByACrashCountsAsNotRecorded() throws Exception {
        SnapshotFiles snapshots = new SnapshotFiles(folder);
        snapshots.record("winback", List.of(A), List.of(), AT);
        Files.writeString(
                folder.resolve("winback.log"),
                "+" + B.substring(0, 40),
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        assertEquals(Set.of(A), snapshots.read("winback").keySet());
    }

    @Test
    void aLongLogIsCompactedToTheSnapshot() throws Exception {
        SnapshotFiles snapshots = new SnapshotFiles(folder);
        for (int i = 0; i < 20; i++) {
            snapshots.record("winback", List.of(A, B), List.of(), AT);
            snapshots.record("winback", List.of(), List.of(A, B), AT);
        }
        snapshots.record("winback", List.of(C), List.of(), AT);

        assertEquals(Set.of(C), snapshots.read("winback").keySet());
        assertEquals(List.of("+" + C + " " + AT.getEpochSecond()), Files.readAllLines(folder.resolve("winback.log")));
        snapshots.forget("winback");
        assertTrue(snapshots.read("winback").isEmpty());
    }
}

package io.segmentsascode.apply.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFilesTest {

    private static final String A = "a".repeat(64) + ",";
    private static final String B = "b".repeat(64) + "," + "c".repeat(64);
    private static final String C = "," + "d".repeat(64);

    @TempDir
    Path folder;

    @Test
    void replaysAdditionsAndRemovalsPerAudience() {
        SnapshotFiles snapshots = new SnapshotFiles(folder);
        snapshots.record("winback", List.of(A, B), List.of());
        snapshots.record("winback", List.of(C), List.of(A));
        snapshots.record("other", List.of(A), List.of());

        assertEquals(Set.of(B, C), new SnapshotFiles(folder).read("winback"));
        assertEquals(Set.of(A), snapshots.read("other"));
        assertEquals(Set.of(), snapshots.read("never-synced"));
    }

    @Test
    void aLineCutShortByACrashCountsAsNotRecorded() throws Exception {
        SnapshotFiles snapshots = new SnapshotFiles(folder);
        snapshots.record("winback", List.of(A), List.of());
        Files.writeString(
                folder.resolve("winback.log"),
                "+" + B.substring(0, 40),
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);

        assertEquals(Set.of(A), snapshots.read("winback"));
    }

    @Test
    void aLongLogIsCompactedToTheSnapshot() throws Exception {
        SnapshotFiles snapshots = new SnapshotFiles(folder);
        for (int i = 0; i < 20; i++) {
            snapshots.record("winback", List.of(A, B), List.of());
            snapshots.record("winback", List.of(), List.of(A, B));
        }
        snapshots.record("winback", List.of(C), List.of());

        assertEquals(Set.of(C), snapshots.read("winback"));
        assertEquals(List.of("+" + C), Files.readAllLines(folder.resolve("winback.log")));
        snapshots.forget("winback");
        assertTrue(snapshots.read("winback").isEmpty());
    }
}

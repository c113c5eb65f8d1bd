package io.segmentsascode.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** segments.lock is read with the same nesting limit as the definitions (a deep file overflowed the stack). */
class LockFileNestingTest {

    @Test
    void lockNestedTenThousandDeepIsALocatedError(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("segments.lock");
        Files.writeString(
                lock,
                "# yaml-language-server: $schema=schemas/lock-v1.json\nversion: 1\nsegments: " + "[".repeat(10_000)
                        + "]".repeat(10_000) + "\n");

        LockFileException e = assertThrows(LockFileException.class, () -> LockFile.read(lock));

        // "segments: " is 10 characters: the 33rd '[' (level 33) is column 11 + 32
        Diagnostic error = e.diagnostics().get(0);
        assertEquals(Location.of(lock, 3, 43), error.location(), error.format());
        assertTrue(error.message().contains("deeper than 32"), error.format());
        assertEquals(1, e.diagnostics().size());
    }
}

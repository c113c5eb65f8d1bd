package io.segmentsascode.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        Files.writeString(lock, "version: 1\nsegments: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");

        LockFileException e = assertThrows(LockFileException.class, () -> LockFile.read(lock));

        // "segments: " is 10 characters: the 33rd '[' (level 33) is column 11 + 32
        assertEquals(Diagnostic.error(Location.of(lock, 2, 43), "cannot use the lock file: it nests deeper than 32 levels",
                "restore it from Git, or delete it and run mvn segments:generate"), e.diagnostics().get(0));
        assertEquals(1, e.diagnostics().size());
    }
}

package io.segmentsascode.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.model.ColumnType;
import io.segmentsascode.render.OutputColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {

    @TempDir
    Path dir;

    static Pin pin(String id, String sql) {
        return new Pin(id, "model gemini-2.5-flash", "k-" + id, Map.of("intent", "i", "model", "gemini-2.5-flash"), "s-" + id,
                new Pin.Analysis("googlesql 2025.09.1", "c", List.of("events", "users"),
                        List.of(new OutputColumn("user_id", ColumnType.STRING), new OutputColumn("n", ColumnType.INT64))),
                "segments-as-code 0.1.0", sql);
    }

    @Test
    void entriesAreSortedAndTheFileRoundTripsByteForByte() throws Exception {
        LockFile lock = LockFile.empty().with(pin("seg_b", "SELECT 2 AS n\n")).with(pin("seg_a", "SELECT user_id,\n\n  1 AS n\n"));
        Path file = dir.resolve("segments.lock");
        lock.write(file);
        String text = Files.readString(file);
        assertTrue(text.indexOf("  seg_a:") < text.indexOf("  seg_b:"), text);
        assertTrue(text.contains("    sql: |\n      SELECT user_id,\n\n        1 AS n\n"), "SQL as a block scalar:\n" + text);
        LockFile read = LockFile.read(file);
        assertEquals(lock.pins(), read.pins());
        assertEquals(text, read.render());
    }

    @Test
    void insertionOrderDoesNotMatter() {
        assertEquals(LockFile.empty().with(pin("seg_a", "SELECT 1\n")).with(pin("seg_b", "SELECT 2\n")).render(),
                LockFile.empty().with(pin("seg_b", "SELECT 2\n")).with(pin("seg_a", "SELECT 1\n")).render());
    }

    @Test
    void aDamagedLockSaysHowToRecover() throws Exception {
        Path file = dir.resolve("segments.lock");
        Files.writeString(file, "segments:\n  seg_a: [not, a, pin\n");
        LockFileException e = assertThrows(LockFileException.class, () -> LockFile.read(file));
        assertTrue(e.diagnostics().get(0).format().contains("cannot use the lock file: it is not valid YAML"), e.getMessage());
        assertTrue(e.diagnostics().get(0).format().endsWith("(restore it from Git, or delete it and run mvn segments:generate)"));
    }
}

package io.segmentsascode.intent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
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
        return new Pin(
                id,
                "model gemini-2.5-flash",
                Sha256.hex("k-" + id),
                Map.of("intent", "i", "model", "gemini-2.5-flash"),
                Sha256.hex(sql),
                new Pin.Analysis(
                        "googlesql 2025.09.1",
                        Sha256.hex("c"),
                        List.of("events", "users"),
                        List.of(
                                new OutputColumn("user_id", ColumnType.STRING),
                                new OutputColumn("n", ColumnType.INT64))),
                "segments-as-code 0.1.0",
                sql);
    }

    @Test
    void entriesAreSortedAndTheFileRoundTripsByteForByte() throws Exception {
        LockFile lock = LockFile.empty()
                .with(pin("seg_b", "SELECT 2 AS n\n"))
                .with(pin("seg_a", "SELECT user_id,\n\n  1 AS n\n"));
        Path file = dir.resolve("segments.lock");
        lock.write(file);
        String text = Files.readString(file);
        assertTrue(text.indexOf("  seg_a:") < text.indexOf("  seg_b:"), text);
        assertTrue(
                text.contains("    sql: |\n      SELECT user_id,\n\n        1 AS n\n"),
                "SQL as a block scalar:\n" + text);
        LockFile read = LockFile.read(file);
        assertEquals(lock.pins(), read.pins());
        assertEquals(text, read.render());
    }

    @Test
    void insertionOrderDoesNotMatter() {
        assertEquals(
                LockFile.empty()
                        .with(pin("seg_a", "SELECT 1\n"))
                        .with(pin("seg_b", "SELECT 2\n"))
                        .render(),
                LockFile.empty()
                        .with(pin("seg_b", "SELECT 2\n"))
                        .with(pin("seg_a", "SELECT 1\n"))
                        .render());
    }

    @Test
    void aDamagedLockIsALocatedError() throws Exception {
        Path file = dir.resolve("segments.lock");
        Files.writeString(
                file, "# yaml-language-server: $schema=schemas/lock-v1.json\nsegments:\n  seg_a: [not, a, pin\n");
        LockFileException e = assertThrows(LockFileException.class, () -> LockFile.read(file));
        assertTrue(
                e.diagnostics().get(0).format().matches(".*segments\\.lock:\\d+:\\d+: error: invalid YAML: .*"),
                e.getMessage());
    }

    @Test
    void editedSqlWithoutItsHashIsNamedWithItsLine() throws Exception {
        Path file = dir.resolve("segments.lock");
        LockFile.empty()
                .with(pin("seg_a_x", "SELECT user_id,\n  1 AS n\nFROM users\n"))
                .write(file);
        Files.writeString(file, Files.readString(file).replace("      FROM users\n", ""));
        LockFileException e = assertThrows(LockFileException.class, () -> LockFile.read(file));
        String message = e.diagnostics().get(0).format();
        int line = Files.readAllLines(file)
                        .indexOf(Files.readAllLines(file).stream()
                                .filter(l -> l.startsWith("    sql_sha256:"))
                                .findFirst()
                                .orElseThrow())
                + 1;
        assertTrue(
                message.matches(".*segments\\.lock:" + line + ":5: error: the pinned SQL of seg_a_x does not match its "
                        + "sql_sha256 .*the pin was edited by hand \\(restore segments.lock from Git.*"),
                message);
    }

    @Test
    void theLockHasASchemaAndEveryBreachIsLocated() throws Exception {
        Path file = dir.resolve("segments.lock");
        LockFile.empty().with(pin("seg_a_x", "SELECT 1 AS n\n")).write(file);
        String text = Files.readString(file);
        Files.writeString(file, text.replace("n: INT64", "n: INTEGER").replaceAll("\n    tool: .*\n", "\n"));
        LockFileException e = assertThrows(LockFileException.class, () -> LockFile.read(file));
        List<String> messages = e.diagnostics().stream().map(d -> d.format()).toList();
        assertEquals(2, messages.size(), String.join("\n", messages));
        assertTrue(
                messages.stream().anyMatch(m -> m.matches(".*segments\\.lock:\\d+:\\d+: error: .*tool.*")),
                messages.toString());
        assertTrue(
                messages.stream().anyMatch(m -> m.matches(".*segments\\.lock:\\d+:\\d+: error: .*INTEGER.*")),
                messages.toString());
    }

    @Test
    void aLockWithoutItsSchemaLineSaysWhatTheFirstLineMustBe() throws Exception {
        Path file = dir.resolve("segments.lock");
        Files.writeString(file, "version: 1\nsegments: {}\n");
        LockFileException e = assertThrows(LockFileException.class, () -> LockFile.read(file));
        assertTrue(
                e.diagnostics()
                        .get(0)
                        .format()
                        .endsWith("(make the first line '# yaml-language-server: " + "$schema=schemas/lock-v1.json')"),
                e.getMessage());
    }
}

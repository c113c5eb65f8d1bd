package io.segmentsascode.connectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.spi.BaseCheckoutException;
import io.segmentsascode.spi.Console;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Git connector keeps the base port's contract: its failures arrive as the port's exception, message intact. */
class BaseSnapshotsPortTest {

    @TempDir
    Path folder;

    @Test
    void aMissingFolderIsTheBasePortsErrorWithTheGitMessage() {
        Path missing = folder.resolve("missing").toAbsolutePath().normalize();
        BaseCheckoutException e = assertThrows(
                BaseCheckoutException.class,
                () -> new StandardConnectors()
                        .create(Console.silent(), Map.of())
                        .bases()
                        .checkout(missing, "main", List.of(Path.of("segments")), folder.resolve("base")));
        assertEquals("segments.base needs a Git repository; " + missing + " does not exist", e.getMessage());
    }
}

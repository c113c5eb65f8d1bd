package io.segmentsascode.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.pipeline.SegmentsJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches the terminal through Maven's log: each log call is one "[LEVEL] message" line, and
 * a line break or carriage return inside a message starts a new line the reader cannot tell from
 * Maven's own. A value in a user's file must never do that.
 */
class ConsoleEscapingTest {

    @TempDir
    Path project;

    /** Maven's log as a terminal shows it: every line break in a message starts another screen line. */
    private static final class Terminal extends SystemStreamLog {
        final List<String> calls = new ArrayList<>();
        final List<String> screenLines = new ArrayList<>();

        private void print(String level, CharSequence message) {
            calls.add(level + " " + message);
            screenLines.addAll(List.of((level + " " + message).split("\r\n|\r|\n|\u0085|\u2028|\u2029", -1)));
        }

        @Override
        public void info(CharSequence message) {
            print("[INFO]", message);
        }

        @Override
        public void warn(CharSequence message) {
            print("[WARNING]", message);
        }

        @Override
        public void error(CharSequence message) {
            print("[ERROR]", message);
        }

        @Override
        public void debug(CharSequence message) {
            print("[DEBUG]", message);
        }
    }

    private final Terminal terminal = new Terminal();
    private final MavenConsole console = new MavenConsole(terminal);

    @Test
    void anOwnerThatForgesBuildSuccessStaysOnTheErrorLineThatQuotesIt() throws Exception {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.createDirectories(project.resolve("campaigns"));
        Files.copy(Path.of("..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        Files.writeString(segments.resolve("seg_rfm_forged.yaml"), """
                # yaml-language-server: $schema=../schemas/segment-v1.json
                id: seg_rfm_forged
                description: An owner with a line of Maven output in it.
                owner: "a@b.c\\n[INFO] BUILD SUCCESS\\r\\e[2K"
                stage: production
                refresh: daily
                rfm:
                  select: [champions]
                """);
        SegmentsSettings settings = new SettingsResolver(Map.of(Parameters.SAMPLE_USERS, "2000"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        try (OnDemandConnectors connectors = new OnDemandConnectors(
                () -> {
                    throw new AssertionError("validating needs no connector");
                },
                console,
                Map.of(),
                console::debug)) {
            SegmentsJob job = new SegmentsJob(settings, console, connectors.ports());

            SegmentsException mistake = assertThrows(SegmentsException.class, job::validate);
            MojoFailureException failure = AbstractSegmentsMojo.failure(mistake, console);

            assertEquals(terminal.calls, terminal.screenLines, "one screen line per log call");
            assertEquals(1, terminal.calls.size(), terminal.calls.toString());
            String line = terminal.calls.get(0);
            assertTrue(line.startsWith("[ERROR] "), line);
            assertTrue(line.contains("value 'a@b.c\\n[INFO] BUILD SUCCESS\\r\\u001b[2K' has the wrong format"), line);
            assertFalse(failure.getMessage().contains("\n"), failure.getMessage());
        }
    }

    @Test
    void everyLevelPrintsControlCharactersEscaped() {
        console.info("preview: seg_x\n[INFO] BUILD SUCCESS");
        console.warn("\u001b[1A\u001b[2Kdone");
        console.error("a\rb\u0000c\u009b");
        console.debug("d\u2028e");

        assertEquals(
                List.of(
                        "[INFO] preview: seg_x\\n[INFO] BUILD SUCCESS",
                        "[WARNING] \\u001b[1A\\u001b[2Kdone",
                        "[ERROR] a\\rb\\u0000c\\u009b",
                        "[DEBUG] d\\u2028e"),
                terminal.screenLines);
    }
}

package io.segmentsascode.pipeline;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test helper for the bad-input corpus ({@code src/test/resources/bad-input}). Each case folder
 * holds the files of a small project ({@code segments/}, optionally {@code campaigns/}) plus:
 * <ul>
 *   <li>{@code expected.txt}: first line the simple name of the exception {@link Stages#check}
 *       throws, then every diagnostic exactly as {@link Diagnostic#format()} prints it, with paths
 *       relative to the project folder ({@code segments/seg_rfm_x.yaml:3:5: error: ...});</li>
 *   <li>{@code remove.txt} (optional): base files, one project-relative path a line, the case deletes.</li>
 * </ul>
 * A project is assembled from the shared {@code _base} folder (the bundled warehouse.yaml), then
 * the case's files are copied over it (same name replaces, new names are added).
 */
final class BadInputProjects {

    static final String BASE = "_base";
    static final String EXPECTED = "expected.txt";
    static final String REMOVE = "remove.txt";

    private BadInputProjects() {}

    /** What a failed check reported: exception type and normalised diagnostic lines, in order. */
    record Outcome(String exception, List<String> lines) {

        List<String> asExpectedFile() {
            List<String> all = new ArrayList<>();
            all.add(exception);
            all.addAll(lines);
            return all;
        }
    }

    static Path corpus() {
        URL url = BadInputProjects.class.getResource("/bad-input");
        if (url == null) {
            throw new IllegalStateException("bad-input corpus is not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> caseNames() {
        try (Stream<Path> dirs = Files.list(corpus())) {
            return dirs.filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals(BASE))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies only the shared base (a valid warehouse.yaml, no segments) into {@code project}. */
    static Path base(Path project) {
        copyTree(corpus().resolve(BASE), project);
        return project;
    }

    /** Copies the shared base, then the case's files, into {@code project}; returns {@code project}. */
    static Path assemble(String caseName, Path project) {
        base(project);
        Path caseDir = corpus().resolve(caseName);
        copyTree(caseDir, project);
        try {
            Files.deleteIfExists(project.resolve(EXPECTED));
            Path remove = project.resolve(REMOVE);
            if (Files.exists(remove)) {
                for (String line : Files.readAllLines(remove, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        Files.delete(project.resolve(line.trim()));
                    }
                }
                Files.delete(remove);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return project;
    }

    static List<String> expected(String caseName) {
        try {
            return Files.readAllLines(corpus().resolve(caseName).resolve(EXPECTED), StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs load → validate → resolve on {@code project}; it must fail. */
    static Outcome check(Path project) {
        SegmentsException failure = assertThrows(
                SegmentsException.class,
                () -> new Stages().check(project.resolve("segments"), project.resolve("campaigns")),
                "the project in " + project + " must not compile");
        List<String> lines = failure.diagnostics().stream()
                .map(d -> normalise(d.format(), project))
                .toList();
        return new Outcome(failure.getClass().getSimpleName(), lines);
    }

    /** Drops the temporary folder's absolute prefix so lines read as the corpus stores them. */
    static String normalise(String line, Path project) {
        String prefix = project.toAbsolutePath().normalize().toString().replace('\\', '/');
        return line.replace(prefix + "/", "").replace(prefix, ".");
    }

    static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.filter(Files::isRegularFile).sorted().toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                Files.createDirectories(target.getParent());
                Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

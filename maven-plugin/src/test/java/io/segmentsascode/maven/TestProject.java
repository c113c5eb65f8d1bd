package io.segmentsascode.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A fixture project under {@code src/test/resources/projects/} copied to a temporary folder and
 * built with the real Maven against a private repository holding the freshly built plugin.
 */
final class TestProject {

    record Result(int exitCode, String output) {}

    private static final Path REPO_ROOT =
            Paths.get(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();

    private final Path dir;

    private TestProject(Path dir) {
        this.dir = dir;
    }

    static TestProject copy(String fixture, Path into) {
        Path source = Paths.get("src", "test", "resources", "projects", fixture);
        try {
            copyTree(source, into);
            Path pom = into.resolve("pom.xml");
            Files.writeString(
                    pom, Files.readString(pom).replace("@segments.version@", System.getProperty("segments.version")));
            if (!Files.exists(into.resolve("segments/warehouse.yaml"))) {
                Files.createDirectories(into.resolve("segments"));
                Files.copy(REPO_ROOT.resolve("segments/warehouse.yaml"), into.resolve("segments/warehouse.yaml"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TestProject(into);
    }

    /** Adds this repository's bundled segments/, campaigns/ and segments.lock (the product's own example). */
    TestProject withBundledDefinitions(String segmentsTarget, String campaignsTarget) {
        copyBundledDefinitions(dir, segmentsTarget, campaignsTarget);
        return this;
    }

    /**
     * The bundled definitions in {@code dir}'s segments/ and campaigns/, for tests that run the
     * goals' code in process (no pom needed); returns the bundled segment ids, sorted.
     */
    static List<String> bundledDefinitions(Path dir) {
        copyBundledDefinitions(dir, "segments", "campaigns");
        try (Stream<Path> files = Files.list(dir.resolve("segments"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("seg_") && n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyBundledDefinitions(Path dir, String segmentsTarget, String campaignsTarget) {
        try {
            copyTree(REPO_ROOT.resolve("segments"), dir.resolve(segmentsTarget));
            copyTree(REPO_ROOT.resolve("campaigns"), dir.resolve(campaignsTarget));
            Files.copy(
                    REPO_ROOT.resolve("segments.lock"),
                    dir.resolve("segments.lock"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    Result mvn(String... args) {
        return mvn(Map.of(), args);
    }

    /** With {@code environment} added to this process's: credentials reach the goals the way users give them. */
    Result mvn(Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(mavenCommand());
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder =
                    new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("mvn did not finish in 5 minutes");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Maven as these tests run it: batch mode, the private repository, a small sample. */
    private List<String> mavenCommand() {
        return List.of(
                Paths.get(System.getProperty("maven.home"), "bin", "mvn").toString(),
                "-B",
                "-s",
                settings().toString(),
                "-Dmaven.repo.local=" + System.getProperty("it.repo"),
                "-Dsegments.sampleUsers=2000");
    }

    /**
     * An executable {@code mvn} in {@code bin} that runs {@link #mavenCommand()} with its arguments:
     * put first on the PATH, it lets scripts written for a CI runner run here unchanged.
     */
    void writeMavenWrapper(Path bin) {
        StringBuilder script = new StringBuilder("#!/usr/bin/env bash\nexec");
        mavenCommand()
                .forEach(part ->
                        script.append(" '").append(part.replace("'", "'\\''")).append('\''));
        script.append(" \"$@\"\n");
        try {
            Files.createDirectories(bin);
            Path mvn = bin.resolve("mvn");
            Files.writeString(mvn, script);
            if (!mvn.toFile().setExecutable(true)) {
                throw new IOException("cannot make " + mvn + " executable");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The private repository holds the freshly built plugin; anything else the nested build needs
     * (parent POMs, imported BOMs) comes from the outer build's local repository, not the network.
     */
    private Path settings() {
        String outer = Paths.get(System.getProperty("outer.repo")).toUri().toString();
        String repository = "<id>outer-build</id><url>" + outer + "</url>"
                + "<releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases><snapshots><enabled>false</enabled></snapshots>";
        String xml = "<settings><profiles><profile><id>outer-build</id>"
                + "<repositories><repository>" + repository + "</repository></repositories>"
                + "<pluginRepositories><pluginRepository>" + repository + "</pluginRepository></pluginRepositories>"
                + "</profile></profiles><activeProfiles><activeProfile>outer-build</activeProfile></activeProfiles></settings>";
        try {
            Path file = dir.resolve("it-settings.xml");
            Files.writeString(file, xml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}

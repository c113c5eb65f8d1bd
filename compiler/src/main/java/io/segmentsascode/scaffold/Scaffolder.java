package io.segmentsascode.scaffold;

import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.load.DocumentKind;
import io.segmentsascode.load.YamlLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a new, commented definition from the template of its kind. The file validates as written
 * (a campaign maps the first segment of the project, to be replaced), so a pull request opened
 * with it gets a plan at once; an id that is taken is refused, never overwritten.
 */
public final class Scaffolder {

    /** What a file name may be here: lower case, digits and underscores, as ids are. */
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]{0,127}");

    private static final String EXAMPLE_SEGMENT = "seg_rfm_champions";

    private Scaffolder() {}

    /** Writes {@code <id>.yaml} into the segments or campaigns folder; returns the file. */
    public static Path create(String kindLabel, String id, Path segmentsDir, Path campaignsDir) {
        ScaffoldKind kind = ScaffoldKind.of(kindLabel == null ? "" : kindLabel)
                .orElseThrow(() -> new ConfigException(
                        Parameters.KIND,
                        "'" + kindLabel + "' is not a kind of definition",
                        "pass -D" + Parameters.KIND + "=" + ScaffoldKind.labels()));
        if (id == null || !ID.matcher(id).matches()) {
            throw new ConfigException(
                    Parameters.ID,
                    "'" + id + "' cannot be an id",
                    "pass -D" + Parameters.ID + "=" + (kind == ScaffoldKind.CAMPAIGN ? "cmp_" : "seg_<family>_")
                            + "<name>, in lower case with digits and underscores");
        }
        Path folder = kind.document() == DocumentKind.CAMPAIGN ? campaignsDir : segmentsDir;
        for (Path taken : List.of(
                segmentsDir.resolve(id + ".yaml"),
                segmentsDir.resolve(id + ".yml"),
                campaignsDir.resolve(id + ".yaml"),
                campaignsDir.resolve(id + ".yml"))) {
            if (Files.exists(taken)) {
                throw taken(id, taken);
            }
        }
        String text = template(kind)
                .replace("${schema}", YamlLoader.schemaLine(kind.document()))
                .replace("${id}", id)
                .replace("${segment}", firstSegment(segmentsDir).orElse(EXAMPLE_SEGMENT));
        Path file = folder.resolve(id + ".yaml");
        try {
            Files.createDirectories(folder);
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        } catch (FileAlreadyExistsException e) {
            throw taken(id, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static ConfigException taken(String id, Path file) {
        return new ConfigException(
                Parameters.ID,
                "'" + id + "' is taken: " + Location.displayPath(file) + " exists",
                "choose another id, or edit that file");
    }

    private static String template(ScaffoldKind kind) {
        String resource = kind.label() + ".yaml";
        try (InputStream in = Scaffolder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the template " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project's first segment by id, for a campaign to map until its author picks others. */
    private static Optional<String> firstSegment(Path segmentsDir) {
        if (!Files.isDirectory(segmentsDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(segmentsDir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("seg_") && name.endsWith(".yaml"))
                    .map(name -> name.substring(0, name.length() - ".yaml".length()))
                    .sorted()
                    .findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

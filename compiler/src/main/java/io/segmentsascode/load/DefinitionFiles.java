package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which files of a definitions folder ({@code segments/}, {@code campaigns/}) are definitions: the
 * regular {@code *.yaml} / {@code *.yml} files directly in it. What looks like a definition but
 * would otherwise be skipped without a word is refused where it lies:
 * <ul>
 *   <li>a YAML file in a subfolder, at any depth (the folder is flat; ids are file names);</li>
 *   <li>a symbolic link, whatever it points to: the review at a Git base revision does not follow
 *       links, so a linked definition would be in the plan but missing from its review, and a link
 *       can reach files outside the repository that no pull request shows.</li>
 * </ul>
 * Hidden files and folders ({@code .gitkeep}) and other files are ignored, and so is the other
 * definitions folder when it lies inside this one (e.g. {@code segments/campaigns}).
 */
final class DefinitionFiles {

    /**
     * @param files   the definition files, by name
     * @param refused the YAML files found but refused (their ids are known, so other files naming
     *                them get no second error)
     */
    record Listing(List<Path> files, List<Path> refused) {}

    private DefinitionFiles() {}

    static Listing list(Path dir, Path otherDefinitionsDir, Diagnostics diagnostics) {
        Path other = otherDefinitionsDir.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        List<Path> refused = new ArrayList<>();
        List<Path> entries;
        try (Stream<Path> listed = Files.list(dir)) {
            entries = listed.sorted().toList();
        } catch (IOException e) {
            diagnostics.error(
                    Location.startOf(dir),
                    "cannot list directory: " + e.getMessage(),
                    "check the folder's permissions");
            return new Listing(List.of(), List.of());
        }
        for (Path entry : entries) {
            if (isHidden(entry)) {
                continue;
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                diagnostics.error(
                        Location.startOf(entry), "cannot read: " + e.getMessage(), "check the file's permissions");
                continue;
            }
            if (attributes.isSymbolicLink()) {
                refuseLink(entry, dir, refused, diagnostics);
            } else if (attributes.isDirectory()) {
                if (!entry.toAbsolutePath().normalize().equals(other)) {
                    refuseNested(entry, dir, other, refused, diagnostics);
                }
            } else if (attributes.isRegularFile() && isYaml(entry)) {
                files.add(entry);
            }
        }
        return new Listing(files, refused);
    }

    /** Every YAML file and link below {@code subfolder}, which is never followed out of it. */
    private static void refuseNested(
            Path subfolder, Path dir, Path other, List<Path> refused, Diagnostics diagnostics) {
        String shownDir = Location.displayPath(dir) + "/";
        try {
            Files.walkFileTree(subfolder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) {
                    boolean skipped = isHidden(folder)
                            || folder.toAbsolutePath().normalize().equals(other);
                    return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (isHidden(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attributes.isSymbolicLink()) {
                        refuseLink(file, dir, refused, diagnostics);
                    } else if (isYaml(file)) {
                        refused.add(file);
                        diagnostics.error(
                                Location.startOf(file),
                                "definition files must sit directly in " + shownDir + ", not in a subfolder",
                                "move the file up into " + shownDir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    diagnostics.error(
                            Location.startOf(file), "cannot read: " + e.getMessage(), "check the permissions");
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            diagnostics.error(
                    Location.startOf(subfolder),
                    "cannot list directory: " + e.getMessage(),
                    "check the folder's permissions");
        }
    }

    private static void refuseLink(Path link, Path dir, List<Path> refused, Diagnostics diagnostics) {
        if (isYaml(link)) {
            refused.add(link);
        }
        diagnostics.error(
                Location.startOf(link),
                "symbolic links are not allowed in " + Location.displayPath(dir)
                        + "/: a review at a Git base revision cannot follow them",
                "replace the link with a copy of what it points to");
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static boolean isHidden(Path file) {
        return file.getFileName().toString().startsWith(".");
    }
}

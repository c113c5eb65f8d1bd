package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Load stage: finds the warehouse, segment and campaign files ({@link DefinitionFiles} says which
 * files are definitions) and parses each of them. Files are visited in name order so findings and
 * outputs never depend on the file system's listing order.
 */
public final class ProjectLoader {

    public static final String WAREHOUSE_FILE = "warehouse.yaml";

    private final YamlLoader yaml = new YamlLoader();

    public LoadedProject load(Path segmentsDir, Path campaignsDir) {
        Diagnostics diagnostics = new Diagnostics();
        List<String> unreadable = new ArrayList<>();
        Optional<YamlDocument> warehouse = Optional.empty();
        List<YamlDocument> segments = new ArrayList<>();
        List<YamlDocument> campaigns = new ArrayList<>();

        if (!Files.isDirectory(segmentsDir)) {
            diagnostics.error(
                    new Location(Location.displayPath(segmentsDir), 1, 1),
                    "segments directory does not exist",
                    "create it, or point segments.dir at the folder holding warehouse.yaml and the segment files");
        } else {
            DefinitionFiles.Listing listing = DefinitionFiles.list(segmentsDir, campaignsDir, diagnostics);
            refusedIds(listing, unreadable);
            Path warehouseFile = segmentsDir.resolve(WAREHOUSE_FILE);
            if (listing.files().contains(warehouseFile)) {
                warehouse = yaml.load(warehouseFile, DocumentKind.WAREHOUSE, diagnostics);
            } else if (!listing.refused().contains(warehouseFile)) {
                diagnostics.error(
                        new Location(Location.displayPath(warehouseFile), 1, 1),
                        "warehouse.yaml is missing",
                        "add the warehouse schema context (tables, columns, filters) to "
                                + Location.displayPath(segmentsDir));
            }
            List<Path> files = listing.files().stream()
                    .filter(f -> !f.getFileName().toString().equals(WAREHOUSE_FILE))
                    .toList();
            loadAll(files, DocumentKind.SEGMENT, segments, unreadable, diagnostics);
        }
        // no campaigns folder, no campaigns: Git records no empty folder, so a base revision may lack it;
        // the working tree's folders are required before loading (SegmentsJob), as prune would delete every audience
        if (Files.isDirectory(campaignsDir)) {
            DefinitionFiles.Listing listing = DefinitionFiles.list(campaignsDir, segmentsDir, diagnostics);
            refusedIds(listing, unreadable);
            loadAll(listing.files(), DocumentKind.CAMPAIGN, campaigns, unreadable, diagnostics);
        } else if (Files.exists(campaignsDir)) {
            diagnostics.error(
                    new Location(Location.displayPath(campaignsDir), 1, 1),
                    "campaigns path is not a directory",
                    "point segments.campaignsDir at a folder of campaign-mapping files");
        }
        return new LoadedProject(warehouse, segments, campaigns, unreadable, diagnostics.sorted());
    }

    private record Parsed(Path file, Optional<YamlDocument> document, List<Diagnostic> findings) {}

    /** Parses files in parallel (each parse is independent), then collects in file order. */
    private void loadAll(
            List<Path> files,
            DocumentKind kind,
            List<YamlDocument> into,
            List<String> unreadable,
            Diagnostics diagnostics) {
        List<Parsed> parsed = files.parallelStream()
                .map(file -> {
                    Diagnostics findings = new Diagnostics();
                    return new Parsed(file, yaml.load(file, kind, findings), findings.sorted());
                })
                .toList();
        for (Parsed result : parsed) {
            diagnostics.addAll(result.findings());
            if (result.document().isPresent()) {
                into.add(result.document().get());
            } else {
                unreadable.add(idOf(result.file()));
            }
        }
    }

    /** Refused files are reported where they lie; their ids count as known, so references to them get no second error. */
    private static void refusedIds(DefinitionFiles.Listing listing, List<String> unreadable) {
        listing.refused().forEach(file -> unreadable.add(idOf(file)));
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.lastIndexOf('.'));
    }
}

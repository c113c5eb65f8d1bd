package io.segmentsascode.pipeline;

import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.model.ResolvedProject;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The definitions in the configured folders. A folder setting that names no folder is an error,
 * never an empty project: a typo in it would otherwise plan, with prune, to delete everything.
 */
final class ProjectFolders {

    private ProjectFolders() {}

    static ResolvedProject resolve(SegmentsSettings settings, Stages stages) {
        Diagnostics diagnostics = new Diagnostics();
        requireFolder(
                Parameters.DIR,
                settings.segmentsDir(),
                "it must hold warehouse.yaml and the segment files",
                diagnostics);
        requireFolder(
                Parameters.CAMPAIGNS_DIR,
                settings.campaignsDir(),
                "create the folder if the project has no "
                        + "campaigns yet, with a .gitkeep file in it, as Git keeps no empty folder",
                diagnostics);
        if (diagnostics.hasErrors()) {
            throw new ConfigException(diagnostics.sorted());
        }
        return stages.check(settings.segmentsDir(), settings.campaignsDir());
    }

    private static void requireFolder(String parameter, Path folder, String ifMissing, Diagnostics diagnostics) {
        String shown = Location.displayPath(folder);
        if (!Files.exists(folder)) {
            diagnostics.error(
                    Location.ofSetting(parameter),
                    "folder '" + shown + "' does not exist",
                    "check the path; " + ifMissing);
        } else if (!Files.isDirectory(folder)) {
            diagnostics.error(
                    Location.ofSetting(parameter),
                    "'" + shown + "' is a file, not a folder",
                    "point " + parameter + " at a folder");
        }
    }
}

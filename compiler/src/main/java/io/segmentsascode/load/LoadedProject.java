package io.segmentsascode.load;

import io.segmentsascode.diagnostics.Diagnostic;
import java.util.List;
import java.util.Optional;

/**
 * Output of the load stage: every file that parsed, in file-name order, plus the findings about
 * those that did not. Later stages work on what parsed so one run reports as much as it can.
 */
public record LoadedProject(
        Optional<YamlDocument> warehouse,
        List<YamlDocument> segments,
        List<YamlDocument> campaigns,
        List<String> unreadableIds,
        List<Diagnostic> diagnostics) {

    public LoadedProject {
        segments = List.copyOf(segments);
        campaigns = List.copyOf(campaigns);
        unreadableIds = List.copyOf(unreadableIds);
        diagnostics = List.copyOf(diagnostics);
    }
}

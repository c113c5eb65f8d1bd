package io.segmentsascode.validate;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.load.YamlDocument;
import java.util.List;
import java.util.Set;

/**
 * Output of the validate stage: documents that match their schema and the naming conventions.
 * {@code declaredSegmentIds} also holds ids of files that failed, so references to them are not
 * reported a second time as unknown. {@code loadFailed}: some file could not even be read as YAML.
 */
public record ValidatedProject(
        YamlDocument warehouse,
        List<YamlDocument> segments,
        List<YamlDocument> campaigns,
        Set<String> declaredSegmentIds,
        boolean loadFailed,
        List<Diagnostic> diagnostics) {

    public ValidatedProject {
        segments = List.copyOf(segments);
        campaigns = List.copyOf(campaigns);
        declaredSegmentIds = Set.copyOf(declaredSegmentIds);
        diagnostics = List.copyOf(diagnostics);
    }
}

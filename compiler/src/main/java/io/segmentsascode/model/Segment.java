package io.segmentsascode.model;

import io.segmentsascode.diagnostics.Location;
import java.nio.file.Path;

/**
 * A resolved segment. {@code specHash} identifies its definition (for plans and markers);
 * {@code definedAt}: the key that defines its members ({@code rfm:}, {@code rules:},
 * {@code intent:} or {@code sql:}), where findings about its members point.
 */
public record Segment(
        String id,
        String family,
        String description,
        String owner,
        Stage stage,
        Refresh refresh,
        SegmentDefinition definition,
        Path file,
        String specHash,
        Location definedAt) {}

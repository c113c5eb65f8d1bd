package io.segmentsascode.model;

import java.nio.file.Path;

/** A resolved segment. {@code specHash} identifies its definition (for plans and markers). */
public record Segment(String id, String family, String description, String owner, Stage stage, Refresh refresh,
        SegmentDefinition definition, Path file, String specHash) {
}

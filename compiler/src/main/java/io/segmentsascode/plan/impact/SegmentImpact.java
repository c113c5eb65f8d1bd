package io.segmentsascode.plan.impact;

import io.segmentsascode.model.Stage;
import java.util.Map;

/** Sample figures for one segment; {@code baseMembers} is null without a base revision or when new. */
public record SegmentImpact(
        String id, String family, Stage stage, long members, Long baseMembers, Map<String, Long> labels) {}

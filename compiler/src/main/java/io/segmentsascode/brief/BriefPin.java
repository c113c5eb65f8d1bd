package io.segmentsascode.brief;

import java.util.List;

/**
 * One entry of the briefs lock: the brief, where it came from ({@code model <id>} or
 * {@code hand-written, not generated ...}), and what it was drafted from: the segment's
 * definition hash and its bucketed profile lines, on data of {@code dataDate}.
 */
public record BriefPin(
        String segmentId, String provenance, String definition, List<String> profile, String dataDate, Brief brief) {

    public static final String MODEL_PROVENANCE = "model ";
    public static final String HAND_WRITTEN_PROVENANCE = "hand-written, not generated";

    public BriefPin {
        profile = List.copyOf(profile);
    }
}

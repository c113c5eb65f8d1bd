package io.segmentsascode.model;

import io.segmentsascode.diagnostics.Location;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** A mapping of segments to a Google Ads Customer Match audience. */
public record Campaign(
        String id,
        String description,
        String owner,
        List<String> segments,
        Stage stage,
        String customerId,
        int membershipDays,
        OptionalDouble budgetShare,
        Optional<Promotion> promoteWhen,
        Path file,
        String specHash,
        Locations locations) {

    public Campaign {
        segments = List.copyOf(segments);
    }

    /** When an experimental mapping may become production: B beats A on the experiment. */
    public record Promotion(String experiment, String metric, double minUplift, double confidence) {}

    /**
     * Where the keys the plan's governance judges are written in the mapping's file, so its
     * findings point at them: {@code stage:}, {@code budget_share:} and {@code promote_when:} when
     * present, {@code segments:}, and each segment id in that list.
     */
    public record Locations(
            Location stage,
            Optional<Location> budgetShare,
            Optional<Location> promoteWhen,
            Location segments,
            Map<String, Location> segmentIds) {

        public Locations {
            segmentIds = Collections.unmodifiableMap(new LinkedHashMap<>(segmentIds));
        }
    }
}

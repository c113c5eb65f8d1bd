package io.segmentsascode.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** A mapping of segments to a Google Ads Customer Match audience. */
public record Campaign(String id, String description, String owner, List<String> segments, Stage stage,
        String customerId, int membershipDays, OptionalDouble budgetShare, Optional<Promotion> promoteWhen,
        Path file, String specHash) {

    public Campaign {
        segments = List.copyOf(segments);
    }

    /** When an experimental mapping may become production: B beats A on the experiment. */
    public record Promotion(String experiment, String metric, double minUplift, double confidence) {
    }
}

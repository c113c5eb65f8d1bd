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
        Optional<PromotionOverride> promotionOverride,
        Optional<Holdout> holdout,
        Optional<ExclusiveGroup> exclusiveGroup,
        Path file,
        String specHash,
        Locations locations) {

    public Campaign {
        segments = List.copyOf(segments);
    }

    /**
     * When an experimental mapping may become production: on {@code experiment}, B beats A on
     * {@code metric} at {@code confidence}, by at least {@code minUplift} relative to A (0.05 = 5 %).
     */
    public record Promotion(String experiment, ExperimentMetric metric, double minUplift, double confidence) {}

    /** A promotion a reviewer allows without a passing gate, and why: shown in every plan. */
    public record PromotionOverride(String reviewedBy, String reason) {}

    /**
     * A control group kept out of the audience: the members whose hash of user id and
     * {@code salt} falls in the first {@code share} of the hash space.
     */
    public record Holdout(double share, String salt) {}

    /**
     * Mutually exclusive audiences: a user who is a member of several mappings of group
     * {@code name} lands only in the one with the highest {@code priority} (unique in the group);
     * {@code at}: where its priority is written, for findings about it.
     */
    public record ExclusiveGroup(String name, int priority, Location at) {}

    /** Whether {@code other} is another mapping of this one's exclusive group that takes its users first. */
    public boolean yieldsTo(Campaign other) {
        return exclusiveGroup.isPresent()
                && other.exclusiveGroup.isPresent()
                && !other.id.equals(id)
                && other.stage != Stage.RETIRED
                && other.exclusiveGroup.get().name().equals(exclusiveGroup.get().name())
                && other.exclusiveGroup.get().priority() > exclusiveGroup.get().priority();
    }

    /**
     * Where the keys the plan's governance judges are written in the mapping's file, so its
     * findings point at them: {@code stage:}, {@code budget_share:} and {@code promote_when:} when
     * present (and {@code promotion_override:}), {@code segments:}, and each segment id in that list.
     */
    public record Locations(
            Location stage,
            Optional<Location> budgetShare,
            Optional<Location> promoteWhen,
            Optional<Location> promotionOverride,
            Location segments,
            Map<String, Location> segmentIds) {

        public Locations {
            segmentIds = Collections.unmodifiableMap(new LinkedHashMap<>(segmentIds));
        }
    }
}

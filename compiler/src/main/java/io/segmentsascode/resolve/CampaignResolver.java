package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.load.YamlDocument;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ExperimentMetric;
import io.segmentsascode.model.Stage;
import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Resolves a campaign mapping: every segment it names must exist, and a promotion gate must
 * measure something the warehouse's experiments table holds.
 */
final class CampaignResolver {

    private final Set<String> declaredSegments;
    private final Set<String> resolvedSegments;
    private final Warehouse warehouse;
    private final Diagnostics diagnostics;

    CampaignResolver(
            Set<String> declaredSegments, Set<String> resolvedSegments, Warehouse warehouse, Diagnostics diagnostics) {
        this.declaredSegments = declaredSegments;
        this.resolvedSegments = resolvedSegments;
        this.warehouse = warehouse;
        this.diagnostics = diagnostics;
    }

    Optional<Campaign> resolve(YamlDocument document) {
        YMap root = (YMap) document.root();
        List<String> segments = new ArrayList<>();
        Map<String, Location> segmentIds = new LinkedHashMap<>();
        boolean ok = true;
        for (YScalar segment : Fields.scalars(root, "segments")) {
            segmentIds.putIfAbsent(segment.text(), segment.location());
            if (!declaredSegments.contains(segment.text())) {
                diagnostics.error(
                        segment.location(),
                        "unknown segment '" + segment.text() + "'",
                        Suggestions.didYouMean(segment.text(), declaredSegments, "segments"));
                ok = false;
            } else if (!resolvedSegments.contains(segment.text())) {
                ok = false; // its own file already has an error; no second report here
            }
            segments.add(segment.text());
        }
        Optional<YMap> gate = Fields.optMap(root, "promote_when");
        if (gate.isPresent() && !supported(gate.get())) {
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        YMap ads = Fields.optMap(root, "google_ads").orElseThrow();
        Optional<Campaign.Promotion> promotion = gate.map(p -> new Campaign.Promotion(
                Fields.text(p, "experiment"),
                ExperimentMetric.parse(Fields.text(p, "metric")).orElseThrow(), // the schema lists the metrics
                Fields.optDouble(p, "min_uplift").orElseThrow(),
                Fields.optDouble(p, "confidence").orElseThrow()));
        Optional<Campaign.PromotionOverride> override = Fields.optMap(root, "promotion_override")
                .map(o -> new Campaign.PromotionOverride(Fields.text(o, "reviewed_by"), Fields.text(o, "reason")));
        Optional<Campaign.Holdout> holdout = Fields.optMap(root, "holdout")
                .map(h -> new Campaign.Holdout(Fields.optDouble(h, "share").orElseThrow(), Fields.text(h, "salt")));
        Optional<Campaign.ExclusiveGroup> exclusive = Fields.optMap(root, "exclusive_group")
                .map(g -> new Campaign.ExclusiveGroup(
                        Fields.text(g, "name"),
                        Fields.optInt(g, "priority").orElseThrow(),
                        Fields.scalar(g, "priority").orElseThrow().location()));
        Optional<Double> share = Fields.optDouble(root, "budget_share");
        Campaign.Locations locations = new Campaign.Locations(
                keyLocation(root, "stage").orElseThrow(),
                keyLocation(root, "budget_share"),
                keyLocation(root, "promote_when"),
                keyLocation(root, "promotion_override"),
                keyLocation(root, "segments").orElseThrow(),
                segmentIds);
        return Optional.of(new Campaign(
                Fields.text(root, "id"),
                Fields.text(root, "description"),
                Fields.text(root, "owner"),
                segments,
                Stage.parse(Fields.text(root, "stage")),
                Fields.text(ads, "customer_id"),
                Fields.optInt(ads, "membership_days").orElseThrow(),
                share.map(OptionalDouble::of).orElse(OptionalDouble.empty()),
                promotion,
                override,
                holdout,
                exclusive,
                document.path(),
                SpecHash.of(root),
                locations));
    }

    /**
     * Two mappings of one exclusive group with the same priority would leave a shared user's
     * audience undecided: an error at the priority of the later mapping (in id order).
     */
    static void checkPriorities(List<Campaign> campaigns, Diagnostics diagnostics) {
        Map<String, Campaign> taken = new LinkedHashMap<>();
        for (Campaign campaign : campaigns) {
            if (campaign.exclusiveGroup().isEmpty()) {
                continue;
            }
            Campaign.ExclusiveGroup group = campaign.exclusiveGroup().get();
            Campaign other = taken.putIfAbsent(group.name() + "#" + group.priority(), campaign);
            if (other != null) {
                diagnostics.error(
                        group.at(),
                        "exclusive group '" + group.name() + "': " + campaign.id() + " and " + other.id()
                                + " both have priority " + group.priority(),
                        "give each mapping of the group its own priority (higher wins)");
            }
        }
    }

    /** The gate's metric needs the experiments table with the columns it is computed from. */
    private boolean supported(YMap gate) {
        YScalar metricValue = Fields.scalar(gate, "metric").orElseThrow();
        ExperimentMetric metric = ExperimentMetric.parse(metricValue.text()).orElseThrow();
        Optional<Table> table = warehouse.table(ExperimentMetric.TABLE);
        List<String> needed = new ArrayList<>(ExperimentMetric.KEY_COLUMNS);
        needed.addAll(metric.columns());
        List<String> missing = needed.stream()
                .filter(c -> table.flatMap(t -> t.column(c)).isEmpty())
                .toList();
        if (missing.isEmpty()) {
            return true;
        }
        diagnostics.error(
                metricValue.location(),
                "promotion gate on " + metric.label() + " cannot be evaluated: "
                        + (table.isEmpty()
                                ? "warehouse.yaml declares no table '" + ExperimentMetric.TABLE + "'"
                                : "table '" + ExperimentMetric.TABLE + "' has no column " + String.join(", ", missing)),
                "declare " + String.join(", ", missing) + " in table " + ExperimentMetric.TABLE
                        + " of warehouse.yaml, or gate on another metric");
        return false;
    }

    private static Optional<Location> keyLocation(YMap map, String key) {
        return map.entry(key).map(YMap.Entry::keyLocation);
    }
}

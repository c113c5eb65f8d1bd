package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Suggestions;
import io.segmentsascode.load.YMap;
import io.segmentsascode.load.YScalar;
import io.segmentsascode.load.YamlDocument;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.Stage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/** Resolves a campaign mapping: every segment it names must exist. */
final class CampaignResolver {

    private final Set<String> declaredSegments;
    private final Set<String> resolvedSegments;
    private final Diagnostics diagnostics;

    CampaignResolver(Set<String> declaredSegments, Set<String> resolvedSegments, Diagnostics diagnostics) {
        this.declaredSegments = declaredSegments;
        this.resolvedSegments = resolvedSegments;
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
        if (!ok) {
            return Optional.empty();
        }
        YMap ads = Fields.optMap(root, "google_ads").orElseThrow();
        Optional<Campaign.Promotion> promotion = Fields.optMap(root, "promote_when")
                .map(p -> new Campaign.Promotion(
                        Fields.text(p, "experiment"), Fields.text(p, "metric"),
                        Fields.optDouble(p, "min_uplift").orElseThrow(),
                                Fields.optDouble(p, "confidence").orElseThrow()));
        Optional<Double> share = Fields.optDouble(root, "budget_share");
        Campaign.Locations locations = new Campaign.Locations(
                keyLocation(root, "stage").orElseThrow(),
                keyLocation(root, "budget_share"),
                keyLocation(root, "promote_when"),
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
                document.path(),
                SpecHash.of(root),
                locations));
    }

    private static Optional<Location> keyLocation(YMap map, String key) {
        return map.entry(key).map(YMap.Entry::keyLocation);
    }
}

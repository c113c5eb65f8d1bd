package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostics;
import io.segmentsascode.load.YamlDocument;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.validate.ValidatedProject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Resolve stage: turns validated documents into the immutable model, binding every name a
 * definition uses (tables, columns, metrics, labels, segments) and reporting all that do not exist.
 */
public final class ProjectResolver {

    /** The model, or empty when the warehouse itself did not resolve; findings in {@code diagnostics}. */
    public Optional<ResolvedProject> resolve(ValidatedProject validated, Diagnostics diagnostics) {
        if (validated.warehouse() == null) {
            return Optional.empty();
        }
        Optional<Warehouse> warehouse = new WarehouseResolver(diagnostics).resolve(validated.warehouse());
        if (warehouse.isEmpty()) {
            return Optional.empty();
        }
        SegmentResolver segmentResolver = new SegmentResolver(warehouse.get(), diagnostics);
        List<Segment> segments = new ArrayList<>();
        for (YamlDocument document : validated.segments()) {
            segmentResolver.resolve(document).ifPresent(segments::add);
        }
        segments.sort(Comparator.comparing(Segment::id));
        Set<String> resolvedIds = new HashSet<>();
        segments.forEach(s -> resolvedIds.add(s.id()));
        CampaignResolver campaignResolver = new CampaignResolver(validated.declaredSegmentIds(), resolvedIds, diagnostics);
        List<Campaign> campaigns = new ArrayList<>();
        for (YamlDocument document : validated.campaigns()) {
            campaignResolver.resolve(document).ifPresent(campaigns::add);
        }
        campaigns.sort(Comparator.comparing(Campaign::id));
        return Optional.of(new ResolvedProject(warehouse.get(), segments, campaigns));
    }
}

package io.segmentsascode.resolve;

import io.segmentsascode.diagnostics.Diagnostic;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolve stage: turns validated documents into the immutable model, binding every name a
 * definition uses (tables, columns, metrics, labels, segments) and reporting all that do not exist.
 */
public final class ProjectResolver {

    private record ResolvedSegment(
            Optional<Segment> segment, List<ConditionReader.Reference> references, List<Diagnostic> findings) {}

    /** The model, or empty when the warehouse itself did not resolve; findings in {@code diagnostics}. */
    public Optional<ResolvedProject> resolve(ValidatedProject validated, Diagnostics diagnostics) {
        if (validated.warehouse() == null) {
            return Optional.empty();
        }
        Optional<Warehouse> warehouse = new WarehouseResolver(diagnostics).resolve(validated.warehouse());
        if (warehouse.isEmpty()) {
            return Optional.empty();
        }
        // segments resolve independently against the finished warehouse: each on any core with its
        // own findings, collected in file order so the report is the same as one resolved after another
        List<ResolvedSegment> resolved = validated.segments().parallelStream()
                .map(document -> {
                    Diagnostics findings = new Diagnostics();
                    SegmentResolver resolver =
                            new SegmentResolver(warehouse.get(), validated.declaredSegmentIds(), findings);
                    Optional<Segment> segment = resolver.resolve(document);
                    return new ResolvedSegment(segment, resolver.references(), findings.sorted());
                })
                .toList();
        List<Segment> segments = new ArrayList<>();
        Map<String, List<ConditionReader.Reference>> references = new TreeMap<>();
        for (ResolvedSegment result : resolved) {
            diagnostics.addAll(result.findings());
            result.segment().ifPresent(s -> {
                segments.add(s);
                references.put(s.id(), result.references());
            });
        }
        segments.sort(Comparator.comparing(Segment::id));
        new ReferenceChecker(segments, references, diagnostics).check();
        Set<String> resolvedIds = new HashSet<>();
        segments.forEach(s -> resolvedIds.add(s.id()));
        CampaignResolver campaignResolver =
                new CampaignResolver(validated.declaredSegmentIds(), resolvedIds, warehouse.get(), diagnostics);
        List<Campaign> campaigns = new ArrayList<>();
        for (YamlDocument document : validated.campaigns()) {
            campaignResolver.resolve(document).ifPresent(campaigns::add);
        }
        campaigns.sort(Comparator.comparing(Campaign::id));
        CampaignResolver.checkPriorities(campaigns, diagnostics);
        return Optional.of(new ResolvedProject(warehouse.get(), segments, campaigns));
    }
}

package io.segmentsascode.pipeline;

import io.segmentsascode.brief.BriefLock;
import io.segmentsascode.brief.BriefStatus;
import io.segmentsascode.brief.ProfileQuery;
import io.segmentsascode.brief.SegmentProfile;
import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.render.Dialect;
import io.segmentsascode.render.RenderedSegment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The briefs of one run: a brief per segment that a campaign mapping activates (one brief per
 * segment, however many mappings share it: the profile, and so the strategy, is the segment's),
 * with each segment's profile computed on the sample engine and its pin's status.
 */
final class CampaignBriefs {

    /** The profiles that could be computed, and why the others could not. */
    record Profiles(Map<String, SegmentProfile> profiles, Map<String, String> unavailable) {}

    private CampaignBriefs() {}

    /** The segments some mapping activates, in id order. */
    static List<Segment> mapped(ResolvedProject project) {
        TreeSet<String> ids = new TreeSet<>();
        project.campaigns().stream().map(Campaign::segments).forEach(ids::addAll);
        return ids.stream().map(project::segment).flatMap(Optional::stream).toList();
    }

    static Profiles profiles(
            ResolvedProject project,
            List<RenderedSegment> previewable,
            PreviewEngine engine,
            Dialect dialect,
            Instant runTime) {
        Map<String, RenderedSegment> byId = new TreeMap<>();
        previewable.forEach(s -> byId.put(s.segmentId(), s));
        ProfileQuery query = new ProfileQuery(dialect, project.warehouse());
        Map<String, SegmentProfile> profiles = new TreeMap<>();
        Map<String, String> unavailable = new TreeMap<>();
        for (Segment segment : mapped(project)) {
            RenderedSegment sql = byId.get(segment.id());
            if (sql == null) {
                unavailable.put(segment.id(), "it does not run on the sample warehouse");
                continue;
            }
            try {
                profiles.put(segment.id(), query.read(engine, sql, runTime));
            } catch (ProfileQuery.ProfileUnavailableException e) {
                unavailable.put(segment.id(), e.getMessage());
            }
        }
        return new Profiles(profiles, unavailable);
    }

    static List<BriefStatus> statuses(ResolvedProject project, Profiles profiles, BriefLock lock) {
        List<BriefStatus> statuses = new ArrayList<>();
        for (Segment segment : mapped(project)) {
            SegmentProfile profile = profiles.profiles().get(segment.id());
            statuses.add(
                    profile == null
                            ? BriefStatus.unprofiled(
                                    segment.id(), lock, profiles.unavailable().get(segment.id()))
                            : BriefStatus.of(segment, profile, lock));
        }
        return statuses;
    }

    /** A stale brief is a warning that says the date of the data it was drafted on; nothing else is a finding. */
    static List<Finding> findings(ResolvedProject project, List<BriefStatus> statuses) {
        return statuses.stream()
                .filter(s -> s.kind() == BriefStatus.Kind.STALE)
                .map(s -> new Finding(
                        Severity.WARNING,
                        "stale-brief",
                        s.segmentId(),
                        s.staleMessage() + "; run mvn segments:generate to draft it again",
                        project.segment(s.segmentId())
                                .map(seg -> Finding.locationOf(seg.file(), seg.definedAt()))
                                .orElse("")))
                .toList();
    }
}

package io.segmentsascode.plan.impact;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.model.Segment;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.SegmentPreview;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.RenderedSegment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Sample figures for a plan: members per segment, Jaccard overlap of segments that share a
 * campaign mapping or a family, and members per campaign audience (the union of its segments).
 * Everything is cached by SQL hash, so the work grows with what changed, not with all pairs.
 * Families with more than {@link #MAX_FAMILY_FOR_PAIRS} segments are compared only within
 * campaigns (their all-pairs overlap would not be readable anyway).
 */
public final class ImpactAnalyzer {

    public static final int MAX_FAMILY_FOR_PAIRS = 40;
    public static final String CACHE_FILE = "impact-cache.json";

    /**
     * What the analysis found; sizes by segment id, audience members by campaign id. {@code failures}:
     * why each segment that failed on the sample has no figures (nor any overlap or audience it is in).
     * {@code movedToHigherPriority}: per mapping of an exclusive group, how many of its segments'
     * members it leaves to a higher-priority mapping of the group (its audience figure is without them).
     * {@code baseOverlaps}: the same pairs computed for the base revision (empty without one).
     */
    public record Impact(
            Map<String, SegmentPreview> sizes,
            Map<String, Long> baseSizes,
            List<Overlap> overlaps,
            Map<String, Long> audienceMembers,
            List<String> skippedFamilies,
            Map<String, String> failures,
            Map<String, Long> movedToHigherPriority,
            List<Overlap> baseOverlaps) {}

    private final PreviewEngine engine;
    private final Instant runTime;
    private final double threshold;
    private final Consumer<String> progress;

    public ImpactAnalyzer(PreviewEngine engine, Instant runTime, double threshold, Consumer<String> progress) {
        this.engine = engine;
        this.runTime = runTime;
        this.threshold = threshold;
        this.progress = progress;
    }

    /** {@code baseRendered}: the base revision's segments (may be empty), sized for the "vs base" column. */
    public Impact analyze(
            ResolvedProject project,
            List<RenderedSegment> rendered,
            List<RenderedSegment> baseRendered,
            Path stateDir) {
        return analyze(project, rendered, null, baseRendered, stateDir);
    }

    /**
     * With the base revision's project ({@code null}: none), its overlaps are computed too, for the
     * review's overlap changes; pairs of unchanged SQL come from the cache.
     */
    public Impact analyze(
            ResolvedProject project,
            List<RenderedSegment> rendered,
            ResolvedProject baseProject,
            List<RenderedSegment> baseRendered,
            Path stateDir) {
        Map<String, RenderedSegment> byId = new LinkedHashMap<>();
        Map<String, String> keys = new HashMap<>();
        for (RenderedSegment segment : rendered) {
            byId.put(segment.segmentId(), segment);
            keys.put(segment.segmentId(), Sha256.hex(segment.sql()));
        }
        ImpactCache cache = new ImpactCache(stateDir.resolve(CACHE_FILE), engine.dataFingerprint(), runTime.toString());

        Map<String, SegmentPreview> sizes = new TreeMap<>();
        Map<String, String> failures = new TreeMap<>();
        int done = 0;
        for (RenderedSegment segment : rendered) {
            try {
                ImpactCache.Size size = size(segment, keys.get(segment.segmentId()), cache);
                sizes.put(
                        segment.segmentId(),
                        new SegmentPreview(segment.segmentId(), size.members(), size.labels(), Duration.ZERO));
            } catch (SegmentRunException e) {
                failures.put(e.segmentId(), e.reason()); // not cached: it runs again until it is fixed
            }
            if (++done % 500 == 0) {
                progress.accept("impact: " + done + "/" + rendered.size() + " segments sized");
            }
        }
        Map<String, Long> baseSizes = new TreeMap<>();
        Map<String, RenderedSegment> baseById = new LinkedHashMap<>();
        Map<String, String> baseKeys = new HashMap<>();
        Set<String> usedSizes = new TreeSet<>(keys.values());
        for (RenderedSegment segment : baseRendered) {
            String key = Sha256.hex(segment.sql());
            usedSizes.add(key);
            baseById.put(segment.segmentId(), segment);
            baseKeys.put(segment.segmentId(), key);
            try {
                baseSizes.put(segment.segmentId(), size(segment, key, cache).members());
            } catch (SegmentRunException e) {
                // the base is only compared with: a base segment that fails has no "before" figure
            }
        }

        List<String> skipped = skippedFamilies(project);
        Map<String, Long> members = new TreeMap<>();
        sizes.forEach((id, size) -> members.put(id, size.members()));
        Set<String> usedPairs = new TreeSet<>();
        MemberSets headSets = new MemberSets(byId);
        List<Overlap> overlaps = overlaps(project, members, keys, headSets, cache, usedPairs);
        List<Overlap> baseOverlaps = baseProject == null
                ? List.of()
                : overlaps(baseProject, baseSizes, baseKeys, new MemberSets(baseById), cache, usedPairs);

        Map<String, Long> audiences = new TreeMap<>();
        Set<String> usedUnions = new TreeSet<>();
        for (Campaign campaign : project.campaigns()) {
            if (!sizes.keySet().containsAll(campaign.segments())) {
                continue;
            }
            String unionKey = String.join(
                    "|", campaign.segments().stream().map(keys::get).sorted().toList());
            usedUnions.add(unionKey);
            Long union = cache.unions.get(unionKey);
            if (union == null) {
                union = campaign.segments().size() == 1
                        ? sizes.get(campaign.segments().get(0)).members()
                        : headSets.unionSize(campaign.segments());
                cache.unions.put(unionKey, union);
            }
            audiences.put(campaign.id(), union);
        }
        Map<String, Long> moved = new TreeMap<>();
        for (Campaign campaign : project.campaigns()) {
            List<Campaign> higher =
                    project.campaigns().stream().filter(campaign::yieldsTo).toList();
            if (!audiences.containsKey(campaign.id()) || higher.isEmpty()) {
                continue;
            }
            if (higher.stream().anyMatch(h -> !sizes.keySet().containsAll(h.segments()))) {
                continue; // a higher mapping without figures: nothing to say how many it takes
            }
            Set<String> own = headSets.union(campaign.segments());
            Set<String> taken = new HashSet<>();
            higher.forEach(h -> taken.addAll(headSets.union(h.segments())));
            long kept = own.stream().filter(user -> !taken.contains(user)).count();
            moved.put(campaign.id(), own.size() - kept);
            audiences.put(campaign.id(), kept);
        }
        cache.save(usedSizes, usedPairs, usedUnions);
        return new Impact(sizes, baseSizes, overlaps, audiences, skipped, failures, moved, baseOverlaps);
    }

    /** Jaccard overlap of every pair that shares a campaign or a small family, from the cache where the SQL is known. */
    private List<Overlap> overlaps(
            ResolvedProject project,
            Map<String, Long> members,
            Map<String, String> keys,
            MemberSets sets,
            ImpactCache cache,
            Set<String> usedPairs) {
        List<Overlap> overlaps = new ArrayList<>();
        for (Map.Entry<String, TreeSet<String>> pair : pairs(project).entrySet()) {
            String[] ids = pair.getKey().split("\\|");
            if (!members.containsKey(ids[0]) || !members.containsKey(ids[1])) {
                continue; // a segment the engine cannot run, or that failed on it, has no figures
            }
            String pairKey = keys.get(ids[0]) + "|" + keys.get(ids[1]);
            usedPairs.add(pairKey);
            Long intersection = cache.intersections.get(pairKey);
            if (intersection == null) {
                intersection = sets.intersection(ids[0], ids[1]);
                cache.intersections.put(pairKey, intersection);
            }
            long union = members.get(ids[0]) + members.get(ids[1]) - intersection;
            double jaccard = union == 0 ? 0 : Math.round((double) intersection / union * 10_000) / 10_000.0;
            overlaps.add(new Overlap(
                    ids[0],
                    ids[1],
                    String.join(", ", pair.getValue()),
                    intersection,
                    union,
                    jaccard,
                    jaccard >= threshold));
        }
        return overlaps;
    }

    private ImpactCache.Size size(RenderedSegment segment, String key, ImpactCache cache) {
        ImpactCache.Size cached = cache.sizes.get(key);
        if (cached == null) {
            SegmentPreview preview = engine.run(segment, runTime);
            cached = new ImpactCache.Size(preview.members(), preview.labelCounts());
            cache.sizes.put(key, cached);
        }
        return cached;
    }

    /** "a|b" (a < b) → what they share: "campaign cmp_x", "family rfm". */
    static Map<String, TreeSet<String>> pairs(ResolvedProject project) {
        Map<String, TreeSet<String>> pairs = new TreeMap<>();
        for (Campaign campaign : project.campaigns()) {
            addPairs(campaign.segments(), "campaign " + campaign.id(), pairs);
        }
        Map<String, List<String>> families = families(project);
        families.forEach((family, ids) -> {
            if (ids.size() <= MAX_FAMILY_FOR_PAIRS) {
                addPairs(ids, "family " + family, pairs);
            }
        });
        return pairs;
    }

    private static List<String> skippedFamilies(ResolvedProject project) {
        List<String> skipped = new ArrayList<>();
        families(project).forEach((family, ids) -> {
            if (ids.size() > MAX_FAMILY_FOR_PAIRS) {
                skipped.add(family);
            }
        });
        return skipped;
    }

    private static Map<String, List<String>> families(ResolvedProject project) {
        Map<String, List<String>> families = new TreeMap<>();
        for (Segment segment : project.segments()) {
            families.computeIfAbsent(segment.family(), f -> new ArrayList<>()).add(segment.id());
        }
        return families;
    }

    private static void addPairs(List<String> ids, String sharedBy, Map<String, TreeSet<String>> pairs) {
        List<String> sorted = new ArrayList<>(new TreeSet<>(ids));
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                pairs.computeIfAbsent(sorted.get(i) + "|" + sorted.get(j), k -> new TreeSet<>())
                        .add(sharedBy);
            }
        }
    }

    /** Member lists fetched once per segment, only for segments whose figures are not cached. */
    private final class MemberSets {
        private final Map<String, RenderedSegment> byId;
        private final Map<String, String[]> fetched = new HashMap<>();

        MemberSets(Map<String, RenderedSegment> byId) {
            this.byId = byId;
        }

        private String[] of(String id) {
            return fetched.computeIfAbsent(id, k -> {
                // sorted here, not by the engine: the merge below needs Java's own string order
                String[] members = engine.members(byId.get(k), runTime).toArray(String[]::new);
                Arrays.sort(members);
                return members;
            });
        }

        long intersection(String a, String b) {
            String[] left = of(a);
            String[] right = of(b);
            long common = 0;
            int i = 0;
            int j = 0;
            while (i < left.length && j < right.length) {
                int order = left[i].compareTo(right[j]);
                if (order == 0) {
                    common++;
                    i++;
                    j++;
                } else if (order < 0) {
                    i++;
                } else {
                    j++;
                }
            }
            return common;
        }

        long unionSize(List<String> ids) {
            return union(ids).size();
        }

        Set<String> union(List<String> ids) {
            Set<String> all = new HashSet<>();
            ids.forEach(id -> all.addAll(List.of(of(id))));
            return all;
        }
    }
}

package io.segmentsascode.plan.live;

import io.segmentsascode.generate.RefreshScript;
import io.segmentsascode.model.ColumnType;
import io.segmentsascode.model.OutputColumn;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.plan.impact.Overlap;
import io.segmentsascode.preview.SegmentPreview;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Sizes and overlaps measured on the materialised segment tables. Two queries from fixed
 * templates, whatever the number of segments: one counts every table's members, one intersects
 * every pair the sample figures compare (segments sharing a family or a campaign mapping). Their
 * only variable parts are segment ids, which the naming convention limits to lower-case letters,
 * digits and underscores (checked again here), and table names derived from them. The caller puts
 * both through the guard as they are sent. Segments without a table keep the sample's figures.
 */
public final class LiveFigures {

    public static final List<OutputColumn> SIZE_COLUMNS =
            List.of(new OutputColumn("segment_id", ColumnType.STRING), new OutputColumn("members", ColumnType.INT64));

    public static final List<OutputColumn> OVERLAP_COLUMNS = List.of(
            new OutputColumn("segment_a", ColumnType.STRING),
            new OutputColumn("segment_b", ColumnType.STRING),
            new OutputColumn("shared", ColumnType.INT64));

    private static final Pattern SEGMENT_ID = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * At most this many segments or pairs per query: BigQuery refuses query texts over 1 MB, and a
     * pair's statement is about 300 characters.
     */
    public static final int PER_QUERY = 500;

    /** The queries to send, each at most {@link #PER_QUERY} segments or pairs; {@code overlaps} is empty when no pair of measured segments is compared. */
    public record Queries(List<String> sizes, List<String> overlaps, List<String> measured) {
        public Queries {
            sizes = List.copyOf(sizes);
            overlaps = List.copyOf(overlaps);
            measured = List.copyOf(measured);
        }
    }

    /** Figures for the plan, and where each segment's came from. */
    public record Figures(
            Map<String, SegmentPreview> sizes, List<Overlap> overlaps, Map<String, String> sources, String label) {}

    private LiveFigures() {}

    /**
     * {@code tables}: the segments whose table exists (segment table name = segment id), among
     * those with sample figures; {@code pairs}: the sample's overlaps, whose pairs are measured
     * again when both tables exist. Empty when no table exists yet.
     */
    public static Optional<Queries> queries(Warehouse warehouse, Collection<String> tables, List<Overlap> pairs) {
        List<String> measured = tables.stream().sorted().distinct().toList();
        if (measured.isEmpty()) {
            return Optional.empty();
        }
        List<String> sizes = measured.stream()
                .map(id -> "SELECT " + literal(id) + " AS segment_id, COUNT(DISTINCT user_id) AS members FROM "
                        + table(warehouse, id))
                .toList();
        List<String> overlaps = new ArrayList<>();
        for (Overlap pair : pairs) {
            if (measured.contains(pair.a()) && measured.contains(pair.b())) {
                overlaps.add("SELECT " + literal(pair.a()) + " AS segment_a, " + literal(pair.b())
                        + " AS segment_b, COUNT(*) AS shared FROM (SELECT DISTINCT user_id FROM "
                        + table(warehouse, pair.a()) + ") AS a INNER JOIN (SELECT DISTINCT user_id FROM "
                        + table(warehouse, pair.b()) + ") AS b USING (user_id)");
            }
        }
        return Optional.of(new Queries(unions(sizes), unions(overlaps), measured));
    }

    /** The statements joined with UNION ALL, {@link #PER_QUERY} to a query. */
    private static List<String> unions(List<String> statements) {
        List<String> queries = new ArrayList<>();
        for (int from = 0; from < statements.size(); from += PER_QUERY) {
            queries.add(String.join(
                    "\nUNION ALL\n", statements.subList(from, Math.min(statements.size(), from + PER_QUERY))));
        }
        return queries;
    }

    /**
     * The sample figures with every measured segment's size and every measured pair's overlap
     * replaced by the tables' answers. {@code sizeRows}: (segment_id, members); {@code overlapRows}:
     * (segment_a, segment_b, shared); {@code refreshed}: the measured tables' modification times,
     * for the label.
     */
    public static Figures merge(
            Map<String, SegmentPreview> sampleSizes,
            List<Overlap> sampleOverlaps,
            List<List<String>> sizeRows,
            List<List<String>> overlapRows,
            Map<String, Instant> refreshed,
            String outputDataset,
            String sampleLabel,
            double threshold) {
        Map<String, Long> members = new TreeMap<>();
        for (List<String> row : sizeRows) {
            members.put(row.get(0), number(row.get(1)));
        }
        Map<String, Long> shared = new TreeMap<>();
        for (List<String> row : overlapRows) {
            shared.put(row.get(0) + "|" + row.get(1), number(row.get(2)));
        }
        Map<String, SegmentPreview> sizes = new TreeMap<>();
        Map<String, String> sources = new TreeMap<>();
        sampleSizes.forEach((id, sample) -> {
            Long live = members.get(id);
            sources.put(id, live == null ? LiveChecks.FROM_SAMPLE : LiveChecks.FROM_TABLE);
            // the label breakdown stays the sample's: the tables are sized, not profiled
            sizes.put(id, live == null ? sample : new SegmentPreview(id, live, sample.labelCounts(), Duration.ZERO));
        });
        List<Overlap> overlaps = new ArrayList<>();
        for (Overlap sample : sampleOverlaps) {
            Long intersection = shared.get(sample.a() + "|" + sample.b());
            if (intersection == null) {
                overlaps.add(sample);
                continue;
            }
            long union = sizes.get(sample.a()).members() + sizes.get(sample.b()).members() - intersection;
            double jaccard = union == 0 ? 0 : Math.round((double) intersection / union * 10_000) / 10_000.0;
            overlaps.add(new Overlap(
                    sample.a(), sample.b(), sample.sharedBy(), intersection, union, jaccard, jaccard >= threshold));
        }
        return new Figures(
                sizes, overlaps, sources, label(members.keySet(), sources, refreshed, outputDataset, sampleLabel));
    }

    /** Names the dataset and the tables' refresh times, and the sample for the segments still without a table. */
    static String label(
            Collection<String> measured,
            Map<String, String> sources,
            Map<String, Instant> refreshed,
            String outputDataset,
            String sampleLabel) {
        List<Instant> times = measured.stream()
                .map(refreshed::get)
                .filter(time -> time != null)
                .sorted()
                .toList();
        String when = times.isEmpty()
                ? ""
                : times.get(0).equals(times.get(times.size() - 1))
                        ? ", refreshed " + times.get(0)
                        : ", refreshed " + times.get(0) + " to " + times.get(times.size() - 1);
        long fromSample =
                sources.values().stream().filter(LiveChecks.FROM_SAMPLE::equals).count();
        return "BigQuery segment tables in " + outputDataset + when
                + (fromSample == 0
                        ? ""
                        : "; " + fromSample + " segment" + (fromSample == 1 ? "" : "s") + " without a table yet: "
                                + sampleLabel);
    }

    private static String literal(String segmentId) {
        if (!SEGMENT_ID.matcher(segmentId).matches()) {
            throw new IllegalArgumentException("not a segment id: " + segmentId);
        }
        return "'" + segmentId + "'";
    }

    private static String table(Warehouse warehouse, String segmentId) {
        literal(segmentId);
        return "`" + warehouse.managedName(RefreshScript.segmentTable(segmentId)) + "`";
    }

    private static long number(String text) {
        return text == null ? 0 : Long.parseLong(text);
    }
}

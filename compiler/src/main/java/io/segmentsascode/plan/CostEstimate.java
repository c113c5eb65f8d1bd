package io.segmentsascode.plan;

import io.segmentsascode.model.Refresh;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the scheduled refreshes would cost: per cadence, bytes per refresh from the target's dry
 * runs and estimates, priced at {@code pricePerTib} per TiB (2^40 bytes), times the runs a month
 * has (daily 30.44 = 365.25 / 12, weekly 4.35 = 30.44 / 7). Amounts keep 6 decimals, rounded half
 * to even, so equal bytes always give byte-identical plans.
 *
 * <p>Attribution: a segment's bytes are its own statements plus an equal share of its cadence's
 * feature build among the segments that read the feature table (the remainder of the division
 * goes to the first ones in id order), so the segments' bytes add up to the cadence's.
 *
 * @param applicable false where the target bills nothing per query (the local target): {@code note} says so
 * @param base       the same estimate of a review's base revision (its guarded scripts dry-run alike), or null
 */
public record CostEstimate(
        boolean applicable,
        String note,
        String currency,
        BigDecimal pricePerTib,
        long bytesPerMonth,
        BigDecimal costPerMonth,
        List<RefreshCost> refreshes,
        CostEstimate base) {

    /** BigQuery on-demand list price per TiB in USD (pricing page, "On-demand compute pricing"). */
    public static final BigDecimal DEFAULT_PRICE_PER_TIB = new BigDecimal("6.25");

    public static final String CURRENCY = "USD";
    private static final int SCALE = 6;
    private static final BigDecimal TIB = BigDecimal.valueOf(1L << 40);
    private static final Map<Refresh, BigDecimal> RUNS_PER_MONTH =
            Map.of(Refresh.DAILY, new BigDecimal("30.44"), Refresh.WEEKLY, new BigDecimal("4.35"));

    /** One cadence's refresh. */
    public record RefreshCost(
            String cadence,
            BigDecimal runsPerMonth,
            long bytesPerRefresh,
            BigDecimal costPerRefresh,
            long bytesPerMonth,
            BigDecimal costPerMonth,
            long featureBuildBytes,
            List<SegmentCost> segments,
            List<String> basis) {

        public RefreshCost {
            segments = List.copyOf(segments);
            basis = List.copyOf(basis);
        }
    }

    /** One segment's part of its cadence's refresh: {@code ownBytes + featureShareBytes = bytesPerRefresh}. */
    public record SegmentCost(
            String segmentId,
            String cadence,
            long bytesPerRefresh,
            long ownBytes,
            long featureShareBytes,
            long bytesPerMonth,
            BigDecimal costPerMonth) {}

    public CostEstimate {
        refreshes = List.copyOf(refreshes);
    }

    /** For a target that bills nothing per query: one line, no figures. */
    public static CostEstimate notApplicable(String target) {
        return new CostEstimate(
                false,
                "cost is not applicable to the " + target
                        + " target: it runs on this machine and bills nothing per query",
                CURRENCY,
                BigDecimal.ZERO,
                0,
                BigDecimal.ZERO,
                List.of(),
                null);
    }

    public static CostEstimate of(List<RefreshScan> scans, BigDecimal pricePerTib) {
        List<RefreshCost> refreshes = new ArrayList<>();
        for (RefreshScan scan : scans) {
            refreshes.add(refresh(scan, pricePerTib));
        }
        refreshes.sort(Comparator.comparing(RefreshCost::cadence));
        long bytesPerMonth =
                refreshes.stream().mapToLong(RefreshCost::bytesPerMonth).sum();
        BigDecimal costPerMonth =
                refreshes.stream().map(RefreshCost::costPerMonth).reduce(money(BigDecimal.ZERO), BigDecimal::add);
        return new CostEstimate(
                true,
                "estimated from BigQuery dry runs at " + pricePerTib.toPlainString() + " " + CURRENCY + " per TiB;"
                        + " BigQuery bills at least 10 MB per table a query reads, so small refreshes cost a little more",
                CURRENCY,
                pricePerTib,
                bytesPerMonth,
                costPerMonth,
                refreshes,
                null);
    }

    /** This estimate with the base revision's, for before → after. */
    public CostEstimate withBase(CostEstimate base) {
        return new CostEstimate(applicable, note, currency, pricePerTib, bytesPerMonth, costPerMonth, refreshes, base);
    }

    /** The base revision's refresh of {@code cadence}; null without a base or where the base had none. */
    public RefreshCost baseRefresh(String cadence) {
        if (base == null) {
            return null;
        }
        return base.refreshes().stream()
                .filter(r -> r.cadence().equals(cadence))
                .findFirst()
                .orElse(null);
    }

    private static RefreshCost refresh(RefreshScan scan, BigDecimal price) {
        Refresh cadence = Refresh.parse(scan.cadence());
        BigDecimal runs = RUNS_PER_MONTH.get(cadence);
        List<RefreshScan.SegmentScan> sharing = scan.segments().stream()
                .filter(RefreshScan.SegmentScan::readsFeatures)
                .sorted(Comparator.comparing(RefreshScan.SegmentScan::segmentId))
                .toList();
        long share = sharing.isEmpty() ? 0 : scan.featureBuildBytes() / sharing.size();
        long remainder = sharing.isEmpty() ? 0 : scan.featureBuildBytes() % sharing.size();
        List<SegmentCost> segments = new ArrayList<>();
        long total = scan.featureBuildBytes();
        for (RefreshScan.SegmentScan segment : scan.segments()) {
            long featureShare = 0;
            int rank = sharing.indexOf(segment);
            if (rank >= 0) {
                featureShare = share + (rank < remainder ? 1 : 0);
            }
            long bytes = segment.ownBytes() + featureShare;
            total += segment.ownBytes();
            segments.add(new SegmentCost(
                    segment.segmentId(),
                    scan.cadence(),
                    bytes,
                    segment.ownBytes(),
                    featureShare,
                    monthly(bytes, runs),
                    money(cost(bytes, price).multiply(runs))));
        }
        segments.sort(Comparator.comparing(SegmentCost::segmentId));
        BigDecimal perRefresh = cost(total, price);
        return new RefreshCost(
                scan.cadence(),
                runs,
                total,
                money(perRefresh),
                monthly(total, runs),
                money(perRefresh.multiply(runs)),
                scan.featureBuildBytes(),
                segments,
                scan.basis());
    }

    /** The segments that cost the most per month, most first (ties by id). */
    public List<SegmentCost> costliest(int limit) {
        return refreshes.stream()
                .flatMap(r -> r.segments().stream())
                .sorted(Comparator.comparingLong(SegmentCost::bytesPerMonth)
                        .reversed()
                        .thenComparing(SegmentCost::segmentId))
                .limit(limit)
                .toList();
    }

    /** The exact cost of {@code bytes}, unrounded. */
    public static BigDecimal cost(long bytes, BigDecimal pricePerTib) {
        return BigDecimal.valueOf(bytes).multiply(pricePerTib).divide(TIB);
    }

    private static long monthly(long bytes, BigDecimal runs) {
        return BigDecimal.valueOf(bytes)
                .multiply(runs)
                .setScale(0, RoundingMode.HALF_EVEN)
                .longValueExact();
    }

    private static BigDecimal money(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_EVEN);
    }
}

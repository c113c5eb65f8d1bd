package io.segmentsascode.brief;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a brief is drafted from: a segment's figures on the target's data, each one bucketed so
 * that daily movement does not change it. Members to two significant figures; the recency of the
 * middle half of buyers as a span of fixed day bands; average order value as a band; each
 * channel's share of orders to the nearest 10 %; the three categories with most orders.
 * {@code dataDate}: the day of the data, shown when the brief goes stale (not part of the buckets).
 */
public record SegmentProfile(
        String segmentId,
        long members,
        String recency,
        String averageOrderValue,
        Map<String, Integer> channelShares,
        List<String> topCategories,
        LocalDate dataDate) {

    /** Upper ends (days, inclusive) of the recency bands; past the last one is "over 365". */
    static final int[] RECENCY_BANDS = {7, 30, 90, 180, 365};
    /** Lower ends of the average order value bands (currency units). */
    static final int[] VALUE_BANDS = {0, 25, 50, 100, 200, 500, 1000};

    public SegmentProfile {
        channelShares = Map.copyOf(channelShares);
        topCategories = List.copyOf(topCategories);
    }

    /**
     * The bucketed figures, one per line, the same text in the prompt, in the lock and in the
     * report: a brief is current while these lines are unchanged.
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("size: " + String.format(Locale.ROOT, "%,d", twoSignificantFigures(members)) + " users");
        lines.add("last purchase: " + recency);
        lines.add("average order value: " + averageOrderValue);
        lines.add("channel mix (share of orders): "
                + (channelShares.isEmpty()
                        ? "no orders"
                        : channelShares.entrySet().stream()
                                .sorted(Map.Entry.<String, Integer>comparingByValue()
                                        .reversed()
                                        .thenComparing(Map.Entry.comparingByKey()))
                                .map(e -> e.getKey() + " " + e.getValue() + " %")
                                .collect(Collectors.joining(", "))));
        lines.add("top categories: " + (topCategories.isEmpty() ? "none" : String.join(", ", topCategories)));
        return lines;
    }

    static long twoSignificantFigures(long n) {
        if (n < 100) {
            return n;
        }
        long scale = 1;
        while (n / scale >= 100) {
            scale *= 10;
        }
        return Math.round((double) n / scale) * scale;
    }

    /** The band a whole number of days falls in, e.g. {@code 31–90 days}. */
    static int recencyBand(long days) {
        for (int i = 0; i < RECENCY_BANDS.length; i++) {
            if (days <= RECENCY_BANDS[i]) {
                return i;
            }
        }
        return RECENCY_BANDS.length;
    }

    static String recencySpan(int fromBand, int toBand) {
        int low = fromBand == 0 ? 0 : RECENCY_BANDS[fromBand - 1] + 1;
        if (toBand >= RECENCY_BANDS.length) {
            return low > RECENCY_BANDS[RECENCY_BANDS.length - 1]
                    ? "over " + RECENCY_BANDS[RECENCY_BANDS.length - 1] + " days ago (middle half of buyers)"
                    : low + " to over " + RECENCY_BANDS[RECENCY_BANDS.length - 1] + " days ago (middle half of buyers)";
        }
        return low + "–" + RECENCY_BANDS[toBand] + " days ago (middle half of buyers)";
    }

    static String valueBand(double averageOrderValue) {
        for (int i = VALUE_BANDS.length - 1; i >= 0; i--) {
            if (averageOrderValue >= VALUE_BANDS[i]) {
                return i == VALUE_BANDS.length - 1
                        ? VALUE_BANDS[i] + " or more"
                        : VALUE_BANDS[i] + "–" + VALUE_BANDS[i + 1];
            }
        }
        return "below 0";
    }

    /** A share of orders rounded to the nearest 10 % (half up). */
    static int tenPercent(long part, long whole) {
        return whole == 0 ? 0 : (int) (Math.floorDiv(part * 100 + whole * 5, whole * 10) * 10);
    }
}

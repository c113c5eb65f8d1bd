package io.segmentsascode.model;

/** How far back an aggregate looks from the reference time. */
public record MetricWindow(Kind kind, int days) {

    public enum Kind {
        SEGMENT_DEFAULT,
        DAYS,
        LIFETIME
    }

    public static final MetricWindow SEGMENT_DEFAULT = new MetricWindow(Kind.SEGMENT_DEFAULT, 0);
    public static final MetricWindow LIFETIME = new MetricWindow(Kind.LIFETIME, 0);

    public static MetricWindow days(int days) {
        return new MetricWindow(Kind.DAYS, days);
    }

    /** The window in days, or -1 for lifetime, once the segment's own window is known. */
    public int effectiveDays(int segmentWindowDays) {
        return switch (kind) {
            case SEGMENT_DEFAULT -> segmentWindowDays;
            case DAYS -> days;
            case LIFETIME -> -1;
        };
    }
}

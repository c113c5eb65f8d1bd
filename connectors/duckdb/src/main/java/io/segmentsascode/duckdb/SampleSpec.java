package io.segmentsascode.duckdb;

/**
 * Size and seed of a generated sample warehouse. The same spec always yields the same data, so
 * previews are reproducible and the generated file can be cached under the spec's name.
 */
public record SampleSpec(int users, long seed) {

    public static final int DEFAULT_USERS = 20_000;
    public static final long DEFAULT_SEED = 42;
    /** What the generator produces on average; lets people size a sample by events, not users. */
    public static final int AVERAGE_EVENTS_PER_USER = 25;

    public SampleSpec {
        if (users < 1) {
            throw new IllegalArgumentException("a sample needs at least 1 user, got " + users);
        }
    }

    public static SampleSpec defaults() {
        return new SampleSpec(DEFAULT_USERS, DEFAULT_SEED);
    }

    /** About {@code events} events in total (e.g. 10M events ≈ 400,000 users), default seed. */
    public static SampleSpec forEvents(long events) {
        long users = Math.max(1, (events + AVERAGE_EVENTS_PER_USER - 1) / AVERAGE_EVENTS_PER_USER);
        if (users > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many events for one sample: " + events);
        }
        return new SampleSpec((int) users, DEFAULT_SEED);
    }
}

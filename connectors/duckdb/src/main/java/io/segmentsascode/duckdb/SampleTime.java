package io.segmentsascode.duckdb;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The time frame of generated data: two years of activity ending at a fixed instant, never the
 * wall clock, so "the last 30 days" mean the same rows on any day the preview runs.
 */
final class SampleTime {

    static final Instant END = Instant.parse("2026-10-31T23:59:59Z");
    static final Duration SPAN = Duration.ofDays(730);
    static final long DAY = 86_400;

    static final long END_SECOND = END.getEpochSecond();
    static final long START_SECOND = END_SECOND - SPAN.getSeconds();
    static final LocalDate END_DATE = LocalDate.ofInstant(END, ZoneOffset.UTC);

    private SampleTime() {}

    static long daysBeforeEnd(double days) {
        return END_SECOND - Math.round(days * DAY);
    }

    /** Naive UTC, as the raw tables store timestamps. */
    static LocalDateTime timestamp(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
    }

    static LocalDate date(long epochSecond) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochSecond, DAY));
    }
}

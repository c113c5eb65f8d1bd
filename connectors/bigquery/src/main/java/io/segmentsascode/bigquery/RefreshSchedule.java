package io.segmentsascode.bigquery;

import io.segmentsascode.digest.Sha256;
import io.segmentsascode.model.Refresh;

/**
 * When a cadence's scheduled query runs: in UTC (Data Transfer schedules are UTC; saying so keeps
 * readers from assuming local time), early in the day after most daily event exports land, and off
 * the hour, at a minute derived from the cadence name, so that our runs do not join every other
 * job that starts at :00. Deterministic, so plans are stable.
 */
public record RefreshSchedule(Refresh cadence, int hour, int minute) {

    public static RefreshSchedule of(Refresh cadence) {
        long bits =
                Long.parseLong(Sha256.hex("refresh schedule " + cadence.label()).substring(0, 8), 16);
        return new RefreshSchedule(cadence, 3 + (int) (bits % 3), 1 + (int) ((bits / 3) % 59));
    }

    /** Data Transfer's schedule syntax. */
    public String dataTransferSyntax() {
        String day = switch (cadence) {
            case DAILY -> "every day";
            case WEEKLY -> "every monday";
        };
        return String.format("%s %02d:%02d", day, hour, minute);
    }

    /** As the plan shows it. */
    public String describe() {
        return dataTransferSyntax() + " UTC (off the hour)";
    }
}

package io.segmentsascode.duckdb.translate;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BigQuery TIMESTAMP literal text to DuckDB's naive-UTC TIMESTAMP text. BigQuery applies the
 * literal's time zone (offset or tz database name; none means UTC); DuckDB's TIMESTAMP would
 * silently drop it, so the zone is applied here.
 */
final class TimestampLiterals {

    private TimestampLiterals() {
    }

    private static final Pattern CANONICAL = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})"
                    + "(?:[ Tt](\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.(\\d{1,6}))?)?"
                    + "\\s*(.*)");
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2})(?::?(\\d{2}))?");

    /** Whether the text looks like a timestamp that carries a time zone (used to refuse bare strings). */
    static boolean hasTimeZone(String text) {
        Matcher m = CANONICAL.matcher(text.trim());
        return m.matches() && m.group(4) != null && !m.group(8).isEmpty();
    }

    /** The UTC wall-clock text of a BigQuery timestamp literal, or empty if it is not one. */
    static Optional<String> toUtc(String text) {
        Matcher m = CANONICAL.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int nanos = 0;
            String fraction = m.group(7);
            if (fraction != null) {
                nanos = Integer.parseInt((fraction + "000000").substring(0, 6)) * 1000;
            }
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
            Optional<ZoneId> zone = zone(m.group(8).trim());
            if (zone.isEmpty()) {
                return Optional.empty();
            }
            LocalDateTime utc = local.atZone(zone.get()).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime();
            StringBuilder out = new StringBuilder(String.format("%04d-%02d-%02d %02d:%02d:%02d", utc.getYear(),
                    utc.getMonthValue(), utc.getDayOfMonth(), utc.getHour(), utc.getMinute(), utc.getSecond()));
            if (utc.getNano() != 0) {
                out.append(String.format(".%06d", utc.getNano() / 1000));
            }
            return Optional.of(out.toString());
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<ZoneId> zone(String zone) {
        if (zone.isEmpty() || zone.equalsIgnoreCase("UTC") || zone.equalsIgnoreCase("Z")) {
            return Optional.of(ZoneOffset.UTC);
        }
        Matcher offset = OFFSET.matcher(zone);
        if (offset.matches()) {
            int hours = Integer.parseInt(offset.group(2));
            int minutes = offset.group(3) == null ? 0 : Integer.parseInt(offset.group(3));
            int sign = offset.group(1).equals("-") ? -1 : 1;
            return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
        }
        if (!zone.contains("/")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(zone));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}

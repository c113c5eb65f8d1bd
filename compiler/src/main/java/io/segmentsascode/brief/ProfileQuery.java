package io.segmentsascode.brief;

import io.segmentsascode.model.Table;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.preview.PreviewEngine;
import io.segmentsascode.preview.SegmentRunException;
import io.segmentsascode.render.Dialect;
import io.segmentsascode.render.RenderedSegment;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The fixed queries a profile is computed with: the segment's own query as the member list, its
 * members' orders (events with revenue) up to the reference time, and four aggregates over them.
 * Only the dialect's spelling varies; no figure is taken from anywhere but these queries.
 */
public final class ProfileQuery {

    static final String EVENTS = "events";
    static final String USER_ID = "user_id";
    static final String TIME = "event_time";
    static final String REVENUE = "revenue";
    static final String CHANNEL = "source";
    static final String CATEGORY = "product_category";
    static final int TOP_CATEGORIES = 3;

    /** The profile cannot be computed: the events table lacks a column, or the engine refused a query. */
    public static final class ProfileUnavailableException extends RuntimeException {
        ProfileUnavailableException(String message) {
            super(message);
        }
    }

    private final Dialect dialect;
    private final Warehouse warehouse;

    public ProfileQuery(Dialect dialect, Warehouse warehouse) {
        this.dialect = dialect;
        this.warehouse = warehouse;
    }

    /** The columns the profile needs that the warehouse does not declare on {@value #EVENTS}. */
    public List<String> missingColumns() {
        Optional<Table> events = warehouse.table(EVENTS);
        return List.of(USER_ID, TIME, REVENUE).stream()
                .filter(c -> events.flatMap(t -> t.column(c)).isEmpty())
                .map(c -> EVENTS + "." + c)
                .toList();
    }

    private boolean declares(String column) {
        return warehouse.table(EVENTS).flatMap(t -> t.column(column)).isPresent();
    }

    /** The members and their orders, as a WITH clause the four aggregates read. */
    String orders(RenderedSegment segment) {
        List<String> columns = new ArrayList<>(List.of(USER_ID, TIME, REVENUE));
        if (declares(CHANNEL)) {
            columns.add(CHANNEL);
        }
        if (declares(CATEGORY)) {
            columns.add(CATEGORY);
        }
        return "WITH members AS (\n  SELECT DISTINCT " + dialect.identifier(USER_ID) + " FROM (\n"
                + segment.sql().strip() + "\n  ) AS segment_rows\n),\norders AS (\n  SELECT "
                + String.join(
                        ", ",
                        columns.stream().map(c -> "e." + dialect.identifier(c)).toList())
                + "\n  FROM " + dialect.physicalTable(warehouse, EVENTS) + " AS e\n  JOIN members AS m ON m."
                + dialect.identifier(USER_ID) + " = e." + dialect.identifier(USER_ID) + "\n  WHERE e."
                + dialect.identifier(REVENUE) + " > 0 AND e." + dialect.identifier(TIME) + " <= " + dialect.runTime()
                + "\n)\n";
    }

    String summary(RenderedSegment segment) {
        return orders(segment) + "SELECT (SELECT COUNT(*) FROM members) AS members, COUNT(*) AS orders, SUM("
                + dialect.identifier(REVENUE) + ") AS revenue\nFROM orders";
    }

    String recency(RenderedSegment segment) {
        return orders(segment) + "SELECT days, COUNT(*) AS buyers\nFROM (\n  SELECT "
                + dialect.wholeDaysBetween(dialect.runTime(), "MAX(" + dialect.identifier(TIME) + ")")
                + " AS days\n  FROM orders\n  GROUP BY " + dialect.identifier(USER_ID)
                + "\n) AS last_orders\nGROUP BY days\nORDER BY days";
    }

    String channels(RenderedSegment segment) {
        String channel = dialect.identifier(CHANNEL);
        return orders(segment) + "SELECT " + channel + ", COUNT(*) AS orders\nFROM orders\nGROUP BY " + channel
                + "\nORDER BY " + channel;
    }

    String categories(RenderedSegment segment) {
        String category = dialect.identifier(CATEGORY);
        return orders(segment) + "SELECT " + category + ", COUNT(*) AS orders\nFROM orders\nWHERE " + category
                + " IS NOT NULL\nGROUP BY " + category + "\nORDER BY orders DESC, " + category + "\nLIMIT "
                + TOP_CATEGORIES;
    }

    /**
     * Runs the queries on {@code engine} at {@code runTime}.
     *
     * @throws ProfileUnavailableException when a needed column is not declared or the engine refuses a query
     */
    public SegmentProfile read(PreviewEngine engine, RenderedSegment segment, Instant runTime) {
        List<String> missing = missingColumns();
        if (!missing.isEmpty()) {
            throw new ProfileUnavailableException(
                    "the profile reads " + String.join(", ", missing) + ", which warehouse.yaml does not declare");
        }
        List<Object> totals = rows(engine, summary(segment), runTime).get(0);
        long members = number(totals.get(0)).longValue();
        long orders = number(totals.get(1)).longValue();
        double revenue = number(totals.get(2)).doubleValue();

        List<List<Object>> days = rows(engine, recency(segment), runTime);
        long buyers = days.stream().mapToLong(r -> number(r.get(1)).longValue()).sum();
        String recency = buyers == 0 ? "no purchase" : recencySpan(days, buyers);

        Map<String, Integer> shares = new TreeMap<>();
        if (declares(CHANNEL) && orders > 0) {
            for (List<Object> row : rows(engine, channels(segment), runTime)) {
                int share = SegmentProfile.tenPercent(number(row.get(1)).longValue(), orders);
                if (share > 0) {
                    shares.put(row.get(0) == null ? "(none)" : row.get(0).toString(), share);
                }
            }
        }
        List<String> categories = new ArrayList<>();
        if (declares(CATEGORY)) {
            rows(engine, categories(segment), runTime)
                    .forEach(r -> categories.add(r.get(0).toString()));
        }
        return new SegmentProfile(
                segment.segmentId(),
                members,
                recency,
                orders == 0 ? "no orders" : SegmentProfile.valueBand(revenue / orders),
                shares,
                categories,
                LocalDate.ofInstant(runTime, ZoneOffset.UTC));
    }

    /** From the band of the 25th to the band of the 75th percentile buyer, by days since their last order. */
    private static String recencySpan(List<List<Object>> days, long buyers) {
        long lowRank = (buyers + 3) / 4;
        long highRank = (3 * buyers + 3) / 4;
        long seen = 0;
        int lowBand = -1;
        int highBand = -1;
        for (List<Object> row : days) {
            seen += number(row.get(1)).longValue();
            int band = SegmentProfile.recencyBand(number(row.get(0)).longValue());
            if (lowBand < 0 && seen >= lowRank) {
                lowBand = band;
            }
            if (highBand < 0 && seen >= highRank) {
                highBand = band;
            }
        }
        return SegmentProfile.recencySpan(lowBand, highBand);
    }

    private static List<List<Object>> rows(PreviewEngine engine, String query, Instant runTime) {
        try {
            return engine.read("profile", query, runTime);
        } catch (SegmentRunException e) {
            throw new ProfileUnavailableException("the profile query failed on the sample: " + e.reason());
        }
    }

    /** A SUM over no rows is NULL: counted as zero. */
    private static Number number(Object value) {
        return value == null ? 0 : (Number) value;
    }
}

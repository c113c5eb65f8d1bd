package io.segmentsascode.duckdb;

import static io.segmentsascode.duckdb.GeneratedColumn.int64;
import static io.segmentsascode.duckdb.GeneratedColumn.numeric;
import static io.segmentsascode.duckdb.GeneratedColumn.string;
import static io.segmentsascode.duckdb.GeneratedColumn.timestamp;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A user's sessions and the events inside them. Events inherit their session's source and
 * campaign, so purchase attribution in events always agrees with sessions.
 */
final class Clickstream {

    static final List<GeneratedColumn> SESSION_COLUMNS = List.of(
            string("session_id"),
            string("user_id"),
            timestamp("session_start"),
            string("source"),
            int64("time_on_site_seconds"),
            int64("pageviews"));
    static final List<GeneratedColumn> EVENT_COLUMNS = List.of(
            string("user_id"),
            string("event_name"),
            timestamp("event_time"),
            string("source"),
            string("campaign_id"),
            numeric("revenue"),
            string("product_category"),
            string("session_id"));

    /** The premium browsers' recent interest happens inside this many days before the end. */
    static final int RECENT_DAYS = 28;

    private static final long MAX_TIME_ON_SITE = 4 * 3_600;

    private enum Intent {
        BROWSE,
        BUY,
        BROWSE_PREMIUM
    }

    private record Visit(long start, TrafficSource source, Intent intent) {}

    private final TableWriter sessions;
    private final TableWriter events;
    private final CampaignCatalog campaigns;
    private final IdFormat sessionIds = IdFormat.sessions();
    private long sessionCount;

    Clickstream(TableWriter sessions, TableWriter events, CampaignCatalog campaigns) {
        this.sessions = sessions;
        this.events = events;
        this.campaigns = campaigns;
    }

    void write(SyntheticUser user, RandomDraws draws) throws SQLException {
        List<Visit> visits = plannedVisits(user, draws);
        visits.sort(Comparator.comparingLong(Visit::start));
        for (Visit visit : visits) {
            writeVisit(user, visit, draws);
        }
    }

    /**
     * One direct page view exactly at the end time: the data's latest time is then the fixed end,
     * whatever the seed and size, and so is the preview's default reference time.
     */
    void writeClosingVisit(SyntheticUser user) throws SQLException {
        String sessionId = sessionIds.format(++sessionCount);
        LocalDateTime end = SampleTime.timestamp(SampleTime.END_SECOND);
        String direct = TrafficSource.DIRECT.label();
        sessions.append(sessionId, user.id(), end, direct, 0L, 1L);
        events.append(user.id(), "page_view", end, direct, null, null, null, sessionId);
    }

    private List<Visit> plannedVisits(SyntheticUser user, RandomDraws draws) {
        Persona persona = user.persona();
        int count = persona.sessions(draws);
        int purchases = Math.min(count, persona.purchases(draws));
        long until = persona == Persona.PREMIUM_BROWSER ? SampleTime.daysBeforeEnd(RECENT_DAYS + 3) : user.activeTo();
        List<Visit> visits = new ArrayList<>(count + 6);
        for (int i = 0; i < count; i++) {
            // visit times are independent draws, so buying on the first ones is buying on random ones
            Intent intent = i < purchases ? Intent.BUY : Intent.BROWSE;
            visits.add(new Visit(
                    draws.between(user.activeFrom(), until), user.sources().pick(draws), intent));
        }
        if (persona == Persona.PREMIUM_BROWSER) {
            addRecentPremiumInterest(user, visits, draws);
        }
        return visits;
    }

    /** At least two email visits to premium products recently, other recent visits never from display ads. */
    private static void addRecentPremiumInterest(SyntheticUser user, List<Visit> visits, RandomDraws draws) {
        long from = SampleTime.daysBeforeEnd(RECENT_DAYS);
        long until = SampleTime.END_SECOND - 3_600;
        int emailVisits = draws.between(2, 4);
        for (int i = 0; i < emailVisits; i++) {
            visits.add(new Visit(draws.between(from, until), TrafficSource.EMAIL, Intent.BROWSE_PREMIUM));
        }
        int otherVisits = draws.between(0, 2);
        for (int i = 0; i < otherVisits; i++) {
            TrafficSource source = user.sources().pick(draws);
            visits.add(new Visit(
                    draws.between(from, until),
                    source == TrafficSource.PAID_DISPLAY ? TrafficSource.ORGANIC : source,
                    Intent.BROWSE_PREMIUM));
        }
    }

    private void writeVisit(SyntheticUser user, Visit visit, RandomDraws draws) throws SQLException {
        String sessionId = sessionIds.format(++sessionCount);
        TrafficSource source = visit.source();
        String campaignId = campaigns.campaignFor(source, draws);
        boolean emailOpen = source == TrafficSource.EMAIL;
        boolean buys = visit.intent() == Intent.BUY;
        int pageViews = 1 + draws.geometric(0.65);
        ProductCategory[] viewed = viewedProducts(user, visit.intent(), draws);
        boolean addsToCart = buys || viewed.length > 0 && draws.chance(0.12);
        int eventCount = (emailOpen ? 1 : 0) + pageViews + viewed.length + (addsToCart ? 1 : 0) + (buys ? 1 : 0);

        long timeOnSite = Math.min(MAX_TIME_ON_SITE, Math.max(5, Math.round(draws.logNormal(40.0 * eventCount, 0.8))));
        long start = Math.min(visit.start(), SampleTime.END_SECOND - timeOnSite);
        sessions.append(sessionId, user.id(), SampleTime.timestamp(start), source.label(), timeOnSite, (long)
                (pageViews + viewed.length));

        EventClock clock = new EventClock(start, timeOnSite, eventCount);
        String sourceLabel = source.label();
        if (emailOpen) {
            events.append(user.id(), "email_open", clock.next(), sourceLabel, campaignId, null, null, sessionId);
        }
        for (int i = 0; i < pageViews; i++) {
            events.append(user.id(), "page_view", clock.next(), sourceLabel, campaignId, null, null, sessionId);
        }
        for (ProductCategory category : viewed) {
            events.append(
                    user.id(),
                    "product_view",
                    clock.next(),
                    sourceLabel,
                    campaignId,
                    null,
                    category.label(),
                    sessionId);
        }
        // what goes into the cart is what was looked at last
        ProductCategory chosen =
                viewed.length > 0 ? viewed[viewed.length - 1] : user.interests().pick(draws);
        if (addsToCart) {
            events.append(
                    user.id(),
                    "add_to_cart",
                    clock.next(),
                    sourceLabel,
                    campaignId,
                    BigDecimal.ZERO,
                    chosen.label(),
                    sessionId);
        }
        if (buys) {
            events.append(
                    user.id(),
                    "purchase",
                    clock.next(),
                    sourceLabel,
                    campaignId,
                    orderValue(user, chosen, draws),
                    chosen.label(),
                    sessionId);
        }
    }

    private static ProductCategory[] viewedProducts(SyntheticUser user, Intent intent, RandomDraws draws) {
        int count = switch (intent) {
            case BUY -> draws.between(1, 3);
            case BROWSE_PREMIUM -> draws.between(1, 3);
            case BROWSE -> Math.min(6, draws.geometric(0.6));
        };
        ProductCategory[] viewed = new ProductCategory[count];
        for (int i = 0; i < count; i++) {
            viewed[i] = intent == Intent.BROWSE_PREMIUM
                    ? ProductCategory.PREMIUM
                    : user.interests().pick(draws);
        }
        return viewed;
    }

    /** Lognormal around the category's typical basket, in cents; new high-potential users start big. */
    private static BigDecimal orderValue(SyntheticUser user, ProductCategory category, RandomDraws draws) {
        double boost = user.persona() == Persona.NEW_HIGH_POTENTIAL ? 1.8 : 1.0;
        long cents = Math.max(100, Math.round(draws.logNormal(category.medianOrderValue() * boost, 0.6) * 100));
        return BigDecimal.valueOf(cents, 2);
    }

    /** Spreads a session's events evenly over its time on site, first at the start, last at the end. */
    private static final class EventClock {
        private final long start;
        private final long timeOnSite;
        private final int events;
        private int issued;

        EventClock(long start, long timeOnSite, int events) {
            this.start = start;
            this.timeOnSite = timeOnSite;
            this.events = events;
        }

        LocalDateTime next() {
            long offset = events <= 1 ? 0 : timeOnSite * issued / (events - 1);
            issued++;
            return SampleTime.timestamp(start + offset);
        }
    }
}

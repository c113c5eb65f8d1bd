package io.segmentsascode.duckdb;

/**
 * Behaviour types of generated users. Their mix gives the data the shape real shops have and
 * the bundled segments look for: most users never or rarely buy, a few buy a lot.
 */
enum Persona {
    /** Visits, never buys. */
    BROWSER(34, 1, 4, 0, 0),
    ONE_TIME_BUYER(22, 2, 5, 1, 1),
    OCCASIONAL_BUYER(19, 3, 9, 2, 4),
    /** Buys regularly; some of them mostly through email (the premium_email_loyal audience). */
    LOYAL_BUYER(9, 8, 22, 5, 12),
    /** The champions: many recent purchases, each mostly through paid search or organic. */
    HEAVY_BUYER(3, 25, 60, 18, 45),
    /** Bought often, then went quiet: no activity in the last six months or more. */
    AT_RISK(6, 7, 18, 5, 12),
    /** Signed up in the last weeks and already placed one or two large orders. */
    NEW_HIGH_POTENTIAL(4, 2, 4, 1, 2),
    /**
     * Views premium products within the last 30 days, arrives there through at least two email
     * sessions, sees no display ads in that period and has never bought.
     */
    PREMIUM_BROWSER(1.5, 2, 5, 0, 0);

    private final double share;
    private final int minSessions;
    private final int maxSessions;
    private final int minPurchases;
    private final int maxPurchases;

    Persona(double share, int minSessions, int maxSessions, int minPurchases, int maxPurchases) {
        this.share = share;
        this.minSessions = minSessions;
        this.maxSessions = maxSessions;
        this.minPurchases = minPurchases;
        this.maxPurchases = maxPurchases;
    }

    double share() {
        return share;
    }

    int sessions(RandomDraws draws) {
        return draws.between(minSessions, maxSessions);
    }

    int purchases(RandomDraws draws) {
        return draws.between(minPurchases, maxPurchases);
    }
}

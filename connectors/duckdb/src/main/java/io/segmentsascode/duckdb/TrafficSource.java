package io.segmentsascode.duckdb;

/** Where a session came from; paid and email sessions carry the campaign that brought them. */
enum TrafficSource {
    EMAIL("email", 18),
    PAID_SEARCH("paid_search", 20),
    PAID_DISPLAY("paid_display", 12),
    ORGANIC("organic", 30),
    DIRECT("direct", 20);

    private final String label;
    /** Share of sessions for a user without a preferred source. */
    private final double baseWeight;

    TrafficSource(String label, double baseWeight) {
        this.label = label;
        this.baseWeight = baseWeight;
    }

    String label() {
        return label;
    }

    double baseWeight() {
        return baseWeight;
    }

    /** The campaigns table's channel for this source; organic and direct visits have no campaign. */
    boolean hasCampaign() {
        return this == EMAIL || this == PAID_SEARCH || this == PAID_DISPLAY;
    }
}

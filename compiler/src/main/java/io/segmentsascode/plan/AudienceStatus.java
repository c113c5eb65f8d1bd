package io.segmentsascode.plan;

/**
 * Where one mapping's list stands in Google Ads, as the destination reported it while planning: the last sync (when,
 * members sent, each request's outcome, the match-rate range Google reported), the list size Google reports, and
 * our forecast of it: the members we synced times the match-rate range, a band and never a promise. Text fields are
 * empty and numbers null where nothing is known (no sync yet, no size reported, no match rate).
 */
public record AudienceStatus(
        String audience,
        String list,
        String lastSync,
        long membersSent,
        String requests,
        String matchRate,
        Long reportedSize,
        long syncedMembers,
        Long forecastLow,
        Long forecastHigh) {}

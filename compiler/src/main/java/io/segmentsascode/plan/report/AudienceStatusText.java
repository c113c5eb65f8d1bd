package io.segmentsascode.plan.report;

import io.segmentsascode.plan.AudienceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One list's status in words, the same in the console plan and the Markdown one. */
final class AudienceStatusText {

    private AudienceStatusText() {}

    static String describe(AudienceStatus status) {
        List<String> parts = new ArrayList<>();
        parts.add("list " + status.list());
        if (status.lastSync().isEmpty()) {
            parts.add("never synced");
        } else {
            parts.add(String.format(
                    Locale.ROOT,
                    "last sync %s, %,d members sent (%s)",
                    status.lastSync(),
                    status.membersSent(),
                    status.requests()));
            parts.add("match rate " + (status.matchRate().isEmpty() ? "not reported" : status.matchRate()));
        }
        parts.add(
                status.reportedSize() == null
                        ? "Google reports no size yet"
                        : String.format(Locale.ROOT, "Google reports %,d members", status.reportedSize()));
        parts.add(
                status.forecastLow() == null
                        ? String.format(
                                Locale.ROOT, "%,d synced (no forecast without a match rate)", status.syncedMembers())
                        : String.format(
                                Locale.ROOT,
                                "forecast %,d–%,d of %,d synced (a band from the match rate, not a promise)",
                                status.forecastLow(),
                                status.forecastHigh(),
                                status.syncedMembers()));
        return String.join("; ", parts);
    }
}

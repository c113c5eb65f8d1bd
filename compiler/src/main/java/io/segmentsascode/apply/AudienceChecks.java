package io.segmentsascode.apply;

import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.diagnostics.Severity;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.plan.AudienceStatus;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.plan.impact.Governance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The plan's checks and status of audiences that read what Google reports about their lists ({@link ListFacts}):
 * a list's upload key type cannot change, a list the account may only observe with cannot target, and where each
 * list stands after its last sync.
 */
public final class AudienceChecks {

    private AudienceChecks() {}

    public static List<Finding> check(ResolvedProject project, Map<String, ListFacts> facts) {
        List<Finding> findings = new ArrayList<>();
        for (Campaign campaign : project.campaigns()) {
            ListFacts list = facts.get(campaign.id());
            if (list == null) {
                continue;
            }
            String where = Finding.locationOf(campaign.file(), Location.startOf(campaign.file()));
            if (!list.uploadKeyTypes().isEmpty() && !list.uploadKeyTypes().equals(List.of(ListFacts.CONTACT_ID))) {
                findings.add(new Finding(
                        Severity.ERROR,
                        "upload-key-type-changed",
                        campaign.id(),
                        "its user list " + list.list() + " takes " + String.join(", ", list.uploadKeyTypes())
                                + " members, but this mapping uploads " + ListFacts.CONTACT_ID
                                + " (hashed email and phone) and Google never changes a list's upload key type;"
                                + " give the mapping a new id, so a new list is made for it (the old list is then"
                                + " no longer synced)",
                        where));
            }
            if (list.lastSync().isPresent()
                    && list.reportedSize().isPresent()
                    && list.reportedSize().getAsLong() < Governance.SERVING_MINIMUM) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "list-below-serving-minimum",
                        campaign.id(),
                        String.format(
                                Locale.ROOT,
                                "Google reports %,d members in its user list %s, below the %,d it needs to serve",
                                list.reportedSize().getAsLong(),
                                list.list(),
                                Governance.SERVING_MINIMUM),
                        where));
            }
            if (!list.targetingEligible()) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "observation-only",
                        campaign.id(),
                        "Google reports its user list " + list.list() + " eligible for neither search nor display"
                                + " targeting: the account may only observe with it, so campaigns targeting this"
                                + " audience will not serve it; check the account's Customer Match eligibility"
                                + " (policy compliance and spend history) before relying on it",
                        where));
            }
        }
        return findings;
    }

    /** A warning per mapping whose segment tables are stale: apply sends nothing to its list until they refresh. */
    public static List<Finding> stale(ResolvedProject project, Map<String, List<String>> stale) {
        List<Finding> findings = new ArrayList<>();
        for (Campaign campaign : project.campaigns()) {
            List<String> why = stale.getOrDefault(campaign.id(), List.of());
            if (!why.isEmpty()) {
                findings.add(new Finding(
                        Severity.WARNING,
                        "stale-segment-tables",
                        campaign.id(),
                        "its segment tables are stale, so apply sends nothing to its list until their refresh"
                                + " succeeds: " + String.join("; ", why),
                        Finding.locationOf(campaign.file(), campaign.locations().segments())));
            }
        }
        return findings;
    }

    /** Per mapping with a list, by mapping id: the last sync, Google's reported size and our forecast band. */
    public static List<AudienceStatus> status(Map<String, ListFacts> facts) {
        List<AudienceStatus> status = new ArrayList<>();
        new TreeMap<>(facts).forEach((audience, list) -> {
            Long low = null;
            Long high = null;
            LastSync last = list.lastSync().orElse(null);
            if (last != null && last.matchRate().isPresent()) {
                LastSync.MatchRate rate = last.matchRate().get();
                low = list.syncedMembers() * rate.lowPercent() / 100;
                high = list.syncedMembers() * rate.highPercent() / 100;
            }
            status.add(new AudienceStatus(
                    audience,
                    list.list(),
                    last == null ? "" : last.at().toString(),
                    last == null ? 0 : last.sent(),
                    last == null ? "" : requests(last),
                    last == null
                            ? ""
                            : last.matchRate().map(LastSync.MatchRate::label).orElse(""),
                    list.reportedSize().isPresent() ? list.reportedSize().getAsLong() : null,
                    list.syncedMembers(),
                    low,
                    high));
        });
        return status;
    }

    /** {@code 3 requests: 2 success, 1 partial_success}. */
    private static String requests(LastSync sync) {
        Map<String, Integer> byStatus = new TreeMap<>();
        sync.requests().forEach(r -> byStatus.merge(r.status().toLowerCase(Locale.ROOT), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        byStatus.forEach((s, n) -> parts.add(n + " " + s));
        return sync.requests().size()
                + (sync.requests().size() == 1 ? " request" : " requests")
                + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }
}

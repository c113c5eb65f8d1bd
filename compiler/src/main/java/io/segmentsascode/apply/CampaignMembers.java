package io.segmentsascode.apply;

import io.segmentsascode.audience.AudienceBuilder;
import io.segmentsascode.audience.AudienceExport;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.ExclusiveGroups;
import io.segmentsascode.audience.HoldoutSplit;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.plan.diff.ActualResource;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who a destination sends for one mapping, the same for every destination that keeps lists in
 * Google: the members of its segments, less those a higher-priority mapping of its exclusive group
 * takes, less its holdout's control group, as hashed identifiers, with the holdout's groups
 * recorded for evaluate. One place, so no destination can forget a rule (the control group was
 * once uploaded by one that did); the files destination uses it too.
 */
public final class CampaignMembers {

    private CampaignMembers() {}

    /**
     * The members sent for {@code campaign}, hashed, in the order the members came. {@code hasher}: how
     * this machine hashes contact data; a member source that already gives digests (the BigQuery target
     * hashes in SQL) is not hashed again. A mapping with a holdout has its groups recorded first: where
     * the member source keeps them (a warehouse table), else in {@code localGroups}.
     */
    public static AudienceExport sent(
            Campaign campaign,
            List<Campaign> campaigns,
            MemberSource members,
            CustomerMatch table,
            IdentifierHasher hasher,
            MemberGroups localGroups) {
        // the groups first: a sync that stops after them sends nothing the record lacks
        Optional<HoldoutGroups> onTarget = campaign.holdout().flatMap(h -> members.holdoutGroups());
        onTarget.ifPresent(groups -> groups.record(campaign));
        List<ContactRecord> contacts = ExclusiveGroups.kept(
                campaign,
                campaigns,
                members.contacts(campaign.segments(), table),
                higher -> members.contacts(higher.segments(), table).stream()
                        .map(ContactRecord::userId)
                        .toList());
        if (campaign.holdout().isPresent() && onTarget.isEmpty()) {
            localGroups.record(campaign, contacts);
        }
        return new AudienceBuilder(members.hashesIdentifiers() ? IdentifierHasher.alreadyHashed() : hasher)
                .build(HoldoutSplit.treated(campaign, contacts));
    }

    /** {@link #sent}'s members as keys {@code <sha256 email>,<sha256 phone>} (either part may be empty). */
    public static Set<String> keys(
            Campaign campaign,
            List<Campaign> campaigns,
            MemberSource members,
            CustomerMatch table,
            IdentifierHasher hasher,
            MemberGroups localGroups) {
        Set<String> keys = new LinkedHashSet<>();
        sent(campaign, campaigns, members, table, hasher, localGroups)
                .members()
                .forEach(m -> keys.add(
                        m.hashedEmail().orElse("") + "," + m.hashedPhone().orElse("")));
        return keys;
    }

    /**
     * Why a mapping's list, synced before and defined the same, must be synced again although nothing in the repository
     * changed: its members' tables changed after the last sync (a refresh, an opt-out), or the memberships that sync
     * sent are due to be sent again before they expire ({@link MemberDelta#refreshAge}). Empty when it is up to date,
     * or when no sync is recorded.
     */
    public static Optional<String> outdated(
            Campaign campaign, MemberSource members, CustomerMatch identity, Optional<LastSync> last, Instant now) {
        if (last.isEmpty()) {
            return Optional.empty();
        }
        Instant synced = last.get().at();
        Optional<Instant> changed = members.changedAt(campaign.segments(), identity);
        if (changed.isPresent() && changed.get().isAfter(synced)) {
            return Optional.of("members: its segment or identity tables changed at " + changed.get()
                    + ", after the last sync at " + synced + "; only the difference is sent");
        }
        if (!synced.plus(MemberDelta.refreshAge(Optional.of(campaign))).isAfter(now)) {
            return Optional.of("members: the memberships sent at " + synced + " expire within "
                    + MemberDelta.REFRESH_MARGIN.toDays() + " days; they are sent again");
        }
        return Optional.empty();
    }

    /** {@code resource}, a mapping's list as a destination found it, marked outdated when {@link #outdated} says so. */
    public static ActualResource markedIfOutdated(
            ActualResource resource,
            List<Campaign> campaigns,
            MemberSource members,
            Optional<CustomerMatch> identity,
            MemberSnapshots snapshots,
            Instant now) {
        Optional<Campaign> campaign = campaigns.stream()
                .filter(c -> c.id().equals(resource.id().name()))
                .findFirst();
        if (campaign.isEmpty() || identity.isEmpty() || resource.drift().isPresent()) {
            return resource;
        }
        return outdated(
                        campaign.get(),
                        members,
                        identity.get(),
                        snapshots.lastSync(campaign.get().id()),
                        now)
                .map(resource::outdated)
                .orElse(resource);
    }

    /**
     * Mappings whose segment tables' latest refresh did not succeed, with why: a sync sends nothing
     * for them (it would send last week's members as this week's) until a refresh succeeds.
     */
    public static Map<String, List<String>> stale(List<Campaign> campaigns, MemberSource members) {
        Map<String, List<String>> stale = new TreeMap<>();
        for (Campaign campaign : campaigns) {
            List<String> why = members.staleTables(campaign.segments());
            if (!why.isEmpty()) {
                stale.put(campaign.id(), why);
            }
        }
        return stale;
    }
}

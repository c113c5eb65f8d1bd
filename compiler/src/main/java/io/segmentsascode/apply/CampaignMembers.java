package io.segmentsascode.apply;

import io.segmentsascode.audience.AudienceBuilder;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.ExclusiveGroups;
import io.segmentsascode.audience.HoldoutSplit;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.model.Campaign;
import io.segmentsascode.model.CustomerMatch;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who a destination sends for one mapping, the same for every destination that keeps lists in
 * Google: the members of its segments, less those a higher-priority mapping of its exclusive group
 * takes, less its holdout's control group, as hashed identifiers. One place, so no destination
 * can forget a rule (the control group was once uploaded by one that did).
 */
public final class CampaignMembers {

    private CampaignMembers() {}

    /**
     * Member keys {@code <sha256 email>,<sha256 phone>} (either part may be empty), in the order the
     * members came. {@code hasher}: how this machine hashes contact data; a member source that
     * already gives digests (the BigQuery target hashes in SQL) is not hashed again. A mapping with a holdout has
     * its groups recorded where the member source keeps them, if it keeps them.
     */
    public static Set<String> keys(
            Campaign campaign,
            List<Campaign> campaigns,
            MemberSource members,
            CustomerMatch table,
            IdentifierHasher hasher) {
        // the groups first: a sync that stops after them sends nothing the record lacks
        campaign.holdout().flatMap(h -> members.holdoutGroups()).ifPresent(groups -> groups.record(campaign));
        List<ContactRecord> contacts = ExclusiveGroups.kept(
                campaign,
                campaigns,
                members.contacts(campaign.segments(), table),
                higher -> members.contacts(higher.segments(), table).stream()
                        .map(ContactRecord::userId)
                        .toList());
        Set<String> keys = new LinkedHashSet<>();
        new AudienceBuilder(members.hashesIdentifiers() ? IdentifierHasher.alreadyHashed() : hasher)
                .build(HoldoutSplit.treated(campaign, contacts))
                .members()
                .forEach(m -> keys.add(
                        m.hashedEmail().orElse("") + "," + m.hashedPhone().orElse("")));
        return keys;
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

package io.segmentsascode.audience;

import io.segmentsascode.model.Campaign;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Mutually exclusive audiences ({@code exclusive_group}): a user who is a member of several
 * mappings of one group is kept only by the mapping with the highest priority. "Member" means a
 * member of the mapping's segments, before its holdout split: a user held out of a higher-priority
 * audience stays its control, and is not handed to a lower one (that would treat the control
 * group). Every destination and the sample figures filter through here, so they agree.
 */
public final class ExclusiveGroups {

    private ExclusiveGroups() {}

    /** The mappings of {@code campaign}'s group that take its users first (none outside a group). */
    public static List<Campaign> higherPriority(Campaign campaign, List<Campaign> all) {
        return all.stream().filter(campaign::yieldsTo).toList();
    }

    /**
     * {@code contacts} (the members of {@code campaign}'s segments) without the users who are
     * members of a higher-priority mapping of its group.
     *
     * @param membersOf the user ids of a mapping's segments' members
     */
    public static List<ContactRecord> kept(
            Campaign campaign,
            List<Campaign> all,
            List<ContactRecord> contacts,
            Function<Campaign, ? extends Iterable<String>> membersOf) {
        List<Campaign> higher = higherPriority(campaign, all);
        if (higher.isEmpty()) {
            return contacts;
        }
        Set<String> taken = new HashSet<>();
        higher.forEach(h -> membersOf.apply(h).forEach(taken::add));
        return contacts.stream().filter(c -> !taken.contains(c.userId())).toList();
    }
}

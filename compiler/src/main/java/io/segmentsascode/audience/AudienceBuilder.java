package io.segmentsascode.audience;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the Customer Match audience of a campaign from the contact records of its segments' members.
 *
 * <p>Records are grouped by user id (a member of several segments appears several times). Per user,
 * in this order:
 * <ol>
 *   <li><b>suppressed</b> if any of its records has {@code optedOut = true};</li>
 *   <li><b>no consent</b> unless every one of its records has both {@code adUserDataConsent} and
 *       {@code adPersonalizationConsent} explicitly {@code true}: false <em>or NULL</em> is no consent,
 *       since unknown consent is not consent;</li>
 *   <li><b>no usable identifier</b> if no record has an email or phone that survives normalisation;</li>
 *   <li>otherwise <b>exported</b>, one row per distinct (hashed email, hashed phone) pair of its records.
 *       A valid email with an invalid phone exports the email alone, and vice versa.</li>
 * </ol>
 * Rows with identical hashed identifiers are merged across users, keeping the smallest user id. The
 * result depends only on the set of input records, not their order.
 */
public final class AudienceBuilder {

    private final IdentifierHasher hasher;

    public AudienceBuilder(IdentifierHasher hasher) {
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    public AudienceExport build(Collection<ContactRecord> records) {
        Map<String, List<ContactRecord>> byUser = new TreeMap<>();
        for (ContactRecord record : records) {
            Objects.requireNonNull(record, "records must not contain null");
            byUser.computeIfAbsent(record.userId(), id -> new ArrayList<>()).add(record);
        }
        int suppressed = 0;
        int noConsent = 0;
        int noIdentifier = 0;
        int exported = 0;
        // identifiers → row; TreeMap over user ids means the first user to claim identifiers is the smallest
        Map<String, AudienceMember> rows = new TreeMap<>();
        for (Map.Entry<String, List<ContactRecord>> user : byUser.entrySet()) {
            List<ContactRecord> contacts = user.getValue();
            if (contacts.stream().anyMatch(ContactRecord::isSuppressed)) {
                suppressed++;
            } else if (!contacts.stream().allMatch(ContactRecord::hasConsent)) {
                noConsent++;
            } else {
                TreeSet<AudienceMember> userRows = new TreeSet<>();
                for (ContactRecord contact : contacts) {
                    Optional<String> email = hasher.hashEmail(contact.email());
                    Optional<String> phone = hasher.hashPhone(contact.phone());
                    if (email.isPresent() || phone.isPresent()) {
                        userRows.add(new AudienceMember(user.getKey(), email, phone));
                    }
                }
                if (userRows.isEmpty()) {
                    noIdentifier++;
                } else {
                    exported++;
                    for (AudienceMember row : userRows) {
                        rows.putIfAbsent(key(row), row);
                    }
                }
            }
        }
        return new AudienceExport(
                List.copyOf(rows.values()),
                new AudienceCounts(byUser.size(), suppressed, noConsent, noIdentifier, exported));
    }

    private static String key(AudienceMember row) {
        return row.hashedEmail().orElse("") + "," + row.hashedPhone().orElse("");
    }
}

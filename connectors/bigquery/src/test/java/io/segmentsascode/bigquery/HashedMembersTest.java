package io.segmentsascode.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.audience.AudienceBuilder;
import io.segmentsascode.audience.AudienceMember;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.audience.IdentifierSql;
import io.segmentsascode.fakes.BigQueryState;
import io.segmentsascode.fakes.FakeBigQuery;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.BigQueryDialect;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the BigQuery target the members of an audience come out of BigQuery already normalised and hashed: the fake
 * stores the identity and segment tables' rows and evaluates the members query the target sends (its hashing SQL
 * included), which selects no contact column in clear; what comes back is handed to the audience builder as digests,
 * and equals what the Java hasher makes of the raw contacts.
 */
class HashedMembersTest {

    private static final IdentifierHasher JAVA = IdentifierHasher.forDataManager("DE");

    @TempDir
    Path state;

    /** The raw contacts BigQuery holds: user id, email, phone, both consents, opted out. */
    private static final List<List<Object>> IDENTITIES = List.of(
            Arrays.asList("u1", " Jane.Doe+news@Gmail.com ", "+49 151 23456789", true, true, false),
            Arrays.asList("u2", "user.name+NYC@Example.com", null, true, false, false),
            Arrays.asList("u3", "not-an-address", "+44 20 7946 0958", true, true, false),
            Arrays.asList("u4", "opted@example.com", "+49 30 1234567", true, true, true),
            Arrays.asList("u5", "J.O.H.N@googlemail.com\t", "+1 (800) 555-0100", null, true, false),
            Arrays.asList("u6", "two@@example.com", "+49-30-1234567", false, false, null));

    @Test
    void theTargetSelectsDigestsComputedInBigQueryAndNoContactColumnInClear() throws Exception {
        Warehouse warehouse = new Stages()
                .check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"))
                .warehouse();
        CustomerMatch identity = warehouse.customerMatch().orElseThrow();
        try (FakeWarehouse fake = new FakeWarehouse(state)) {
            BigQueryState tables = fake.fakes.bigQuery().state();
            String identities = warehouse.qualifiedName(identity.identityTable());
            tables.putTable(
                    identities,
                    "user_id:STRING",
                    "email:STRING",
                    "phone:STRING",
                    "consent_ad_user_data:BOOLEAN",
                    "consent_ad_personalization:BOOLEAN",
                    "opted_out:BOOLEAN");
            tables.insertRows(
                    identities,
                    IDENTITIES.stream().map(HashedMembersTest::identityRow).toList());
            seedSegment(tables, "seg_rfm_loyal", "u1", "u2", "u5");
            seedSegment(tables, "seg_rfm_champions", "u2", "u3", "u4", "u6");
            List<ContactRecord> contacts;
            boolean hashes;
            try (BigQueryTarget target = fake.open(List.of(), FakeWarehouse.NO_WAIT_RETRIES, warehouse)) {
                MemberSource members = target.members();
                hashes = members.hashesIdentifiers();
                contacts = members.contacts(List.of("seg_rfm_loyal", "seg_rfm_champions"), identity);
            }

            assertTrue(hashes);
            List<String> queries = fake.fakes.bigQuery().jobs().stream()
                    .map(FakeBigQuery.JobRecord::sql)
                    .toList();
            assertEquals(1, queries.size(), queries.toString());
            String sql = queries.get(0);
            BigQueryDialect dialect = new BigQueryDialect();
            String hashedEmail = IdentifierSql.hashedEmail(dialect, "i.`email`");
            String hashedPhone = IdentifierSql.hashedPhone(dialect, "i.`phone`");
            assertTrue(sql.contains(hashedEmail + " AS email_sha256"), sql);
            assertTrue(sql.contains(hashedPhone + " AS phone_sha256"), sql);
            String outsideHashing = sql.replace(hashedEmail, "").replace(hashedPhone, "");
            assertFalse(outsideHashing.contains("`email`"), "email selected in clear: " + sql);
            assertFalse(outsideHashing.contains("`phone`"), "phone selected in clear: " + sql);
            assertTrue(sql.contains("TO_HEX(SHA256("), sql);

            assertEquals(IDENTITIES.size(), contacts.size(), "each member once, though u2 is in both segments");
            for (ContactRecord contact : contacts) {
                assertTrue(contact.email() == null || contact.email().matches("[0-9a-f]{64}"), contact.toString());
                assertTrue(contact.phone() == null || contact.phone().matches("[0-9a-f]{64}"), contact.toString());
            }
            // the digests BigQuery's SQL computed (evaluated by the fake) are the Java hasher's, contact by contact
            for (ContactRecord expected : raw()) {
                ContactRecord actual = contacts.stream()
                        .filter(c -> c.userId().equals(expected.userId()))
                        .findFirst()
                        .orElseThrow();
                assertEquals(JAVA.hashEmail(expected.email()).orElse(null), actual.email(), expected.userId());
                assertEquals(JAVA.hashPhone(expected.phone()).orElse(null), actual.phone(), expected.userId());
            }
            // and the audience built from BigQuery's digests is the one the Java hasher builds from the raw contacts
            assertEquals(
                    new AudienceBuilder(JAVA)
                            .build(raw()).members().stream()
                                    .map(AudienceMember::toString)
                                    .toList(),
                    new AudienceBuilder(IdentifierHasher.alreadyHashed())
                            .build(contacts).members().stream()
                                    .map(AudienceMember::toString)
                                    .toList());
        }
    }

    private static void seedSegment(BigQueryState tables, String segment, String... users) {
        String id = FakeWarehouse.PROJECT + "." + FakeWarehouse.DATASET + "." + segment;
        tables.putTable(id, "user_id:STRING");
        tables.insertRows(
                id, Arrays.stream(users).map(u -> Map.of("user_id", u)).toList());
    }

    private static Map<String, Object> identityRow(List<Object> r) {
        Map<String, Object> row = new HashMap<>();
        String[] columns = {
            "user_id", "email", "phone", "consent_ad_user_data", "consent_ad_personalization", "opted_out"
        };
        for (int i = 0; i < columns.length; i++) row.put(columns[i], r.get(i));
        return row;
    }

    private static List<ContactRecord> raw() {
        return IDENTITIES.stream()
                .map(r -> new ContactRecord(
                        (String) r.get(0),
                        (String) r.get(1),
                        (String) r.get(2),
                        (Boolean) r.get(3),
                        (Boolean) r.get(4),
                        (Boolean) r.get(5)))
                .toList();
    }
}

package io.segmentsascode.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.segmentsascode.apply.MemberSource;
import io.segmentsascode.audience.AudienceBuilder;
import io.segmentsascode.audience.AudienceMember;
import io.segmentsascode.audience.ContactRecord;
import io.segmentsascode.audience.IdentifierHasher;
import io.segmentsascode.audience.IdentifierSql;
import io.segmentsascode.fakes.QueryEngine;
import io.segmentsascode.model.CustomerMatch;
import io.segmentsascode.model.Warehouse;
import io.segmentsascode.pipeline.Stages;
import io.segmentsascode.render.BigQueryDialect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the BigQuery target the members of an audience come out of BigQuery already normalised and hashed: the query the
 * target sends (seen by the fake) hashes the email and phone columns with the generated SQL and selects no contact
 * column in clear, and what comes back is handed to the audience builder as digests, not hashed again.
 */
class HashedMembersTest {

    private static final IdentifierHasher JAVA = IdentifierHasher.forDataManager("DE");

    @TempDir
    Path state;

    /** The raw contacts BigQuery holds: user id, email, phone, both consents, opted out. */
    private static final List<List<Object>> IDENTITIES = List.of(
            Arrays.asList("u1", " Jane.Doe+news@Gmail.com ", "+49 151 23456789", true, true, false),
            Arrays.asList("u2", "user.name+NYC@Example.com", null, true, true, false),
            Arrays.asList("u3", "not-an-address", "+44 20 7946 0958", true, true, false),
            Arrays.asList("u4", "opted@example.com", "+49 30 1234567", true, true, true));

    @Test
    void theTargetSelectsDigestsComputedInBigQueryAndNoContactColumnInClear() throws Exception {
        Warehouse warehouse = new Stages()
                .check(Path.of("..", "..", "segments"), Path.of("..", "..", "campaigns"))
                .warehouse();
        CustomerMatch identity = warehouse.customerMatch().orElseThrow();
        List<String> queries = new ArrayList<>();
        try (FakeWarehouse fake = new FakeWarehouse(state)) {
            // BigQuery's side: answers the members query with what its hashing SQL computes, which
            // IdentifierSqlDialectsTest proves equal to the Java hasher's digests
            fake.fakes.bigQuery().setQueryEngine((request, bigQueryState) -> {
                queries.add(request.sql());
                return membersAnswer();
            });
            List<ContactRecord> contacts;
            boolean hashes;
            try (BigQueryTarget target = fake.open(List.of(), FakeWarehouse.NO_WAIT_RETRIES, warehouse)) {
                MemberSource members = target.members();
                hashes = members.hashesIdentifiers();
                contacts = members.contacts(List.of("seg_rfm_loyal", "seg_rfm_champions"), identity);
            }

            assertTrue(hashes);
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

            for (ContactRecord contact : contacts) {
                assertTrue(contact.email() == null || contact.email().matches("[0-9a-f]{64}"), contact.toString());
                assertTrue(contact.phone() == null || contact.phone().matches("[0-9a-f]{64}"), contact.toString());
            }
            // the audience built from BigQuery's digests is the one the Java hasher builds from the raw contacts
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

    private static QueryEngine.Result membersAnswer() {
        JsonArray schema = new JsonArray();
        for (String[] field : new String[][] {
            {"user_id", "STRING"},
            {"email_sha256", "STRING"},
            {"phone_sha256", "STRING"},
            {"ad_user_data", "BOOL"},
            {"ad_personalization", "BOOL"},
            {"suppressed", "BOOL"}
        }) {
            JsonObject column = new JsonObject();
            column.addProperty("name", field[0]);
            column.addProperty("type", field[1]);
            column.addProperty("mode", "NULLABLE");
            schema.add(column);
        }
        List<List<String>> rows = new ArrayList<>();
        for (ContactRecord contact : raw()) {
            rows.add(Arrays.asList(
                    contact.userId(),
                    JAVA.hashEmail(contact.email()).orElse(null),
                    JAVA.hashPhone(contact.phone()).orElse(null),
                    String.valueOf(contact.adUserDataConsent()),
                    String.valueOf(contact.adPersonalizationConsent()),
                    String.valueOf(contact.optedOut())));
        }
        return new QueryEngine.Result(schema, rows, false, "SELECT", -1);
    }
}

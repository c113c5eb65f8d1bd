package io.segmentsascode.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AudienceBuilderTest {

    // SHA-256 of the normalised identifiers, from sha256sum
    static final String TEST_AT_EXAMPLE = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
    static final String A_AT_EXAMPLE = "08168cd80dfd534ab0f10af10f1303fe00af2d43ab5c1432360d137f8197e17a";
    static final String B_AT_EXAMPLE = "e8f39b3e1382367d6d41ab34dc270d4e7533f978c9e9a775dfe2185b2f96b96c";
    static final String MOBILE_DE =
            "663a4322addcdcc2be9435bfd2505066dc1048b89d33e48f363119f18bdd71e8"; // +4915123456789
    static final String LANDLINE_DE =
            "b947f8ad7dc00f0f4ba3da5a5fbdf3959603e725e50858e8383eb4fd109fc591"; // +493012345678

    private final AudienceBuilder builder = new AudienceBuilder(IdentifierHasher.forRegion("DE"));

    static ContactRecord consenting(String userId, String email, String phone) {
        return new ContactRecord(userId, email, phone, true, true, false);
    }

    /** A campaign's members, with every exclusion reason and some duplicates. */
    static List<ContactRecord> campaignMembers() {
        return List.of(
                consenting("u1", "  Test@Example.COM ", "0151 23456789"),
                consenting("u1", "test@example.com", "+49 151 23456789"), // u1 again, via a second segment
                consenting("u2", "b@example.com", "not a phone"), // valid email, invalid phone
                consenting("u3", null, "030 12345678"), // phone only
                consenting("u4", "A@example.com", null),
                consenting("u5", "a@example.com", ""), // same identifiers as u4
                new ContactRecord("u6", "c@example.com", null, true, true, true), // opted out
                new ContactRecord("u7", "d@example.com", null, true, null, null), // personalization NULL
                new ContactRecord("u8", "e@example.com", null, false, true, false), // user data denied
                new ContactRecord("u9", "f@example.com", null, null, null, true), // opted out, no consent
                consenting("u10", "nobody", "12")); // nothing usable
    }

    @Test
    void countsEveryMemberInExactlyOneBucket() {
        AudienceCounts counts = builder.build(campaignMembers()).counts();
        assertEquals(new AudienceCounts(10, 2, 2, 1, 5), counts);
    }

    @Test
    void exportsSortedDeduplicatedRows() {
        AudienceExport export = builder.build(campaignMembers());
        assertEquals(
                List.of(
                        new AudienceMember("u3", Optional.empty(), Optional.of(LANDLINE_DE)),
                        new AudienceMember("u4", Optional.of(A_AT_EXAMPLE), Optional.empty()),
                        new AudienceMember("u1", Optional.of(TEST_AT_EXAMPLE), Optional.of(MOBILE_DE)),
                        new AudienceMember("u2", Optional.of(B_AT_EXAMPLE), Optional.empty())),
                export.members());
    }

    @Test
    void noConsentOrOptedOutMembersNeverReachTheExport() {
        List<String> excluded = List.of("u6", "u7", "u8", "u9", "u10");
        builder.build(campaignMembers()).members().forEach(m -> assertFalse(excluded.contains(m.userId()), m.userId()));
    }

    @Test
    void nullConsentIsNoConsent() {
        AudienceExport export = builder.build(List.of(
                new ContactRecord("u1", "a@example.com", null, null, true, false),
                new ContactRecord("u2", "b@example.com", null, true, null, false)));
        assertEquals(new AudienceCounts(2, 0, 2, 0, 0), export.counts());
        assertTrue(export.members().isEmpty());
    }

    @Test
    void oneOptedOutRowSuppressesTheWholeUser() {
        AudienceExport export = builder.build(List.of(
                consenting("u1", "a@example.com", null),
                new ContactRecord("u1", "b@example.com", null, true, true, true)));
        assertEquals(new AudienceCounts(1, 1, 0, 0, 0), export.counts());
        assertTrue(export.members().isEmpty());
    }

    @Test
    void oneRowWithoutConsentWithdrawsTheWholeUser() {
        AudienceExport export = builder.build(List.of(
                consenting("u1", "a@example.com", null),
                new ContactRecord("u1", "b@example.com", null, true, false, false)));
        assertEquals(new AudienceCounts(1, 0, 1, 0, 0), export.counts());
    }

    @Test
    void userWithTwoDifferentContactsGetsTwoRows() {
        AudienceExport export = builder.build(
                List.of(consenting("u1", "a@example.com", null), consenting("u1", "b@example.com", null)));
        assertEquals(new AudienceCounts(1, 0, 0, 0, 1), export.counts());
        assertEquals(2, export.members().size());
    }

    @Test
    void resultDoesNotDependOnInputOrder() {
        AudienceExport expected = builder.build(campaignMembers());
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            List<ContactRecord> shuffled = new ArrayList<>(campaignMembers());
            Collections.shuffle(shuffled, random);
            assertEquals(expected, builder.build(shuffled));
        }
    }

    @Test
    void emptyInputGivesEmptyExport() {
        AudienceExport export = builder.build(List.of());
        assertEquals(new AudienceCounts(0, 0, 0, 0, 0), export.counts());
        assertTrue(export.members().isEmpty());
    }

    @Test
    void exportSortsItsRows() {
        AudienceMember phoneOnly = new AudienceMember("u9", Optional.empty(), Optional.of(MOBILE_DE));
        AudienceMember b = new AudienceMember("u1", Optional.of(B_AT_EXAMPLE), Optional.empty());
        AudienceMember aWithPhone = new AudienceMember("u2", Optional.of(A_AT_EXAMPLE), Optional.of(MOBILE_DE));
        AudienceMember a = new AudienceMember("u3", Optional.of(A_AT_EXAMPLE), Optional.empty());
        AudienceExport export =
                new AudienceExport(List.of(b, aWithPhone, phoneOnly, a), new AudienceCounts(4, 0, 0, 0, 4));
        assertEquals(List.of(phoneOnly, a, aWithPhone, b), export.members());
    }

    @Test
    void exportRejectsDuplicateIdentifiers() {
        AudienceMember a = new AudienceMember("u1", Optional.of(A_AT_EXAMPLE), Optional.empty());
        AudienceMember b = new AudienceMember("u2", Optional.of(A_AT_EXAMPLE), Optional.empty());
        assertThrows(
                IllegalArgumentException.class,
                () -> new AudienceExport(List.of(a, b), new AudienceCounts(2, 0, 0, 0, 2)));
    }
}

package io.segmentsascode.audience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Expected digests computed independently, e.g. {@code printf %s test@example.com | sha256sum}. */
class IdentifierHasherTest {

    private final IdentifierHasher hasher = IdentifierHasher.forRegion("DE");

    @Test
    void emailDigestIsSha256OfTheNormalisedAddress() {
        String expected = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b";
        assertEquals(Optional.of(expected), hasher.hashEmail("test@example.com"));
        assertEquals(Optional.of(expected), hasher.hashEmail("  Test@Example.COM "));
    }

    @Test
    void gmailDotsAndSuffixesAreKept() {
        Optional<String> dotted = hasher.hashEmail("John.Doe@gmail.com");
        assertEquals(Optional.of("375320dd9ae7ed408002f3768e16cb5f28c861062fd50dff9a3bff62e9dce4ef"), dotted);
        assertEquals(
                Optional.of("06a240d11cc201676da976f7b49341181fd180da37cbe40a77432c0a366c80c3"),
                hasher.hashEmail("johndoe@gmail.com"));
        assertNotEquals(dotted, hasher.hashEmail("johndoe@gmail.com"));
        assertEquals(
                Optional.of("b678c9794a2b91a080d1c7d114d8b08333ee3dfd616eb43f22ad24f642e2edb2"),
                hasher.hashEmail("john.doe+ads@gmail.com"));
    }

    @Test
    void phoneDigestIsSha256OfE164() {
        String expected = "663a4322addcdcc2be9435bfd2505066dc1048b89d33e48f363119f18bdd71e8"; // +4915123456789
        assertEquals(Optional.of(expected), hasher.hashPhone("+49 151 23456789"));
        assertEquals(Optional.of(expected), hasher.hashPhone("0151-23456789"));
        assertEquals(
                Optional.of("40d3f4e02db27d66cf4cfdda506c2c945f115a7955cc8491dda98ce5beabcda0"),
                IdentifierHasher.forRegion("US").hashPhone("(415) 555-0100"));
    }

    @Test
    void unusableIdentifiersHaveNoDigest() {
        assertEquals(Optional.empty(), hasher.hashEmail("not an email"));
        assertEquals(Optional.empty(), hasher.hashEmail(null));
        assertEquals(Optional.empty(), hasher.hashPhone("garbage"));
        assertEquals(Optional.empty(), hasher.hashPhone(null));
    }

    @Test
    void digestsAWarehouseComputedPassThroughAndAnythingElseIsRefusedWithoutBeingEchoed() {
        IdentifierHasher hashed = IdentifierHasher.alreadyHashed();
        String digest = IdentifierHasher.forDataManager("DE")
                .hashEmail("Jane@Example.com")
                .orElseThrow();

        assertEquals(Optional.of(digest), hashed.hashEmail(digest));
        assertEquals(Optional.empty(), hashed.hashPhone(null));
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> hashed.hashEmail("jane@example.com"));
        assertFalse(refused.getMessage().contains("jane"), refused.getMessage());
    }
}

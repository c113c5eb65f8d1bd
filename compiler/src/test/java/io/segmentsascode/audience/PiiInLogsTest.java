package io.segmentsascode.audience;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Raw identifiers must never reach a log line through toString() or an exception message. */
class PiiInLogsTest {

    @Test
    void contactRecordToStringMasksEmailAndPhone() {
        ContactRecord record = new ContactRecord("u42", "Jane.Doe@Example.com", "+49 151 23456789", true, null, false);
        String text = record.toString();
        assertFalse(text.contains("Jane.Doe@Example.com"), text);
        assertFalse(text.toLowerCase().contains("jane"), text);
        assertFalse(text.contains("+49 151 23456789"), text);
        assertFalse(text.contains("23456789"), text);
        assertTrue(text.contains("u42"), text);
        assertTrue(text.contains("adPersonalizationConsent=null"), text);
    }

    @Test
    void audienceMemberToStringPrintsNoDigest() {
        String digest = AudienceBuilderTest.TEST_AT_EXAMPLE;
        String text = new AudienceMember("u1", Optional.of(digest), Optional.empty()).toString();
        assertFalse(text.contains(digest.substring(0, 8)), text);
    }

    @Test
    void audienceMemberRejectsRawIdentifiersWithoutEchoingThem() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new AudienceMember("u1", Optional.of("jane@example.com"), Optional.empty()));
        assertFalse(e.getMessage().contains("jane"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new AudienceMember("u1", Optional.empty(), Optional.of("+4915123456789")));
        assertThrows(
                IllegalArgumentException.class, () -> new AudienceMember("u1", Optional.empty(), Optional.empty()));
    }
}

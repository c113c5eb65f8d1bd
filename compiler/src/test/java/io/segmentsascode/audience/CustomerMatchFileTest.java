package io.segmentsascode.audience;

import static io.segmentsascode.audience.AudienceBuilderTest.A_AT_EXAMPLE;
import static io.segmentsascode.audience.AudienceBuilderTest.B_AT_EXAMPLE;
import static io.segmentsascode.audience.AudienceBuilderTest.LANDLINE_DE;
import static io.segmentsascode.audience.AudienceBuilderTest.MOBILE_DE;
import static io.segmentsascode.audience.AudienceBuilderTest.TEST_AT_EXAMPLE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomerMatchFileTest {

    private final AudienceBuilder builder = new AudienceBuilder(IdentifierHasher.forRegion("DE"));

    @Test
    void writesHeaderAndOneDigestRowPerMember() {
        String csv = CustomerMatchFile.render(builder.build(AudienceBuilderTest.campaignMembers()));
        assertEquals(
                "Email,Phone\n"
                        + "," + LANDLINE_DE + "\n"
                        + A_AT_EXAMPLE + ",\n"
                        + TEST_AT_EXAMPLE + "," + MOBILE_DE + "\n"
                        + B_AT_EXAMPLE + ",\n",
                csv);
    }

    @Test
    void emptyAudienceIsJustTheHeader() {
        assertEquals("Email,Phone\n", CustomerMatchFile.render(builder.build(List.of())));
    }

    @Test
    void sameMembersInAnyOrderGiveIdenticalBytes(@TempDir Path dir) throws IOException {
        List<ContactRecord> first = new ArrayList<>(AudienceBuilderTest.campaignMembers());
        List<ContactRecord> second = new ArrayList<>(first);
        Collections.shuffle(first, new Random(1));
        Collections.shuffle(second, new Random(2));
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        CustomerMatchFile.write(builder.build(first), a);
        CustomerMatchFile.write(builder.build(second), b);
        byte[] bytes = Files.readAllBytes(a);
        assertArrayEquals(bytes, Files.readAllBytes(b));
        assertArrayEquals(CustomerMatchFile.render(builder.build(first)).getBytes(StandardCharsets.UTF_8), bytes);
    }

    @Test
    void everyDataCellIsADigestOrEmpty() {
        String csv = CustomerMatchFile.render(builder.build(AudienceBuilderTest.campaignMembers()));
        List<String> rows = csv.lines().skip(1).toList();
        assertEquals(4, rows.size());
        rows.forEach(row -> assertTrue(row.matches("([0-9a-f]{64})?,([0-9a-f]{64})?") && !row.equals(","), row));
    }
}

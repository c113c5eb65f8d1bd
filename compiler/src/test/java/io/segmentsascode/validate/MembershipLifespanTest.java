package io.segmentsascode.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A Customer Match membership lasts 0 to 540 whole days (Google's limit): anything else is refused where written. */
class MembershipLifespanTest {

    @TempDir
    Path project;

    @ParameterizedTest
    @ValueSource(strings = {"541", "-1", "30.5"})
    void aLifespanOutsideGooglesRangeIsALocatedError(String days) throws Exception {
        SegmentsException failure = assertThrows(SegmentsException.class, () -> check(days));

        List<String> errors =
                failure.diagnostics().stream().map(Diagnostic::format).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("cmp_life.yaml:6:"), errors.get(0));
        assertTrue(errors.get(0).contains("membership_days"), errors.get(0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 540})
    void theBoundsThemselvesAreAllowed(int days) throws Exception {
        ResolvedProject resolved = check(String.valueOf(days));

        assertEquals(days, resolved.campaigns().get(0).membershipDays());
    }

    @Test
    void theSchemaStatesTheRange() throws Exception {
        String schema = Files.readString(Path.of("..", "schemas", "campaign-v1.json"));
        assertTrue(schema.contains("\"membership_days\": {\"type\": \"integer\", \"minimum\": 0, \"maximum\": 540}"));
    }

    private ResolvedProject check(String days) throws Exception {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Path campaigns = Files.createDirectories(project.resolve("campaigns"));
        Files.copy(Path.of("..", "segments", "warehouse.yaml"), segments.resolve("warehouse.yaml"));
        Files.copy(Path.of("..", "segments", "seg_rfm_loyal.yaml"), segments.resolve("seg_rfm_loyal.yaml"));
        Files.writeString(campaigns.resolve("cmp_life.yaml"), """
                # yaml-language-server: $schema=../schemas/campaign-v1.json
                id: cmp_life
                description: Lifespan.
                owner: qa@example.com
                segments: [seg_rfm_loyal]
                google_ads: {customer_id: "111-111-1111", membership_days: %s}
                stage: production
                """.formatted(days));
        return new Stages().check(segments, campaigns);
    }
}

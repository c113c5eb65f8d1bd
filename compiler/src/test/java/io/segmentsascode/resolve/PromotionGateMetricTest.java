package io.segmentsascode.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.pipeline.Stages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A promotion gate on a metric the experiments table cannot support is refused where the metric is written. */
class PromotionGateMetricTest {

    @TempDir
    Path project;

    @Test
    void revenuePerUserWithoutTheSumOfSquaresIsALocatedError() throws Exception {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Path campaigns = Files.createDirectories(project.resolve("campaigns"));
        String warehouse = Files.readString(Path.of("..", "segments", "warehouse.yaml"));
        Files.writeString(
                segments.resolve("warehouse.yaml"),
                warehouse
                                .lines()
                                .filter(line -> !line.strip().startsWith("revenue_sq_sum:"))
                                .reduce((a, b) -> a + "\n" + b)
                                .orElseThrow()
                        + "\n");
        Files.copy(Path.of("..", "segments", "seg_rfm_loyal.yaml"), segments.resolve("seg_rfm_loyal.yaml"));
        Files.writeString(campaigns.resolve("cmp_gated.yaml"), """
                # yaml-language-server: $schema=../schemas/campaign-v1.json
                id: cmp_gated
                description: Gated.
                owner: qa@example.com
                segments: [seg_rfm_loyal]
                google_ads: {customer_id: "111-111-1111", membership_days: 30}
                stage: experimental
                promote_when: {experiment: exp_x, metric: revenue_per_user, min_uplift: 0.05, confidence: 0.95}
                """);

        ResolveException failure = assertThrows(ResolveException.class, () -> new Stages().check(segments, campaigns));

        List<String> errors =
                failure.diagnostics().stream().map(Diagnostic::format).toList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals(
                "cmp_gated.yaml:8:43: error: promotion gate on revenue_per_user cannot be evaluated: table"
                        + " 'experiments' has no column revenue_sq_sum (declare revenue_sq_sum in table experiments of"
                        + " warehouse.yaml, or gate on another metric)",
                errors.get(0).substring(errors.get(0).indexOf("cmp_gated.yaml")));
    }
}

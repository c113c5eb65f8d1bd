package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.apply.files.AudienceFiles;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.plan.Plan;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.plan.impact.Finding;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pull request that makes an experimental mapping production, planned against the bundled
 * project as its base, on the generated sample's experiments: exp_premium_upsell is a clear
 * winner, exp_loyalty_perks makes no difference.
 */
class PromotionGateTest {

    @TempDir
    Path base;

    @TempDir
    Path head;

    @BeforeEach
    void projects() throws IOException {
        copyBundled(base);
        copyBundled(head);
    }

    @Test
    void promotingOnAFailingGateFailsThePlan() throws IOException {
        promote("cmp_loyalty_perks", "");

        PlanException failure = assertThrows(PlanException.class, () -> plan());

        List<String> errors = failure.diagnostics().stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::message)
                .toList();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0)
                .startsWith("[promotion-without-evidence] mapping cmp_loyalty_perks becomes production,"
                        + " but gate exp_loyalty_perks conversion_rate"));
        assertTrue(errors.get(0).contains("does not pass"), errors.get(0));
    }

    @Test
    void promotingOnAPassingGateSucceeds() throws IOException {
        promote("cmp_search_premium_upsell", "");

        Plan plan = plan();

        Finding promoted = finding(plan, "cmp_search_premium_upsell");
        assertEquals("promotion-gate", promoted.code());
        assertTrue(promoted.message().contains("becomes production on evidence"), promoted.message());
        assertTrue(promoted.message().contains(": passes"), promoted.message());
    }

    @Test
    void aReviewedOverrideLetsAFailingGatePassWithItsReasonInThePlan() throws IOException {
        promote(
                "cmp_loyalty_perks",
                "promotion_override: {reviewed_by: cmo@example.com, reason: \"Contractual launch date; test reruns in Q1.\"}\n");

        Finding override = finding(plan(), "cmp_loyalty_perks");

        assertEquals("promotion-override", override.code());
        assertTrue(override.message().endsWith("cmo@example.com: Contractual launch date; test reruns in Q1."));
    }

    @Test
    void withoutAPromotionEachGateIsInformation() {
        Plan plan = plan();

        assertTrue(finding(plan, "cmp_loyalty_perks").message().contains("does not pass"));
        assertTrue(finding(plan, "cmp_search_premium_upsell").message().contains(": passes"));
    }

    private static Finding finding(Plan plan, String campaign) {
        return plan.findings().stream()
                .filter(f -> f.subject().equals(campaign) && f.code().startsWith("promotion"))
                .findFirst()
                .orElseThrow();
    }

    private void promote(String campaign, String extraLine) throws IOException {
        Path file = head.resolve("campaigns").resolve(campaign + ".yaml");
        String yaml = Files.readString(file).replaceFirst("stage: experimental", "stage: production");
        Files.writeString(file, yaml + extraLine);
    }

    private Plan plan() {
        SegmentsSettings settings = new SettingsResolver(
                        Map.of(Parameters.SAMPLE_USERS, "2000", Parameters.BASE, "main"), Map.of("CI", "true"))
                .resolve(head, head.resolve("target/segments"));
        Connectors connectors = new Connectors(
                LocalWarehouse::open,
                AudienceFiles::open,
                (projectDir, ref, paths, into) -> {
                    for (Path path : paths) {
                        copyTree(base.resolve(path), into.resolve(path));
                    }
                    return "base0000";
                },
                PinnedCompile.recordedAnalyzer(head.resolve("segments.lock")),
                new ResolvedTreeDuckDbTranslator(),
                null,
                (projectDir, dir, limit) -> List.of());
        return new SegmentsJob(settings, Console.silent(), connectors).plan();
    }

    private static void copyBundled(Path project) throws IOException {
        for (String dir : List.of("segments", "campaigns")) {
            copyTree(Path.of("..", "..", dir), project.resolve(dir));
        }
        Files.copy(Path.of("..", "..", "segments.lock"), project.resolve("segments.lock"));
    }

    /** As a Git checkout does, a path the base lacks contributes nothing. */
    private static void copyTree(Path from, Path to) {
        try {
            if (!Files.exists(from)) {
                return;
            }
            if (Files.isRegularFile(from)) {
                Files.createDirectories(to.getParent());
                Files.copy(from, to);
                return;
            }
            Files.createDirectories(to);
            try (Stream<Path> files = Files.list(from)) {
                for (Path file : files.toList()) {
                    Files.copy(file, to.resolve(file.getFileName()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

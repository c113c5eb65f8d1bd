package io.segmentsascode.duckdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.apply.files.AudienceFiles;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.config.SegmentsSettings;
import io.segmentsascode.config.SettingsResolver;
import io.segmentsascode.evaluate.Comparison;
import io.segmentsascode.evaluate.Evaluation;
import io.segmentsascode.googlesql.ResolvedTreeDuckDbTranslator;
import io.segmentsascode.model.ExperimentMetric;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.SegmentsJob;
import io.segmentsascode.spi.Connectors;
import io.segmentsascode.spi.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** segments:evaluate on the bundled project and the generated sample: a clear winner, a clear loser, a null result. */
class EvaluateSampleTest {

    private static final ExperimentMetric REVENUE = ExperimentMetric.REVENUE_PER_USER;
    private static final ExperimentMetric CONVERSION = ExperimentMetric.CONVERSION_RATE;

    @TempDir
    Path project;

    @Test
    void theSampleHasAWinnerALoserAndANullResult() throws IOException {
        List<String> console = new ArrayList<>();
        Evaluation evaluation = job(copyBundledProject(), console).evaluate();

        Comparison winner = evaluation.experiment("exp_premium_upsell").orElseThrow();
        assertTrue(winner.bBeatsA(REVENUE, 0.95) && winner.bBeatsA(CONVERSION, 0.95));
        Comparison loser = evaluation.experiment("exp_winback_offer").orElseThrow();
        assertTrue(loser.absoluteUplift(REVENUE) < 0 && loser.test(REVENUE).pValue() < 0.05);
        assertFalse(loser.bBeatsA(REVENUE, 0.95) || loser.bBeatsA(CONVERSION, 0.95));
        Comparison unchanged = evaluation.experiment("exp_loyalty_perks").orElseThrow();
        assertTrue(unchanged.test(CONVERSION).pValue() > 0.05
                && unchanged.test(REVENUE).pValue() > 0.05);

        // sorted by revenue-per-user uplift, largest first
        List<Double> uplifts = evaluation.byLabel().stream()
                .map(c -> c.absoluteUplift(REVENUE))
                .toList();
        List<Double> sorted = new ArrayList<>(uplifts);
        sorted.sort((a, b) -> Double.compare(b, a));
        assertEquals(sorted, uplifts);
        assertEquals(20, evaluation.byLabel().size());

        Path out = project.resolve("target/segments");
        for (String file : List.of("evaluation.md", "evaluation.json", "evaluation.html")) {
            assertTrue(Files.readString(out.resolve(file)).contains("exp_premium_upsell"), file);
        }
        assertTrue(console.stream().anyMatch(line -> line.contains("exp_winback_offer")));
    }

    /** After apply has written cmp_winback_at_risk's groups, evaluate compares its control group with the treated. */
    @Test
    void aHoldoutsControlGroupIsComparedWithItsTreatedMembers() throws IOException {
        List<String> console = new ArrayList<>();
        SegmentsJob job = job(copyBundledProject(), console);
        assertEquals(List.of(), job.evaluate().holdouts());
        assertTrue(
                console.contains("Holdout of cmp_winback_at_risk: no groups written yet (segments:apply writes them)"));

        job.apply();
        Comparison holdout = job.evaluate().holdouts().get(0);

        assertEquals("holdout cmp_winback_at_risk", holdout.experiment());
        long control = holdout.a().orElseThrow().users();
        long treated = holdout.b().orElseThrow().users();
        double share = (double) control / (control + treated);
        assertTrue(share > 0.05 && share < 0.15, control + " control, " + treated + " treated");
        // the sample serves no ads, so holding out changes nothing: no flag
        assertFalse(holdout.bBeatsA(REVENUE, 0.95) && holdout.bBeatsA(CONVERSION, 0.95));
    }

    private Path copyBundledProject() throws IOException {
        for (String dir : List.of("segments", "campaigns")) {
            Files.createDirectories(project.resolve(dir));
            try (Stream<Path> files = Files.list(Path.of("..", "..", dir))) {
                for (Path file : files.toList()) {
                    Files.copy(file, project.resolve(dir).resolve(file.getFileName()));
                }
            }
        }
        Files.copy(Path.of("..", "..", "segments.lock"), project.resolve("segments.lock"));
        return project;
    }

    static SegmentsJob job(Path project, List<String> console) {
        SegmentsSettings settings = new SettingsResolver(Map.of(Parameters.SAMPLE_USERS, "2000"), Map.of("CI", "true"))
                .resolve(project, project.resolve("target/segments"));
        Connectors connectors = new Connectors(
                LocalWarehouse::open,
                AudienceFiles::open,
                null,
                PinnedCompile.recordedAnalyzer(project.resolve("segments.lock")),
                new ResolvedTreeDuckDbTranslator(),
                null,
                (projectDir, dir, limit) -> List.of());
        Console collecting = new Console() {
            @Override
            public void info(String line) {
                console.add(line);
            }

            @Override
            public void warn(String line) {
                console.add(line);
            }

            @Override
            public void error(String line) {
                console.add(line);
            }
        };
        return new SegmentsJob(settings, collecting, connectors);
    }
}

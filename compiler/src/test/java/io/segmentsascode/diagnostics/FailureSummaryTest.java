package io.segmentsascode.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.segmentsascode.analyze.GuardException;
import io.segmentsascode.apply.ApplyException;
import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.intent.GenerationException;
import io.segmentsascode.intent.LockFileException;
import io.segmentsascode.load.LoadException;
import io.segmentsascode.plan.PlanException;
import io.segmentsascode.preview.PreviewException;
import io.segmentsascode.resolve.ResolveException;
import io.segmentsascode.validate.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The last line Maven prints: each stage's own next step, after one shared error count. */
class FailureSummaryTest {

    private static final List<Diagnostic> ONE = List.of(Diagnostic.error(Location.ofSetting("x"), "wrong", ""));
    private static final List<Diagnostic> TWO = List.of(
            Diagnostic.error(Location.ofSetting("x"), "wrong", ""),
            Diagnostic.error(Location.ofSetting("y"), "wrong too", ""),
            Diagnostic.warning(Location.ofSetting("z"), "not counted", ""));

    @Test
    void eachStageSaysWhatToDoNext() {
        assertEquals(
                "1 error reading the segment files; fix the lines listed above (each says file:line:col)",
                new LoadException(ONE).summary());
        assertEquals(
                "2 errors in the segment or campaign files; fix the lines listed above and run mvn segments:validate",
                new ValidationException(TWO).summary());
        assertEquals(
                "1 error: definitions name things warehouse.yaml or the other files do not declare; see the lines above",
                new ResolveException(ONE).summary());
        assertEquals(
                "1 error in the preview data given by -Dsegments.sampleData; see the lines above",
                new PreviewException(ONE).summary());
        assertEquals(
                "1 error in segments.lock; run mvn segments:generate (with model credentials) and commit the lock",
                new LockFileException(ONE).summary());
        assertEquals(
                "2 errors generating or checking intent and sql segments; see the lines above",
                new GenerationException(TWO).summary());
        assertEquals(
                " in the plan's governance checks; fix the definitions named above, then plan again",
                new PlanException(List.of()).nextStep());
        assertEquals("1 error in the parameters; see the lines above", new ConfigException(ONE).summary());
    }

    @Test
    void aStageWithoutItsOwnStepPointsAtTheFindings() {
        assertEquals("2 errors; see the lines above", new GuardException(TWO).summary());
    }

    @Test
    void applySaysNothingChangedInsteadOfCounting() {
        assertEquals(
                "apply did not start and changed nothing; see the lines above",
                new ApplyException(Parameters.PLAN, "stale", "plan again").summary());
    }
}

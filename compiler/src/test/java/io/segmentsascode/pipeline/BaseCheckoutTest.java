package io.segmentsascode.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.segmentsascode.config.ConfigException;
import io.segmentsascode.config.Parameters;
import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.Location;
import io.segmentsascode.spi.BaseCheckoutException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A base that cannot be read is a wrong segments.base, reported before anything is planned or applied. */
class BaseCheckoutTest {

    @Test
    void anUnreadableBaseIsAnErrorOnTheBaseParameter() {
        ConfigException e = assertThrows(
                ConfigException.class,
                () -> PlanGoal.checkout(
                        (project, ref, paths, into) -> {
                            throw new BaseCheckoutException("segments.base 'nope' does not name a commit", null);
                        },
                        Path.of("."),
                        "nope",
                        List.of(Path.of("segments")),
                        Path.of("base")));

        Diagnostic error = e.diagnostics().get(0);
        assertEquals(1, e.diagnostics().size());
        assertEquals(Location.ofSetting(Parameters.BASE), error.location());
        assertEquals("segments.base 'nope' does not name a commit", error.message());
        assertEquals("pass a branch, tag or commit of this repository", error.hint());
        assertEquals("1 error in the parameters; see the lines above", e.summary());
    }

    @Test
    void aReadableBaseGivesItsCommit() {
        assertEquals(
                "abc",
                PlanGoal.checkout(
                        (project, ref, paths, into) -> "abc", Path.of("."), "main", List.of(), Path.of("base")));
    }
}

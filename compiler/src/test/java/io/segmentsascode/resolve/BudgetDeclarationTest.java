package io.segmentsascode.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.segmentsascode.diagnostics.Diagnostic;
import io.segmentsascode.diagnostics.SegmentsException;
import io.segmentsascode.model.Budget;
import io.segmentsascode.model.ResolvedProject;
import io.segmentsascode.pipeline.PinnedCompile;
import io.segmentsascode.pipeline.Stages;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** warehouse.yaml's {@code budget}: read into the model, and a malformed one refused at its file:line:col. */
class BudgetDeclarationTest {

    @TempDir
    Path project;

    @Test
    void aBudgetInBinaryUnitsIsReadWithWhereItIsDeclared() throws IOException {
        int line = write("budget:\n  max_bytes_per_month: 2.5 TiB\n  max_cost_per_month: 40.5\n");

        ResolvedProject resolved = check();

        Budget budget = resolved.warehouse().budget().orElseThrow();
        assertEquals(Optional.of((5L << 40) / 2), budget.maxBytesPerMonth());
        assertEquals(Optional.of(new BigDecimal("40.5")), budget.maxCostPerMonth());
        assertEquals(line, budget.declaredAt().line());
        assertEquals(1, budget.declaredAt().column());
    }

    @Test
    void aDecimalUnitIsRefusedAtTheValueWithTheUnitsThatWork() throws IOException {
        int line = write("budget:\n  max_bytes_per_month: 5 TB\n");

        List<String> errors = errors();

        assertEquals(1, errors.size(), errors.toString());
        String expectedAt =
                "segments/warehouse.yaml:" + (line + 1) + ":24: error: max_bytes_per_month '5 TB' is not a size";
        assertTrue(errors.get(0).contains(expectedAt), errors.get(0));
        assertTrue(errors.get(0).contains("KiB, MiB, GiB, TiB or PiB"), errors.get(0));
    }

    @Test
    void aCostOfZeroAndAnEmptyBudgetAreRefusedWhereTheyAreWritten() throws IOException {
        int line = write("budget:\n  max_cost_per_month: 0\n");

        List<String> errors = errors();

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("segments/warehouse.yaml:" + (line + 1) + ":"), errors.get(0));
        assertTrue(errors.get(0).contains("max_cost_per_month"), errors.get(0));

        line = write("budget: {}\n");
        errors = errors();
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("segments/warehouse.yaml:" + line + ":"), errors.get(0));
    }

    /** Appends {@code budget} to the bundled warehouse.yaml; the line its first line lands on. */
    private int write(String budget) throws IOException {
        Path segments = Files.createDirectories(project.resolve("segments"));
        Files.createDirectories(project.resolve("campaigns"));
        String warehouse = Files.readString(PinnedCompile.BUNDLED_SEGMENTS.resolve("warehouse.yaml"));
        if (!warehouse.endsWith("\n")) {
            warehouse += "\n";
        }
        Files.writeString(segments.resolve("warehouse.yaml"), warehouse + budget);
        Files.copy(
                PinnedCompile.BUNDLED_SEGMENTS.resolve("seg_rfm_champions.yaml"),
                segments.resolve("seg_rfm_champions.yaml"),
                StandardCopyOption.REPLACE_EXISTING);
        return (int) warehouse.lines().count() + 1;
    }

    private ResolvedProject check() {
        return new Stages().check(project.resolve("segments"), project.resolve("campaigns"));
    }

    private List<String> errors() {
        SegmentsException failure = assertThrows(SegmentsException.class, this::check);
        return failure.diagnostics().stream()
                .filter(Diagnostic::isError)
                .map(Diagnostic::format)
                .map(text -> text.replace(project.toString() + "/", ""))
                .toList();
    }
}

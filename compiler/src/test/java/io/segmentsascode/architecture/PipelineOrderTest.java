package io.segmentsascode.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;
import java.io.File;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PipelineOrderTest {

    private static final String CORE = "io.segmentsascode";
    private static final String FIXTURE = CORE + ".architecture.fixture";
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(CORE);
    }

    @Test
    void everyPackageUsesOnlyThePackagesBeforeIt() {
        PipelineOrder.layers(CORE, PipelineOrder.PACKAGES).check(core);
    }

    @Test
    void noPackagesDependOnEachOther() {
        PipelineOrder.noCycles(CORE).check(core);
    }

    /** A package nobody placed would escape the order: every package of the core is in the list. */
    @Test
    void everyPackageOfTheCoreHasItsPlace() {
        Set<String> found = new TreeSet<>();
        core.forEach(c -> found.add(c.getPackageName().substring(CORE.length() + 1)));
        assertEquals(new TreeSet<>(PipelineOrder.PACKAGES), found);
    }

    /** Every stage says what it takes, what it gives and how it fails. */
    @Test
    void everyPackageHasItsPackageInfo() {
        for (String name : PipelineOrder.PACKAGES) {
            File info = new File("src/main/java/" + (CORE + "." + name).replace('.', '/') + "/package-info.java");
            assertTrue(info.isFile(), "missing " + info);
        }
    }

    /**
     * The rules catch the cycle this order replaced: a model type that uses a render type (as
     * SegmentDefinition used render.OutputColumn) while render uses the model.
     */
    @Test
    void theRulesFailOnAModelThatUsesRender() {
        JavaClasses fixture = new ClassFileImporter().importPackages(FIXTURE);
        EvaluationResult order =
                PipelineOrder.layers(FIXTURE, List.of("model", "render")).evaluate(fixture);
        assertTrue(order.hasViolation());
        assertTrue(
                order.getFailureReport().getDetails().stream()
                        .anyMatch(
                                d -> d.contains("fixture.model.Segment") && d.contains("fixture.render.OutputColumn")),
                order.getFailureReport().toString());
        EvaluationResult cycles = PipelineOrder.noCycles(FIXTURE).evaluate(fixture);
        assertTrue(cycles.hasViolation(), "the model ↔ render cycle is reported");
    }
}

package io.segmentsascode.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.List;

/**
 * The core's packages in pipeline order: each may use only the packages before it. Foundations
 * first, then the stages load → validate (scaffolding writes files that pass it) → resolve → SQL sources → generate → render → preview →
 * plan → apply (audiences: normalised contacts, then their destinations), then the ports and the goals that drive them.
 */
final class PipelineOrder {

    static final List<String> PACKAGES = List.of(
            "diagnostics",
            "storage",
            "digest",
            "config",
            "load",
            "validate",
            "scaffold",
            "expr",
            "model",
            "resolve",
            "analyze",
            "intent",
            "generate",
            "render",
            "preview",
            "evaluate",
            "brief",
            "plan.diff",
            "plan.impact",
            "plan.live",
            "plan.review",
            "plan",
            "plan.report",
            "audience",
            "apply",
            "apply.files",
            "spi",
            "pipeline");

    private PipelineOrder() {}

    /** Every dependency between the packages under {@code root} goes from a later package to an earlier one. */
    static ArchRule layers(String root, List<String> order) {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String name : order) {
            // "plan" is the package itself; its sub-packages are layers of their own
            layers = layers.layer(name).definedBy(root + "." + name);
        }
        for (int i = 0; i < order.size(); i++) {
            List<String> later = order.subList(i + 1, order.size());
            layers = later.isEmpty()
                    ? layers.whereLayer(order.get(i)).mayNotBeAccessedByAnyLayer()
                    : layers.whereLayer(order.get(i)).mayOnlyBeAccessedByLayers(later.toArray(String[]::new));
        }
        return layers.allowEmptyShould(true);
    }

    /** No two packages under {@code root} depend on each other, directly or through others. */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }
}
